import { routeRules } from '../../auth/access.ts';

/** Who reads the audit trail: `policies.audit` of `shared/policies.ts`. */
export const auditPolicy = routeRules('audit');
