import { routeRules } from '../../auth/access.ts';

/** Who reads a work queue: `policies.workQueue` of `shared/policies.ts` (each role its own). */
export const workQueuePolicy = routeRules('workQueue');
