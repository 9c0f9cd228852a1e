import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { THROTTLE } from './auth.service.ts';

function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const c = list.find((v) => v.startsWith('praevis_session='));
  return c?.split(';')[0]?.split('=')[1];
}

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('signs in with email and password and sets a secure-by-default session cookie', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const res = await ctx.anonymous.post('/api/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe(user.email);
    expect(body.csrfToken).toMatch(/.{20,}/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const token = sessionCookie(res)!;
    const me = await new Client(ctx.app, token).get('/api/auth/session');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
    // Only a hash of the token is stored.
    const stored = await ctx.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(token);
  });

  it('sets the Secure flag when configured for production', async () => {
    const prod = await createTestContext(dialect, { COOKIE_SECURE: 'true' });
    try {
      const user = await buildUser(prod.db, 'lpr');
      const res = await prod.anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await prod.close();
    }
  });

  it('refuses a wrong password with 401 and the same message as an unknown account', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const wrong = await ctx.anonymous.post('/api/auth/login', { email: user.email, password: 'wrong password!' });
    const unknown = await ctx.anonymous.post('/api/auth/login', { email: 'nobody@example.org', password: 'wrong password!' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().title).toBe(unknown.json().title);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('locks an account after repeated failures but not the other accounts behind the same address', async () => {
    const victim = await buildUser(ctx.db, 'coordinator', { communes: [ctx.territory.annaberg] });
    const colleague = await buildUser(ctx.db, 'lpr');
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      const r = await ctx.anonymous.post('/api/auth/login', { email: victim.email, password: 'not the password' });
      expect(r.statusCode).toBe(401);
    }
    const locked = await ctx.anonymous.post('/api/auth/login', { email: victim.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const other = await ctx.anonymous.post('/api/auth/login', { email: colleague.email, password: TEST_PASSWORD });
    expect(other.statusCode).toBe(200);
  });

  it('throttles an address that sprays many accounts', async () => {
    const fresh = await createTestContext(dialect);
    try {
      for (let i = 0; i < THROTTLE.addressFailures; i++) {
        await fresh.anonymous.post('/api/auth/login', { email: `spray${i}@example.org`, password: 'guess guess' });
      }
      const user = await buildUser(fresh.db, 'lpr');
      const r = await fresh.anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(r.statusCode).toBe(429);
    } finally {
      await fresh.close();
    }
  });

  it('counts 40 parallel wrong passwords before checking them: exactly 5 are checked, the rest refused as locked', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: `wrong guess ${i}` },
          remoteAddress: `10.40.0.${i}`,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    // A 401 is only ever answered after the password was checked.
    expect(codes.filter((c) => c === 401)).toHaveLength(THROTTLE.accountFailures);
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - THROTTLE.accountFailures);
    const right = await ctx.anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
  });

  it('does not count successful sign-ins against the address: a town hall keeps signing in', async () => {
    const fresh = await createTestContext(dialect);
    try {
      for (let i = 0; i < 3; i++) {
        const user = await buildUser(fresh.db, 'coordinator', { communes: [fresh.territory.annaberg] });
        expect((await fresh.anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
      }
      await fresh.anonymous.post('/api/auth/login', { email: 'typo@example.org', password: 'not the password' });
      const rows = await fresh.db.selectFrom('login_throttle').select(['key', 'failures']).execute();
      // Only the failed attempt is left: on the address and on the mistyped account.
      expect(rows.map((r) => r.failures).sort()).toEqual([1, 1]);
    } finally {
      await fresh.close();
    }
  });

  it('gives a sign-in a new session id: a session the browser brought along ends', async () => {
    const before = await ctx.as('lpr');
    const other = await buildUser(ctx.db, 'lpr');
    const res = await before.post('/api/auth/login', { email: other.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const token = sessionCookie(res)!;
    expect(token).not.toBe(before.cookie);
    expect((await before.get('/api/auth/session')).statusCode).toBe(401);
    expect((await new Client(ctx.app, token).get('/api/auth/session')).json().user.id).toBe(other.id);
  });

  it('gives a password change a new session id and CSRF token; the old id and the other sessions end', async () => {
    const client = await ctx.as('lpr');
    const elsewhere = await ctx.signIn(client.user!);
    const res = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a fresh and long passphrase' });
    expect(res.statusCode).toBe(204);
    const token = sessionCookie(res)!;
    expect(token).toMatch(/.{20,}/);
    expect(token).not.toBe(client.cookie);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    expect((await elsewhere.get('/api/auth/session')).statusCode).toBe(401);
    const info = await new Client(ctx.app, token).get('/api/auth/session');
    expect(info.statusCode).toBe(200);
    expect(info.json().csrfToken).not.toBe(client.csrfToken);
    // The new CSRF token works, the old one does not.
    expect((await new Client(ctx.app, token, client.csrfToken).post('/api/auth/logout', {})).statusCode).toBe(403);
    expect((await new Client(ctx.app, token, info.json().csrfToken).post('/api/auth/logout', {})).statusCode).toBe(204);
    const stored = await ctx.db.selectFrom('sessions').select('id_hash').where('user_id', '=', client.user!.id).execute();
    expect(stored).toEqual([]);
  });

  it('signs out and the session no longer works', async () => {
    const client = await ctx.as('lpr');
    expect((await client.post('/api/auth/logout', {})).statusCode).toBe(204);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    // The web app's probe says so with a 200, which a browser does not log as an error.
    const probe = await client.get('/api/auth/probe');
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toEqual({ signedIn: false });
  });

  it('answers the probe with 200: signed out without a cookie or with an unknown one, else the user and CSRF token', async () => {
    const anonymous = await ctx.anonymous.get('/api/auth/probe');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ signedIn: false });
    expect((await new Client(ctx.app, 'no-such-session').get('/api/auth/probe')).json()).toEqual({ signedIn: false });

    const client = await ctx.as('coordinator');
    const probe = await client.get('/api/auth/probe');
    expect(probe.statusCode).toBe(200);
    const body = probe.json();
    expect(body).toMatchObject({ signedIn: true, csrfToken: client.csrfToken });
    expect(body.user).toMatchObject({ id: client.user!.id, role: 'coordinator' });
    // What it says is what the session route says.
    expect(body.user).toEqual((await client.get('/api/auth/session')).json().user);
  });

  it('rejects writes without the CSRF token with 403', async () => {
    const client = await ctx.as('lpr');
    const res = await client.post('/api/auth/logout', {}, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/csrf/);
    const wrong = await client.post('/api/auth/logout', {}, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const client = await ctx.as('admin', { mustChange: true });
    const blocked = await client.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    const same = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0].field).toBe('newPassword');
    const short = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.newPassword');
    const wrong = await client.post('/api/auth/password', { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect(wrong.statusCode).toBe(400);
    const ok = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(ok.statusCode).toBe(204);
    expect((await new Client(ctx.app, sessionCookie(ok)).get('/api/users')).statusCode).toBe(200);
    const relogin = await ctx.anonymous.post('/api/auth/login', { email: client.user!.email, password: 'a brand new passphrase' });
    expect(relogin.statusCode).toBe(200);
  });

  it('counts wrong current passwords of a password change like failed sign-ins and locks the account at the same limit', async () => {
    const client = await ctx.as('lpr');
    const change = (currentPassword: string) =>
      client.post('/api/auth/password', { currentPassword, newPassword: 'a fresh and long passphrase' });
    // A right current password resets the count, even when the new password is refused.
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) expect((await change(`guess number ${i}`)).statusCode).toBe(400);
    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).statusCode).toBe(400);
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      const wrong = await change(`another guess ${i}`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0]).toMatchObject({ field: 'currentPassword', code: 'wrong' });
    }
    // Locked: neither the right password nor a sign-in is checked until the lock ends.
    const locked = await change(TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ctx.anonymous.post('/api/auth/login', { email: client.user!.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('refuses trivial and common new passwords with a message on the field, in German and English', async () => {
    const client = await ctx.as('lpr');
    const cases = [
      ['aaaaaaaaaaaa', 'trivial', /wiederholten Zeichen/],
      ['abcdefghijklmn', 'trivial', /Folge/],
      ['123456789012', 'trivial', /Folge/],
      ['Passwort1234!', 'common', /häufig verwendeter Passwörter/],
      ['iloveyou12345', 'common', /häufig verwendeter Passwörter/],
    ] as const;
    for (const [newPassword, code, message] of cases) {
      const res = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'newPassword', code });
      expect(res.json().errors[0].message).toMatch(message);
    }
    const english = await client.post(
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaaaa' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.json().errors[0].message).toMatch(/repeated character/);
    // The password was not changed by any of them.
    expect((await ctx.anonymous.post('/api/auth/login', { email: client.user!.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('expires sessions', async () => {
    const client = await ctx.as('lpr');
    await ctx.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', client.user!.id).execute();
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('never writes passwords or tokens into the audit trail', async () => {
    const client = await ctx.as('lpr');
    await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' });
    const rows = await ctx.db.selectFrom('audit_log').selectAll().execute();
    const all = JSON.stringify(rows);
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain('another long passphrase');
    expect(all).not.toContain(client.cookie!);
    expect(all).not.toContain('$argon2id$');
  });
});
