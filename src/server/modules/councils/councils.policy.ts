import { routeRules } from '../../auth/access.ts';

/** Who may do what with the prevention councils: `policies.councils` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const councilsPolicy = routeRules('councils');
