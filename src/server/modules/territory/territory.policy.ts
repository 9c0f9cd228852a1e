import { AUDIENCES, ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

export const territoryPolicy = {
  /** The directory is official public data; every signed-in role reads it, scoped to its rows. */
  read: { allow: ROLES },
  /** Boundaries are public geodata (BKG open data licence): the map is for everyone, also the public page. */
  map: { allow: AUDIENCES },
  /** Imports replace reference data everybody relies on: admins only. */
  import: { allow: ['admin'] },
} as const satisfies Record<string, AccessRule>;
