import { routeRules } from '../../auth/access.ts';

/** Who may do what with the annual report: `policies.annualReport` of `shared/policies.ts`. */
export const annualReportPolicy = routeRules('annualReport');
