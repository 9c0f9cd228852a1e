import type { AccessRule } from '../../http/types.ts';

/** The audit trail holds personal data of all users: admins only. */
export const auditPolicy = {
  read: { allow: ['admin'] },
} as const satisfies Record<string, AccessRule>;
