import { routeRules } from '../../auth/access.ts';

/** Health probes and the API description: `policies.system` of `shared/policies.ts`. */
export const systemPolicy = routeRules('system', { duringPasswordChange: true });
