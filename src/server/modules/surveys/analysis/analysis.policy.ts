import { routeRules } from '../../../auth/access.ts';

/** Who may see the analysis of a citizen survey (decision 011): `policies.surveyAnalysis` of `shared/policies.ts`. */
export const analysisPolicy = routeRules('surveyAnalysis');
