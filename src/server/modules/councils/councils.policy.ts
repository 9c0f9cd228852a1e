import { ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

/*
 * Who may do what with the prevention councils.
 * - Admin and LPR staff: every council.
 * - A coordinator founds and manages the council of its own communes: members, meetings, tasks,
 *   documents, the calendar feed, problem fields and prevention areas.
 * - Police read the councils of their directorate (members, meetings, tasks).
 * - The ministry sees counts only (GET /api/councils/counts), as every signed-in role may.
 * - The calendar feed is public but guarded by its secret token alone.
 * Row scoping: `municipalScope` of the organisations module (a council is in scope when one of its
 * municipalities is).
 */
export const councilsPolicy = {
  read: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
  write: { allow: ['admin', 'lpr', 'coordinator'] },
  counts: { allow: ROLES },
  feed: { allow: ['public'] },
} as const satisfies Record<string, AccessRule>;
