import { routeRules } from '../../auth/access.ts';

/** Who may do what with coaching: `policies.coaching` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const coachingPolicy = routeRules('coaching');
