import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUDIENCES, type Role } from '../../shared/roles.ts';
import { AppError, sendProblem } from '../http/problem.ts';
import type { AccessRule } from '../http/types.ts';
import { safeEqual, sha256 } from './password.ts';
import { createRateLimiter } from './rate-limit.ts';
import { findCommunesOfUser, findSession, touchSession } from './sessions.ts';

export const SESSION_COOKIE = 'praevis_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Sliding expiry is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure unless configured off for plain-HTTP testing. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
    maxAge: Math.floor(app.config.sessionTtlMs / 1000),
  });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure });
}

async function resolveSession(app: FastifyInstance, req: FastifyRequest): Promise<void> {
  req.principal = null;
  req.sessionIdHash = null;
  req.csrfToken = null;
  req.answerCounters = null;
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 200) return;
  const idHash = sha256(token);
  const session = await findSession(app.db, idHash);
  if (!session) return;
  const now = Date.now();
  if (new Date(session.expires_at).getTime() <= now) return;
  // One query for session and user (active users only); a second only for a coordinator's communes.
  req.principal = {
    id: session.user_id,
    email: session.email,
    displayName: session.display_name,
    role: session.role as Role,
    communes: session.role === 'coordinator' ? await findCommunesOfUser(app.db, session.user_id) : [],
    directorateId: session.directorate_id,
    mustChangePassword: session.must_change_password === 1,
  };
  req.sessionIdHash = idHash;
  req.csrfToken = session.csrf_token;
  // Read before anything is computed: an answer cached for these values is never older than they are.
  req.answerCounters = session.counters;
  if (now - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(app.db, idHash, new Date(now).toISOString(), new Date(now + app.config.sessionTtlMs).toISOString());
  }
}

/**
 * Resolves the session, applies the request rate limit (`rate-limit.ts`) and enforces each
 * route's declared access before the body is read:
 * 401 without a session, 403 for a role the route does not allow, 403 for a write without CSRF token.
 */
export function installSessionHooks(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('answerCounters', null);
  const rateLimit = createRateLimiter(app);
  app.addHook('onRequest', async (req, reply) => {
    await resolveSession(app, req);
    // Limited per resolved session, else per address, before any refusal: 401s count too.
    const limited = await rateLimit(req, reply);
    if (limited) return limited;
    const access = req.routeOptions.config?.access;
    if (!access) return; // static files and the not-found handler
    const principal = req.principal;
    if (!access.allow.includes('public')) {
      if (!principal) return sendProblem(req, reply, new AppError('unauthenticated'));
      if (!access.allow.includes(principal.role)) return sendProblem(req, reply, new AppError('forbidden-role'));
      if (principal.mustChangePassword && !access.duringPasswordChange) {
        return sendProblem(
          req,
          reply,
          new AppError('forbidden-role', {
            de: 'Bitte ändern Sie zuerst Ihr Einmalpasswort.',
            en: 'Please change your one-time password first.',
          }),
        );
      }
    }
    if (!SAFE_METHODS.has(req.method) && req.sessionIdHash) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !req.csrfToken || !safeEqual(sent, req.csrfToken)) {
        return sendProblem(req, reply, new AppError('csrf'));
      }
    }
  });
  // Every API route must declare who may call it; a route without a declaration is a startup error.
  app.decorate('routeAccess', new Map<string, AccessRule>());
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: AccessRule } | undefined)?.access;
    if (!access || !Array.isArray(access.allow) || access.allow.some((a) => !AUDIENCES.includes(a))) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    const openApiPath = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.set(`${method} ${openApiPath}`, access);
    }
  });
}
