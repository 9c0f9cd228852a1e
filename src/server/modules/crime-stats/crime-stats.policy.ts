import { ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

/*
 * Who may do what with the police crime statistics.
 * - Imports, column mappings and the offence → field-of-action mapping: admin and LPR staff.
 * - District figures are aggregate public statistics without personal data: every signed-in role.
 * - Municipality figures: every signed-in role reaches the route, the rows are scoped like the
 *   municipalities (coordinator: own communes; police: its directorate; admin, LPR, ministry: all).
 */
export const crimeStatsPolicy = {
  import: { allow: ['admin', 'lpr'] },
  editCatalogue: { allow: ['admin', 'lpr'] },
  readDistricts: { allow: ROLES },
  readMunicipalities: { allow: ROLES },
} as const satisfies Record<string, AccessRule>;
