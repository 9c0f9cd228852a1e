import type { AccessRule } from '../../http/types.ts';

/*
 * Who may do what with coaching.
 * - Admin and LPR staff keep the pool of coaches and record coaching processes (start, sessions, end).
 * - Coordinators and police read the coaching processes of their communes / directorate.
 * - The ministry sees the figure "coaching processes running" through the alliance figures only.
 */
export const coachingPolicy = {
  manage: { allow: ['admin', 'lpr'] },
  read: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
} as const satisfies Record<string, AccessRule>;
