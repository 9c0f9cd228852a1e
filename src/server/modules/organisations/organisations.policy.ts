import { routeRules } from '../../auth/access.ts';

/** Who may do what with organisations and people: `policies.organisations` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const organisationsPolicy = routeRules('organisations');
