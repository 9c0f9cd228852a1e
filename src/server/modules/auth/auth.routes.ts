import { z } from 'zod';
import {
  authOptionsSchema,
  changePasswordSchema,
  loginSchema,
  sessionInfoSchema,
  sessionProbeSchema,
} from '../../../shared/auth.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-hooks.ts';
import { AppError } from '../../http/problem.ts';
import { noContent, problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { getUser } from '../users/index.ts';
import { authPolicy } from './auth.policy.ts';
import * as service from './auth.service.ts';

export async function authRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/auth/options',
    {
      config: { access: authPolicy.anyone },
      schema: { tags: ['auth'], summary: 'Which sign-in methods are available', response: { 200: authOptionsSchema } },
    },
    async () => ({ sso: Boolean(app.config.oidc) }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: authPolicy.anyone },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginSchema,
        response: { 200: sessionInfoSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      // No surrounding transaction: a failed attempt must stay counted when the login is refused.
      const session = await service.login(app.db, {
        email: req.body.email,
        password: req.body.password,
        ip: req.ip,
        requestId: req.id,
        ttlMs: app.config.sessionTtlMs,
        replacesIdHash: req.sessionIdHash,
      });
      setSessionCookie(app, reply, session.token);
      return { user: await getUser(app.db, session.principal.id), csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: authPolicy.self },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token for writes',
        response: { 200: sessionInfoSchema, ...problemResponses },
      },
    },
    async (req) => ({ user: await getUser(app.db, req.principal!.id), csrfToken: req.csrfToken! }),
  );

  app.get(
    '/api/auth/probe',
    {
      config: { access: authPolicy.anyone },
      schema: {
        tags: ['auth'],
        summary: 'Whether this browser is signed in: always 200, with the user and the CSRF token when it is',
        response: { 200: sessionProbeSchema, ...problemResponses },
      },
    },
    async (req) =>
      req.principal
        ? { signedIn: true as const, user: await getUser(app.db, req.principal.id), csrfToken: req.csrfToken! }
        : { signedIn: false as const },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: authPolicy.self },
      schema: { tags: ['auth'], summary: 'Sign out', body: z.object({}).optional(), response: { 204: noContent, ...problemResponses } },
    },
    async (req, reply) => {
      await service.logout(app.db, actorOf(req.principal, req.id), req.sessionIdHash!);
      clearSessionCookie(app, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: authPolicy.self },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password (the session gets a new id and CSRF token)',
        body: changePasswordSchema,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (req, reply) => {
      if (!req.sessionIdHash) throw new AppError('unauthenticated');
      const principal = req.principal!;
      // Outside the change's transaction: a wrong current password must stay counted when the change is refused.
      const checked = await service.checkCurrentPassword(app.db, principal, req.body.currentPassword);
      const session = await app.db
        .transaction()
        .execute((trx) =>
          service.changePassword(trx, actorOf(principal, req.id), principal, checked, req.body.newPassword, app.config.sessionTtlMs),
        );
      // A new session id and CSRF token: the web app reads the token again from /api/auth/probe.
      setSessionCookie(app, reply, session.token);
      return reply.code(204).send(null);
    },
  );
}
