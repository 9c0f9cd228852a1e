import { ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

/*
 * Who may do what with training.
 * - Admin and LPR staff set up courses, record attendance and completion.
 * - Coordinators enrol people of their communes (and withdraw those enrolments); they see only
 *   the enrolments of their communes, police those of their directorate.
 * - Figures per municipality, district and year are counts: every signed-in role.
 */
export const trainingPolicy = {
  read: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
  manage: { allow: ['admin', 'lpr'] },
  enrol: { allow: ['admin', 'lpr', 'coordinator'] },
  figures: { allow: ROLES },
} as const satisfies Record<string, AccessRule>;
