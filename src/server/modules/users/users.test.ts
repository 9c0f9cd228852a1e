import { passwordWeakness } from '../../auth/password-policy.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { createUser } from './users.service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';

describe.each(DIALECTS)('user management on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('creates a coordinator for a commune and a police user for a directorate, each seeing only its rows', async () => {
    const coord = await admin.post('/api/users', {
      email: 'koordination@annaberg.example',
      displayName: 'Koordination Annaberg',
      role: 'coordinator',
      communes: [ctx.territory.annaberg],
    });
    expect(coord.statusCode).toBe(201);
    expect(coord.json().oneTimePassword).toHaveLength(20);
    expect(coord.json().user.mustChangePassword).toBe(true);
    const police = await admin.post('/api/users', {
      email: 'pd-dresden@polizei.example',
      displayName: 'PD Dresden',
      role: 'police',
      directorateId: ctx.territory.dresdenDirectorate,
    });
    expect(police.statusCode).toBe(201);

    for (const [created, expected] of [
      [coord, [ctx.territory.annaberg]],
      [police, [ctx.territory.dresdenCity]],
    ] as const) {
      const { user, oneTimePassword } = created.json();
      const login = await ctx.anonymous.post('/api/auth/login', { email: user.email, password: oneTimePassword });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
      const csrf = login.json().csrfToken;
      const { Client } = await import('../../test/harness.ts');
      const client = new Client(ctx.app, cookie, csrf);
      expect((await client.get('/api/municipalities')).statusCode).toBe(403); // one-time password first
      const changed = await client.post('/api/auth/password', {
        currentPassword: oneTimePassword,
        newPassword: 'eine lange neue Passphrase',
      });
      expect(changed.statusCode).toBe(204);
      // The password change gave the session a new id.
      const renewed = new Client(ctx.app, String(changed.headers['set-cookie']).split(';')[0]!.split('=')[1]!);
      const list = await renewed.get('/api/municipalities');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((m: { ags: string }) => m.ags)).toEqual(expected);
      expect((await renewed.get('/api/users')).statusCode).toBe(403);
    }
  });

  it('validates the scope against the role', async () => {
    const noCommune = await admin.post('/api/users', { email: 'a@example.org', displayName: 'A', role: 'coordinator' });
    expect(noCommune.statusCode).toBe(400);
    expect(noCommune.json().errors[0].field).toBe('communes');
    const unknown = await admin.post('/api/users', {
      email: 'b@example.org',
      displayName: 'B',
      role: 'coordinator',
      communes: ['14999999'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('14999999');
    const policeWithout = await admin.post('/api/users', { email: 'c@example.org', displayName: 'C', role: 'police' });
    expect(policeWithout.json().errors[0].field).toBe('directorateId');
    const lprWithCommune = await admin.post('/api/users', {
      email: 'd@example.org',
      displayName: 'D',
      role: 'lpr',
      communes: [ctx.territory.aue],
    });
    expect(lprWithCommune.statusCode).toBe(400);
    expect(
      await ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', 'in', ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'])
        .execute(),
    ).toEqual([]);
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const wrongType = await admin.post('/api/users', { email: 42, displayName: 'X', role: 'admin' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrongType.json().errors.map((e: { field: string }) => e.field)).toContain('body.email');
    const badRole = await admin.post('/api/users', { email: 'x@example.org', displayName: 'X', role: 'emperor' });
    expect(badRole.json().errors[0].field).toBe('body.role');
    const tooLong = await admin.post('/api/users', { email: 'y@example.org', displayName: 'X'.repeat(201), role: 'admin' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body.displayName');
    const malformed = await admin.post('/api/users', undefined, { raw: '{"email": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('body');
    const english = await admin.post('/api/users', { email: 42 }, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.json().title).toBe('The input is invalid.');
    const german = await admin.post('/api/users', { email: 42 });
    expect(german.json().title).toBe('Die Eingabe ist ungültig.');
  });

  it('refuses a body over the size limit without a stack trace', async () => {
    const huge = await admin.post('/api/users', undefined, {
      raw: JSON.stringify({ email: 'x@example.org', displayName: 'x'.repeat(2_000_000), role: 'admin' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().errors[0].field).toBe('body');
    expect(huge.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a duplicate email with 409', async () => {
    await admin.post('/api/users', { email: 'dup@example.org', displayName: 'Dup', role: 'ministry' });
    const again = await admin.post('/api/users', { email: 'DUP@example.org', displayName: 'Dup', role: 'ministry' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('email');
  });

  it('detects a concurrent edit: a stale version gets 409 with the current state', async () => {
    const created = (await admin.post('/api/users', { email: 'edit@example.org', displayName: 'Original', role: 'lpr' })).json().user;
    const first = await admin.patch(`/api/users/${created.id}`, { version: created.version, displayName: 'Erste Änderung' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(created.version + 1);
    const stale = await admin.patch(`/api/users/${created.id}`, { version: created.version, displayName: 'Zweite Änderung' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.displayName).toBe('Erste Änderung');
    const row = await ctx.db.selectFrom('users').select('display_name').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Erste Änderung');
  });

  it('changes a role and ends the sessions of that user', async () => {
    const lpr = await ctx.as('lpr');
    const u = (await admin.get(`/api/users/${lpr.user!.id}`)).json();
    const res = await admin.patch(`/api/users/${u.id}`, { version: u.version, role: 'ministry' });
    expect(res.statusCode).toBe(200);
    expect((await lpr.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('keeps the sessions when the scope sent is unchanged, and ends them when it changes', async () => {
    const coord = await ctx.as('coordinator', { communes: [ctx.territory.annaberg] });
    const u = (await admin.get(`/api/users/${coord.user!.id}`)).json();
    const same = await admin.patch(`/api/users/${u.id}`, { version: u.version, communes: [ctx.territory.annaberg], displayName: 'Neu' });
    expect(same.statusCode).toBe(200);
    expect((await coord.get('/api/auth/session')).statusCode).toBe(200);
    const wider = await admin.patch(`/api/users/${u.id}`, {
      version: same.json().version,
      communes: [ctx.territory.aue, ctx.territory.annaberg],
    });
    expect(wider.json().communes).toEqual([ctx.territory.annaberg, ctx.territory.aue]);
    expect((await coord.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('does not let an admin lock themselves out', async () => {
    const me = (await admin.get('/api/auth/session')).json().user;
    const res = await admin.patch(`/api/users/${me.id}`, { version: me.version, active: false });
    expect(res.statusCode).toBe(400);
  });

  it('resets a password to a new one-time password', async () => {
    const target = await ctx.as('lpr');
    const res = await admin.post(`/api/users/${target.user!.id}/reset-password`, {});
    expect(res.statusCode).toBe(200);
    const otp = res.json().oneTimePassword;
    expect((await target.get('/api/auth/session')).statusCode).toBe(401);
    const login = await ctx.anonymous.post('/api/auth/login', { email: target.user!.email, password: otp });
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('gives out one-time passwords that meet the password policy, on create and on reset', async () => {
    const created = await admin.post('/api/users', { email: `policy${Date.now()}@example.org`, displayName: 'P', role: 'ministry' });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id;
    const otps = [created.json().oneTimePassword as string];
    for (let i = 0; i < 5; i++) otps.push((await admin.post(`/api/users/${id}/reset-password`, {})).json().oneTimePassword);
    for (const otp of otps) expect(passwordWeakness(otp), otp).toBeNull();
    // And the policy is the one a chosen password meets: the same service refuses a weak one.
    await expect(
      createUser(ctx.db, SYSTEM_ACTOR, {
        email: 'weak@example.org',
        displayName: 'W',
        role: 'ministry',
        communes: [],
        directorateId: null,
        locale: 'de',
        password: 'qwertyuiop12',
      }),
    ).rejects.toMatchObject({ fieldErrors: [{ field: 'password', code: 'common' }] });
  });

  it('lists, searches, filters, sorts and pages accounts', async () => {
    for (const n of ['Zora', 'Anton', 'Berta'])
      await admin.post('/api/users', { email: `${n.toLowerCase()}@list.example`, displayName: n, role: 'ministry' });
    const page = await admin.get('/api/users?q=list.example&sort=displayName&order=desc&pageSize=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBe(3);
    expect(page.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(['Zora', 'Berta']);
    const p2 = await admin.get('/api/users?q=list.example&sort=displayName&order=desc&pageSize=2&page=2');
    expect(p2.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(['Anton']);
    const byRole = await admin.get('/api/users?role=ministry&q=list');
    expect(byRole.json().items.every((u: { role: string }) => u.role === 'ministry')).toBe(true);
    expect((await admin.get('/api/users?q=%25')).statusCode).toBe(200);
  });

  it('records every change in the audit trail with before and after', async () => {
    const created = (await admin.post('/api/users', { email: 'audited@example.org', displayName: 'Vorher', role: 'lpr' })).json().user;
    await admin.patch(`/api/users/${created.id}`, { version: created.version, displayName: 'Nachher' });
    const entries = await admin.get(`/api/audit?entityType=user&entityId=${created.id}`);
    const items = entries.json().items;
    expect(items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(items[0].before.displayName).toBe('Vorher');
    expect(items[0].after.displayName).toBe('Nachher');
    expect(items[0].actorUserId).toBe(admin.user!.id);
    expect(items[0].requestId).toMatch(/[0-9a-f-]{36}/);
  });
});
