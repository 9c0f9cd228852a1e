import { routeRules } from '../../auth/access.ts';

/** Who reads and imports the directory and boundaries: `policies.territory` of `shared/policies.ts`. */
export const territoryPolicy = routeRules('territory');
