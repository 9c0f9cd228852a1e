import { routeRules } from '../../auth/access.ts';

/** Who may do what with the effects: `policies.effects` of `shared/policies.ts`; rows through `auth/access.ts`. */
export const effectsPolicy = routeRules('effects');
