import { routeRules } from '../../auth/access.ts';

/** Who may do what with projects and funding: `policies.funding` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const fundingPolicy = routeRules('funding');
