import { routeRules } from '../../auth/access.ts';

/** Who may do what with security analyses: `policies.securityAnalysis` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const securityAnalysisPolicy = routeRules('securityAnalysis');
