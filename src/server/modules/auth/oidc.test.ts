import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
// @ts-expect-error oidc-provider ships no type declarations; the few members used are typed below.
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromClaims, isSafeReturnTo, mapRole, parseCommunes } from '../../auth/oidc.ts';
import { loadConfig } from '../../config.ts';
import { buildUser } from '../../test/factories.ts';
import { Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';

/*
 * A real OpenID provider (oidc-provider) runs in this process on a random port. The test plays the
 * browser over real HTTP: app → provider's authorization endpoint → a minimal interaction that
 * signs in the chosen account and grants consent → back to the app's callback with the code.
 * The app itself is driven with inject; its back-channel calls (discovery, token, userinfo,
 * JWKS) reach the provider over HTTP.
 */

interface TestProvider {
  callback(): http.RequestListener;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: unknown,
    o: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: new (o: { accountId: string; clientId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
}
const OidcProvider = Provider as new (issuer: string, configuration: Record<string, unknown>) => TestProvider;

const PUBLIC_URL = 'http://praevis.test';
const CLIENT_ID = 'praevis';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';

interface Account {
  claims: Record<string, unknown>;
  /** Keep the role claim out of the ID token, as a Keycloak mapper without "add to ID token" does. */
  rolesOnlyInUserinfo?: boolean;
}
const accounts = new Map<string, Account>();
let seq = 0;

/** Registers an account at the provider with Keycloak-like claims; returns its subject. */
function addAccount(roles: string[], extra: Record<string, unknown> = {}, o: { rolesOnlyInUserinfo?: boolean } = {}): string {
  const sub = `kc-${++seq}-${crypto.randomUUID()}`;
  accounts.set(sub, {
    claims: { email: `${sub}@example.org`, email_verified: true, name: `Person ${seq}`, realm_access: { roles }, ...extra },
    rolesOnlyInUserinfo: o.rolesOnlyInUserinfo,
  });
  return sub;
}

let issuer: string;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${PUBLIC_URL}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    // Scope claims go into the ID token too (oidc-provider's default keeps them to userinfo).
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'realm_access', 'praevis_communes', 'praevis_directorate'],
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async (use: string) => {
          const current = accounts.get(sub)!;
          const claims: Record<string, unknown> = { sub, ...current.claims };
          if (use === 'id_token' && current.rolesOnlyInUserinfo) delete claims.realm_access;
          return claims;
        },
      };
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    // The minimal interaction: sign in as ?login=<subject> and grant the requested scopes.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = new URL(req.url!, issuer).searchParams.get('login')!;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: false },
      );
    })().catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** A browser's cookie jar for the provider (paths ignored: the provider scopes its cookies, the test need not). */
class Browser {
  private readonly cookies = new Map<string, string>();
  async get(url: string): Promise<Response> {
    const res = await fetch(new URL(url, issuer), {
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

function setCookies(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
}

function cookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  const line = setCookies(res).find((c) => c.startsWith(`${name}=`));
  const value = line?.split(';')[0]!.slice(name.length + 1);
  return value || undefined;
}

interface RoundTrip {
  /** The app's redirect to the provider. */
  start: LightMyRequestResponse;
  /** The signed state cookie the app set. */
  stateCookie: string;
  /** The provider's redirect back to the app, as the browser would follow it. */
  callbackUrl: URL;
}

/** Runs the browser's part up to the provider's redirect back: app login → provider → interaction → code. */
async function roundTrip(ctx: TestContext, subject: string, returnTo?: string): Promise<RoundTrip> {
  const start = await ctx.app.inject({
    method: 'GET',
    url: `/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
  });
  expect(start.statusCode).toBe(302);
  const stateCookie = cookieValue(start, 'praevis_oidc')!;
  const browser = new Browser();
  let res = await browser.get(String(start.headers.location));
  expect(res.status).toBe(303);
  const interaction = new URL(res.headers.get('location')!, issuer);
  interaction.searchParams.set('login', subject);
  res = await browser.get(interaction.href);
  expect(res.status).toBe(303);
  res = await browser.get(res.headers.get('location')!);
  expect(res.status).toBe(303);
  const callbackUrl = new URL(res.headers.get('location')!);
  expect(callbackUrl.origin + callbackUrl.pathname).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
  return { start, stateCookie, callbackUrl };
}

function callback(ctx: TestContext, url: URL, stateCookie?: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'GET',
    url: url.pathname + url.search,
    headers: stateCookie ? { cookie: `praevis_oidc=${stateCookie}` } : {},
  });
}

/** The whole sign-in: returns the callback's response and the session token it set, if any. */
async function signIn(ctx: TestContext, subject: string, returnTo?: string): Promise<{ res: LightMyRequestResponse; token?: string }> {
  const trip = await roundTrip(ctx, subject, returnTo);
  const res = await callback(ctx, trip.callbackUrl, trip.stateCookie);
  return { res, token: cookieValue(res, 'praevis_session') };
}

async function sessionUser(ctx: TestContext, token: string) {
  const me = await new Client(ctx.app, token).get('/api/auth/session');
  expect(me.statusCode).toBe(200);
  return me.json().user;
}

function oidcEnv(): Record<string, string> {
  return { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_ALLOW_HTTP: 'true', PUBLIC_URL };
}

describe('claim mapping', () => {
  const oidc = loadConfig({ OIDC_ISSUER: 'https://kc.example.org/realms/praevis', OIDC_CLIENT_ID: 'praevis' }).oidc!;

  it('maps string or array role claims to the most privileged known role', () => {
    expect(mapRole(['praevis-coordinator', 'praevis-police', 'offline_access'], oidc.roleMap)).toBe('police');
    expect(mapRole(['praevis-ministry', 'praevis-lpr'], oidc.roleMap)).toBe('lpr');
    expect(mapRole('praevis-admin', oidc.roleMap)).toBe('admin');
    expect(mapRole(['offline_access', 42, null], oidc.roleMap)).toBeNull();
    expect(mapRole(undefined, oidc.roleMap)).toBeNull();
    expect(mapRole(['toString', '__proto__'], oidc.roleMap)).toBeNull();
    expect(mapRole(['x'], { x: 'superuser' })).toBeNull();
  });

  it('reads communes from arrays or comma-separated strings and drops what is not an AGS', () => {
    expect(parseCommunes('14521035, 14521040,,abc,1452103')).toEqual(['14521035', '14521040']);
    expect(parseCommunes(['14612000', '14612000', 1001000])).toEqual(['01001000', '14612000']);
    expect(parseCommunes({ ags: '14612000' })).toEqual([]);
  });

  it('follows dotted paths and prefers a claim whose own name has the dots', () => {
    const byPath = identityFromClaims({ sub: 's', realm_access: { roles: ['praevis-lpr'] } }, oidc);
    expect(byPath.role).toBe('lpr');
    const literal = identityFromClaims({ sub: 's', 'realm_access.roles': 'praevis-admin', realm_access: { roles: ['praevis-lpr'] } }, oidc);
    expect(literal.role).toBe('admin');
    const invalidEmail = identityFromClaims({ sub: 's', email: 'not an email', given_name: 'Ada', family_name: 'Lovelace' }, oidc);
    expect(invalidEmail).toMatchObject({ email: null, displayName: 'Ada Lovelace', role: null, emailVerified: false });
  });

  it('accepts only paths on this site as returnTo', () => {
    for (const ok of ['/', '/kommunen?page=2', '/a/b#c']) expect(isSafeReturnTo(ok)).toBe(true);
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil', '/\tx', ''])
      expect(isSafeReturnTo(bad)).toBe(false);
  });
});

describe.each(DIALECTS)('single sign-on with OpenID Connect on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect, oidcEnv());
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('redirects to the provider with PKCE S256, state and nonce kept in a signed, short-lived cookie', async () => {
    const res = await ctx.anonymous.get('/api/auth/oidc/login');
    expect(res.statusCode).toBe(302);
    const url = new URL(String(res.headers.location));
    expect(url.origin).toBe(issuer);
    const p = url.searchParams;
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = setCookies(res).find((c) => c.startsWith('praevis_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    // Signed: value.signature; the verifier is in there, the challenge in the URL.
    expect(cookie.split(';')[0]).toMatch(/^praevis_oidc=[\w-]+\.[\w%+/=-]+$/);
  });

  it('signs in an admin-claimed user as admin, creating an account without password', async () => {
    const sub = addAccount(['offline_access', 'praevis-coordinator', 'praevis-admin'], { praevis_communes: ctx.territory.annaberg });
    const { res, token } = await signIn(ctx, sub);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(setCookies(res).some((c) => c.startsWith('praevis_oidc=;'))).toBe(true);
    const user = await sessionUser(ctx, token!);
    expect(user).toMatchObject({
      email: `${sub}@example.org`,
      role: 'admin',
      communes: [],
      sso: true,
      mustChangePassword: false,
      displayName: expect.stringMatching(/^Person /),
    });
    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ oidc_subject: sub, password_hash: null, must_change_password: 0 });
    const session = await ctx.db.selectFrom('sessions').select('via').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(session.via).toBe('oidc');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', actor_label: 'sso' },
      { action: 'login', actor_label: `${sub}@example.org` },
    ]);
  });

  it('signs in two simultaneous first sign-ins of one new identity into one account', async () => {
    const sub = addAccount(['praevis-lpr']);
    const trips = [await roundTrip(ctx, sub), await roundTrip(ctx, sub), await roundTrip(ctx, sub)];
    const answers = await Promise.all(trips.map((t) => callback(ctx, t.callbackUrl, t.stateCookie)));
    expect(answers.map((r) => r.statusCode)).toEqual([302, 302, 302]);
    // Each answer signs in (a refusal redirects with 302 too, but sets no session cookie).
    expect(answers.map((r) => r.headers.location)).toEqual(['/', '/', '/']);
    const tokens = answers.map((r) => cookieValue(r, 'praevis_session'));
    expect(tokens.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(new Set(tokens).size).toBe(3);
    const users = await ctx.db.selectFrom('users').select('id').where('oidc_subject', '=', sub).execute();
    expect(users).toHaveLength(1);
    for (const token of tokens) expect((await sessionUser(ctx, token!)).id).toBe(users[0]!.id);
  });

  it('gives a coordinator the known communes of the claim and returns to the requested page', async () => {
    const { annaberg, aue } = ctx.territory;
    const sub = addAccount(['praevis-coordinator'], { praevis_communes: `${aue}, ${annaberg},99999999` });
    const { res, token } = await signIn(ctx, sub, '/kommunen?page=2');
    expect(res.headers.location).toBe('/kommunen?page=2');
    expect(await sessionUser(ctx, token!)).toMatchObject({ role: 'coordinator', communes: [annaberg, aue], directorateId: null });
  });

  it('gives police the directorate named in the claim, reading the role from userinfo when the ID token lacks it', async () => {
    const sub = addAccount(['praevis-police'], { praevis_directorate: 'chemnitz' }, { rolesOnlyInUserinfo: true });
    const { res, token } = await signIn(ctx, sub);
    expect(res.statusCode).toBe(302);
    expect(await sessionUser(ctx, token!)).toMatchObject({
      role: 'police',
      directorateId: ctx.territory.chemnitzDirectorate,
      directorateName: 'Chemnitz',
      communes: [],
    });
  });

  it('refuses claims that make no valid account: redirect with sso_error, no session, no account', async () => {
    const cases: [string, string][] = [
      [addAccount(['offline_access', 'uma_authorization']), 'no-role'],
      [addAccount(['praevis-coordinator'], { praevis_communes: '99999999' }), 'no-communes'],
      [addAccount(['praevis-coordinator']), 'no-communes'],
      [addAccount(['praevis-police'], { praevis_directorate: 'Atlantis' }), 'no-directorate'],
    ];
    for (const [sub, code] of cases) {
      const { res, token } = await signIn(ctx, sub);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`/login?sso_error=${code}`);
      expect(token).toBeUndefined();
      expect(await ctx.db.selectFrom('users').select('id').where('oidc_subject', '=', sub).executeTakeFirst()).toBeUndefined();
      expect(await ctx.db.selectFrom('users').select('id').where('email', '=', `${sub}@example.org`).executeTakeFirst()).toBeUndefined();
    }
  });

  it('links an account by verified email, then finds it by subject and applies and audits role changes', async () => {
    const local = await buildUser(ctx.db, 'lpr', { email: 'link.me@example.org' });
    const sub = addAccount(['praevis-lpr'], { email: 'Link.Me@example.org', name: 'lpr link.me@example.org' });
    const first = await signIn(ctx, sub);
    expect(first.res.headers.location).toBe('/');
    expect(await sessionUser(ctx, first.token!)).toMatchObject({ id: local.id, role: 'lpr', sso: true });
    const linked = await ctx.db.selectFrom('users').selectAll().where('id', '=', local.id).executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ oidc_subject: sub, password_hash: null, must_change_password: 0 });

    // The provider changes role and email: the subject still finds the account.
    accounts.get(sub)!.claims = {
      ...accounts.get(sub)!.claims,
      email: 'renamed@example.org',
      realm_access: { roles: ['praevis-ministry'] },
    };
    const second = await signIn(ctx, sub);
    expect(await sessionUser(ctx, second.token!)).toMatchObject({ id: local.id, role: 'ministry', email: 'renamed@example.org' });
    // The role change ended the session of the first sign-in.
    expect((await new Client(ctx.app, first.token).get('/api/auth/session')).statusCode).toBe(401);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'before_json', 'after_json'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(local.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['link-sso', 'login', 'update', 'login']);
    const update = audit[2]!;
    expect(update.actor_label).toBe('sso');
    expect(JSON.parse(update.before_json!)).toMatchObject({ role: 'lpr', email: 'link.me@example.org' });
    expect(JSON.parse(update.after_json!)).toMatchObject({ role: 'ministry', email: 'renamed@example.org' });

    // A third sign-in without changes records the sign-in only.
    await signIn(ctx, sub);
    const count = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(local.id)).execute();
    expect(count.map((a) => a.action).filter((a) => a === 'update')).toHaveLength(1);

    // Admins deactivate in Praevis; the provider cannot sign a deactivated account in.
    await ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', local.id).execute();
    expect((await signIn(ctx, sub)).res.headers.location).toBe('/login?sso_error=account-disabled');
  });

  it('does not link an account by an unverified email, nor one linked to another subject', async () => {
    await buildUser(ctx.db, 'admin', { email: 'victim@example.org' });
    const unverified = addAccount(['praevis-coordinator'], {
      email: 'victim@example.org',
      email_verified: false,
      praevis_communes: ctx.territory.annaberg,
    });
    expect((await signIn(ctx, unverified)).res.headers.location).toBe('/login?sso_error=email-unverified');
    const owner = addAccount(['praevis-lpr'], { email: 'owned@example.org' });
    await signIn(ctx, owner);
    const other = addAccount(['praevis-lpr'], { email: 'owned@example.org' });
    expect((await signIn(ctx, other)).res.headers.location).toBe('/login?sso_error=email-taken');
  });

  it('answers a tampered state, a forged cookie or a garbage code with a 4xx problem and no session', async () => {
    const sub = addAccount(['praevis-admin']);
    const check = (res: LightMyRequestResponse, status: number) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(cookieValue(res, 'praevis_session')).toBeUndefined();
    };

    const tampered = await roundTrip(ctx, sub);
    tampered.callbackUrl.searchParams.set('state', `${tampered.callbackUrl.searchParams.get('state')}x`);
    check(await callback(ctx, tampered.callbackUrl, tampered.stateCookie), 400);

    const forged = await roundTrip(ctx, sub);
    const [value, signature] = forged.stateCookie.split('.');
    check(await callback(ctx, forged.callbackUrl, `${value}A.${signature}`), 400);
    check(await callback(ctx, forged.callbackUrl), 400);
    check(await callback(ctx, new URL('/api/auth/oidc/callback?code=garbage&state=garbage', PUBLIC_URL)), 400);

    // Right state, wrong code: the provider refuses the exchange.
    const garbage = await roundTrip(ctx, sub);
    garbage.callbackUrl.searchParams.set('code', 'garbage');
    check(await callback(ctx, garbage.callbackUrl, garbage.stateCookie), 401);

    // A code is good once: replaying the whole callback fails.
    const once = await roundTrip(ctx, sub);
    expect((await callback(ctx, once.callbackUrl, once.stateCookie)).statusCode).toBe(302);
    check(await callback(ctx, once.callbackUrl, once.stateCookie), 401);

    // The provider reports an error (the user cancelled): back to the login page.
    const start = await ctx.anonymous.get('/api/auth/oidc/login');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const denied = new URL('/api/auth/oidc/callback', PUBLIC_URL);
    denied.search = new URLSearchParams({ error: 'access_denied', state, iss: issuer }).toString();
    const res = await callback(ctx, denied, cookieValue(start, 'praevis_oidc'));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?sso_error=denied');

    // Malformed input is refused by the schema.
    check(await ctx.anonymous.get(`/api/auth/oidc/callback?code=${'x'.repeat(5000)}`), 400);
    check(await ctx.anonymous.get('/api/auth/oidc/callback?state=a&state=b'), 400);
  });

  it('refuses a returnTo that leaves the site', async () => {
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await ctx.anonymous.get(`/api/auth/oidc/login?returnTo=${encodeURIComponent(bad)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('querystring.returnTo');
    }
  });

  it('lists both routes in the OpenAPI document', async () => {
    const doc = (await ctx.anonymous.get('/api/openapi.json')).json();
    expect(doc.paths['/api/auth/oidc/login'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['returnTo']);
    expect(Object.keys(doc.paths['/api/auth/oidc/callback'].get.responses)).toContain('302');
  });

  it('keeps tokens out of the audit trail', async () => {
    const rows = await ctx.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(`${r.before_json} ${r.after_json}`).not.toMatch(/eyJ|access_token|id_token/);
  });

  it('answers 404 when not configured and sends users back when the provider is unreachable', async () => {
    const plain = await createTestContext(dialect);
    const down = await createTestContext(dialect, { ...oidcEnv(), OIDC_ISSUER: 'http://127.0.0.1:9' });
    try {
      for (const url of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=a&state=b']) {
        const res = await plain.anonymous.get(url);
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const res = await down.anonymous.get('/api/auth/oidc/login');
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?sso_error=unavailable');
    } finally {
      await plain.close();
      await down.close();
    }
  });
});
