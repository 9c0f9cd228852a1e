import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  buildLoginRedirect,
  classifyOidcFailure,
  decodeLoginState,
  encodeLoginState,
  exchangeCodeForClaims,
  identityFromClaims,
  isSafeReturnTo,
  LOGIN_STATE_TTL_MS,
  RETURN_TO_MAX,
} from '../../auth/oidc.ts';
import { safeEqual } from '../../auth/password.ts';
import { setSessionCookie } from '../../auth/session-hooks.ts';
import type { OidcConfig } from '../../config.ts';
import { retryOnUniqueViolation } from '../../db/errors.ts';
import { AppError, fieldError, notFound } from '../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { authPolicy } from './auth.policy.ts';
import { signInWithOidc, SsoRefusal, type SsoErrorCode } from './oidc.service.ts';

/** Carries state, nonce and PKCE verifier through the round trip; signed, sent only to the callback. */
export const LOGIN_COOKIE = 'praevis_oidc';
const COOKIE_PATH = '/api/auth/oidc';
const CALLBACK_PATH = 'api/auth/oidc/callback';

const loginQuerySchema = z.object({
  returnTo: z
    .string()
    .max(RETURN_TO_MAX)
    .refine(isSafeReturnTo, { message: 'returnTo: a path on this site, starting with a single "/"' })
    .optional()
    .describe('Where to go after signing in: a path on this site'),
});

// Keycloak adds session_state; other parameters pass through to openid-client untouched.
const callbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  session_state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  error_uri: z.string().max(2048).optional(),
});

const redirect = (description: string) => z.null().describe(description);

function requireOidc(oidc: OidcConfig | undefined): OidcConfig {
  if (!oidc) throw notFound({ de: 'Single Sign-on ist nicht eingerichtet.', en: 'Single sign-on is not configured.' });
  return oidc;
}

/** The redirect URI registered at the provider: PUBLIC_URL when set, else this request's origin. */
function callbackUrl(publicUrl: string | undefined, req: FastifyRequest): URL {
  const base = publicUrl ?? `${req.protocol}://${req.host}`;
  return new URL(CALLBACK_PATH, base.endsWith('/') ? base : `${base}/`);
}

function toLoginPage(reply: FastifyReply, code: SsoErrorCode): FastifyReply {
  return reply.redirect(`/login?sso_error=${code}`, 302);
}

const expired = () =>
  fieldError(
    'querystring.state',
    {
      de: 'Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen. Bitte melden Sie sich erneut an.',
      en: 'The sign-in expired or was started in another window. Please sign in again.',
    },
    'expired',
  );

export async function oidcRoutes(app: ZodApp): Promise<void> {
  const cookieOptions = { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure } as const;

  app.get(
    '/api/auth/oidc/login',
    {
      config: { access: authPolicy.anyone },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: redirect to the identity provider (404 when not configured)',
        querystring: loginQuerySchema,
        response: { 302: redirect('To the provider, or to /login?sso_error=unavailable'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const oidc = requireOidc(app.config.oidc);
      reply.header('cache-control', 'no-store');
      let start;
      try {
        start = await buildLoginRedirect(oidc, callbackUrl(app.config.publicUrl, req).href, req.query.returnTo ?? '/');
      } catch (err) {
        if (classifyOidcFailure(err) === null) throw err;
        req.log.error({ err }, 'identity provider discovery failed');
        return toLoginPage(reply, 'unavailable');
      }
      reply.setCookie(LOGIN_COOKIE, encodeLoginState(start.login), { ...cookieOptions, maxAge: LOGIN_STATE_TTL_MS / 1000, signed: true });
      return reply.redirect(start.url.href, 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: authPolicy.anyone },
      schema: {
        tags: ['auth'],
        summary: 'Finish single sign-on: the provider redirects here with the authorization code',
        querystring: callbackQuerySchema,
        response: { 302: redirect('To the requested page with a session, or to /login?sso_error=<code>'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const oidc = requireOidc(app.config.oidc);
      reply.header('cache-control', 'no-store');
      const raw = req.cookies[LOGIN_COOKIE];
      reply.clearCookie(LOGIN_COOKIE, cookieOptions);
      const unsigned = raw ? req.unsignCookie(raw) : undefined;
      const login = unsigned?.valid && unsigned.value ? decodeLoginState(unsigned.value) : null;
      if (!login) throw expired();
      // Checked here as well as by openid-client, so a forged callback never reaches the provider.
      if (!req.query.state || !safeEqual(req.query.state, login.state)) {
        throw fieldError(
          'querystring.state',
          { de: 'Der Anmeldestatus stimmt nicht überein.', en: 'The sign-in state does not match.' },
          'mismatch',
        );
      }
      const current = callbackUrl(app.config.publicUrl, req);
      current.search = new URL(req.url, 'http://praevis.invalid').search;

      let claims;
      try {
        claims = await exchangeCodeForClaims(oidc, current, login);
      } catch (err) {
        const failure = classifyOidcFailure(err);
        if (failure === null) throw err;
        // Only the error's kind and message are logged: never the response, which may carry tokens.
        req.log.warn({ failure, code: (err as { code?: unknown }).code, message: (err as Error).message }, 'single sign-on failed');
        if (failure === 'rejected') {
          throw new AppError('unauthenticated', {
            de: 'Der Identitätsanbieter hat die Anmeldung nicht bestätigt.',
            en: 'The identity provider did not confirm the sign-in.',
          });
        }
        return toLoginPage(reply, failure);
      }

      const identity = identityFromClaims(claims, oidc);
      try {
        // Two first sign-ins of the same new identity at once: the loser of the race on the
        // subject's unique key runs again and finds the account the winner created.
        const session = await retryOnUniqueViolation(() =>
          app.db
            .transaction()
            .execute((trx) =>
              signInWithOidc(trx, identity, { requestId: req.id, ttlMs: app.config.sessionTtlMs, replacesIdHash: req.sessionIdHash }),
            ),
        );
        setSessionCookie(app, reply, session.token);
        return reply.redirect(login.returnTo, 302);
      } catch (err) {
        if (!(err instanceof SsoRefusal)) throw err;
        req.log.warn({ code: err.code, subject: identity.subject }, 'single sign-on refused');
        return toLoginPage(reply, err.code);
      }
    },
  );
}
