import { routeRules } from '../../auth/access.ts';

/** Who may manage accounts: `policies.users` of `shared/policies.ts`. */
export const usersPolicy = routeRules('users');
