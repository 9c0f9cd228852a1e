import { routeRules } from '../../auth/access.ts';

/** Who may ask whether demo data exist: `policies.demo` of `shared/policies.ts` (anyone). */
export const demoPolicy = routeRules('demo');
