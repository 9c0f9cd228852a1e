import { routeRules } from '../../auth/access.ts';

/** Who may do what with citizen surveys (decision 010): `policies.surveys` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const surveysPolicy = routeRules('surveys');
