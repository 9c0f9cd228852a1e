import type { AccessRule } from '../../http/types.ts';

/** Who may manage accounts: only admins. Everyone signed in may read their own account via /api/auth/session. */
export const usersPolicy = {
  manage: { allow: ['admin'] },
} as const satisfies Record<string, AccessRule>;
