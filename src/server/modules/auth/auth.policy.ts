import { routeRules } from '../../auth/access.ts';

/** Signing in, the own session and password change (`policies.auth`), also before replacing a one-time password. */
export const authPolicy = routeRules('auth', { duringPasswordChange: true });
