import { routeRules } from '../../auth/access.ts';

/** Who may do what with the police crime statistics: `policies.crimeStats` of `shared/policies.ts`. */
export const crimeStatsPolicy = routeRules('crimeStats');
