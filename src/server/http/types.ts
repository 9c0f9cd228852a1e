import '@fastify/cookie';
import type { PolicyName } from '../../shared/policies.ts';
import type { Audience } from '../../shared/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppConfig } from '../config.ts';
import type { Db, Dialect } from '../db/database.ts';

/** Who may call a route: declared next to every route, enforced before the body is read. */
export interface AccessRule {
  /** The rule of `shared/policies.ts` this declaration is (the authorization matrix checks it). */
  policy?: PolicyName;
  allow: readonly Audience[];
  /** The route may be used while the user still has to replace a one-time password. */
  duringPasswordChange?: boolean;
  /** Writes without a session (login) need no CSRF token; everything else with a session does. */
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dialect: Dialect;
    config: AppConfig;
    /** The declared access rule of every API route, keyed `METHOD /path` (OpenAPI-style path). */
    routeAccess: Map<string, AccessRule>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionIdHash: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
