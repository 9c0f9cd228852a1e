import { routeRules } from '../../auth/access.ts';

/** Who may do what with the alliance records: `policies.alliance` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const alliancePolicy = routeRules('alliance');
