import { routeRules } from '../../auth/access.ts';

/** Who may do what with training: `policies.training` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const trainingPolicy = routeRules('training');
