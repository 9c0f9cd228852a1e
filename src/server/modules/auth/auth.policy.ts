import { AUDIENCES, ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

export const authPolicy = {
  /** Signing in and the SSO round trip are open to anyone. */
  anyone: { allow: AUDIENCES, duringPasswordChange: true },
  /** Own session, sign-out and password change: any signed-in user, also before replacing a one-time password. */
  self: { allow: ROLES, duringPasswordChange: true },
} as const satisfies Record<string, AccessRule>;
