import { routeRules } from '../../auth/access.ts';

/** Who may read the contradictions: `policies.consistency` of `shared/policies.ts`. */
export const consistencyPolicy = routeRules('consistency');
