import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { now, resetClock, setClock } from '../../../shared/time.ts';
import { buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { queueMail } from './index.ts';
import { createSmtpTransport, MAX_ATTEMPTS, type MailTransport, sendDueMail } from './mail.sender.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp.test-support.ts';

const FROM = 'Praevis <praevis@praevis.test>';
const NEW_PASSWORD = 'Kirschbaum-Laterne-Gewitter-42';

function linkIn(mail: ParsedMail): string {
  const m = /http:\/\/praevis\.test\/set-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m) throw new Error('no link in the message');
  return m[1]!;
}

function mailsTo(smtp: TestSmtpServer, email: string): ParsedMail[] {
  return smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
}

describe.each(DIALECTS)('mail through a real SMTP server (%s)', (dialect) => {
  let ctx: TestContext;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  const send = () => sendDueMail(ctx.db, transport, FROM);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestContext(dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://praevis.test', MAIL_FROM: FROM });
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    transport.close?.();
    await ctx.close();
    await smtp.close();
  });
  afterEach(() => {
    resetClock();
    smtp.refuse = null;
  });

  async function outboxRow(id: number) {
    return ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('a queued message arrives with an HTML and a plain-text part in the recipient language, with its attachment', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const id = await ctx.db.transaction().execute((trx) =>
      queueMail(trx, {
        kind: 'account.password-reset',
        category: 'account',
        to: { email: user.email, userId: user.id },
        template: 'account.password-reset',
        data: { displayName: 'Erika Muster', link: 'http://praevis.test/set-password?token=abcdefghijklmnopqrstuvwxyz', validMinutes: 30 },
        attachments: [{ filename: 'note.txt', contentType: 'text/plain', content: Buffer.from('Anlage') }],
      }),
    );
    expect((await outboxRow(id!)).status).toBe('queued');
    expect(await send()).toEqual({ sent: 1, retry: 0, failed: 0 });
    const [mail] = mailsTo(smtp, user.email);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Reset your Praevis password');
    expect(mail!.html).toContain('<a href="http://praevis.test/set-password?token=abcdefghijklmnopqrstuvwxyz"');
    expect(mail!.html).toContain('href="http://praevis.test/profile#notifications"');
    expect(mail!.text).toContain('Hello Erika Muster,');
    expect(mail!.text).toContain('notification settings');
    expect(mail!.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['note.txt', 'Anlage']]);
    const row = await outboxRow(id!);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();
    // Sent once: nothing is due any more.
    expect(await send()).toEqual({ sent: 0, retry: 0, failed: 0 });
    expect(mailsTo(smtp, user.email)).toHaveLength(1);
  });

  it('refused three times (4xx), then accepted: it arrives once and the outbox shows 4 attempts', async () => {
    const user = await buildUser(ctx.db, 'coordinator', { communes: [ctx.territory.annaberg] });
    const id = await ctx.db.transaction().execute((trx) =>
      queueMail(trx, {
        kind: 'account.password-reset',
        category: 'account',
        to: { email: user.email, userId: user.id },
        template: 'account.password-reset',
        data: { displayName: 'A user', link: 'http://praevis.test/x', validMinutes: 30 },
      }),
    );
    const start = smtp.attempts;
    smtp.refuse = (n) => (n - start <= 3 ? { code: 451, message: 'Try again later' } : null);
    let t = now().getTime();
    for (let round = 1; round <= 3; round++) {
      expect(await send()).toEqual({ sent: 0, retry: 1, failed: 0 });
      const row = await outboxRow(id!);
      expect(row).toMatchObject({ status: 'queued', attempts: round });
      expect(row.last_error).toContain('451');
      // Not due before its back-off has passed.
      expect(await send()).toEqual({ sent: 0, retry: 0, failed: 0 });
      t = Date.parse(row.next_attempt_at!) + 1000;
      setClock(t);
    }
    expect(await send()).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(mailsTo(smtp, user.email)).toHaveLength(1);
    expect(await outboxRow(id!)).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    expect(MAX_ATTEMPTS).toBeGreaterThan(4);
  });

  it('a permanent refusal (5xx) ends as failed at once, shows on the admin list and can be retried', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const id = await ctx.db.transaction().execute((trx) =>
      queueMail(trx, {
        kind: 'account.password-reset',
        category: 'account',
        to: { email: user.email, userId: user.id },
        template: 'account.password-reset',
        data: { displayName: 'A user', link: 'http://praevis.test/x', validMinutes: 30 },
      }),
    );
    smtp.refuse = () => ({ code: 550, message: `Mailbox ${user.email} unavailable` });
    expect(await send()).toEqual({ sent: 0, retry: 0, failed: 1 });
    const row = await outboxRow(id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('550');
    expect(row.last_error).not.toContain(user.email);
    const admin = await ctx.as('admin');
    const list = await admin.get('/api/mail/outbox?status=failed');
    expect(list.statusCode).toBe(200);
    const item = list.json<{ items: { id: number; status: string; kind: string; recipient: string; attempts: number }[] }>().items;
    expect(item.find((i) => i.id === id)).toMatchObject({
      status: 'failed',
      kind: 'account.password-reset',
      recipient: user.email,
      attempts: 1,
    });
    expect((await admin.get(`/api/mail/outbox/${id}`)).json()).toMatchObject({
      id,
      status: 'failed',
      text: expect.stringContaining('A user'),
    });
    // Other roles never see the outbox.
    expect((await (await ctx.as('lpr')).get('/api/mail/outbox')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api/mail/outbox')).statusCode).toBe(401);
    // Retry: queued again from zero attempts, audited; a second retry of a queued message is 409.
    smtp.refuse = null;
    const retried = await admin.post(`/api/mail/outbox/${id}/retry`, {});
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await admin.post(`/api/mail/outbox/${id}/retry`, {})).statusCode).toBe(409);
    expect(await send()).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(mailsTo(smtp, user.email)).toHaveLength(1);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'mail')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['retry']);
  });

  it('password reset: the same answer for an unknown address, a single-use link that sets the password and ends the sessions', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const before = await ctx.signIn(user);
    const asked = await ctx.anonymous.post('/api/mail/password-reset', { email: user.email.toUpperCase() });
    const unknown = await ctx.anonymous.post('/api/mail/password-reset', { email: `nobody-${user.id}@example.org` });
    expect(asked.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(asked.body);
    expect(asked.json<{ message: string }>().message).toContain('Wenn die Adresse');
    expect((await ctx.anonymous.post('/api/mail/password-reset', { email: 'not an address' })).statusCode).toBe(400);
    await send();
    const mails = mailsTo(smtp, user.email);
    expect(mails).toHaveLength(1);
    expect(smtp.received.some((m) => m.to && JSON.stringify(m.to).includes(`nobody-${user.id}`))).toBe(false);
    expect(mails[0]!.subject).toBe('Passwort für Praevis zurücksetzen');
    const token = linkIn(mails[0]!);
    // Only the hash of the token is stored.
    expect(await ctx.db.selectFrom('mail_tokens').select('id').where('token_hash', '=', token).executeTakeFirst()).toBeUndefined();
    expect((await ctx.anonymous.get(`/api/mail/links?token=${token}`)).json()).toEqual({
      purpose: 'password-reset',
      valid: true,
      email: user.email,
    });
    const weak = await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: 'passwordpassword' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('newPassword');
    const set = await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: NEW_PASSWORD });
    expect(set.statusCode).toBe(204);
    expect((await before.get('/api/auth/session')).statusCode).toBe(401);
    expect((await ctx.anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await ctx.anonymous.post('/api/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);
    const again = await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: `${NEW_PASSWORD}!` });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('link_invalid');
    expect((await ctx.anonymous.get(`/api/mail/links?token=${token}`)).json()).toMatchObject({ valid: false, email: null });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('reset-password-by-link');
  });

  it('password reset: the link expires after 30 minutes', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const t0 = Date.parse('2026-12-07T09:00:00Z');
    setClock(t0);
    await ctx.anonymous.post('/api/mail/password-reset', { email: user.email });
    await send();
    const token = linkIn(mailsTo(smtp, user.email)[0]!);
    setClock(t0 + 31 * 60_000);
    expect((await ctx.anonymous.get(`/api/mail/links?token=${token}`)).json()).toMatchObject({ valid: false });
    const late = await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: NEW_PASSWORD });
    expect(late.statusCode).toBe(400);
    expect(late.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('link_invalid');
    setClock(t0 + 29 * 60_000);
    expect((await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  });

  it('password reset: at most 3 links per address and hour, with the same answer beyond', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    const t0 = Date.parse('2026-12-08T09:00:00Z');
    setClock(t0);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await ctx.anonymous.post('/api/mail/password-reset', { email: user.email })).body);
    expect(new Set(answers).size).toBe(1);
    await send();
    expect(mailsTo(smtp, user.email)).toHaveLength(3);
    setClock(t0 + 61 * 60_000);
    await ctx.anonymous.post('/api/mail/password-reset', { email: user.email });
    await send();
    expect(mailsTo(smtp, user.email)).toHaveLength(4);
  });

  it('account invitation: with mail configured, a new account gets a link to set its password instead of a one-time password', async () => {
    const admin = await ctx.as('admin');
    const email = `eingeladen-${dialect}@example.org`;
    const created = await admin.post('/api/users', { email, displayName: 'Eine Eingeladene', role: 'lpr', locale: 'de' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ oneTimePassword: null, invitationSent: true });
    await send();
    const [mail] = mailsTo(smtp, email);
    expect(mail!.subject).toBe('Ihr Zugang zu Praevis');
    const token = linkIn(mail!);
    expect((await ctx.anonymous.get(`/api/mail/links?token=${token}`)).json()).toEqual({ purpose: 'invitation', valid: true, email });
    expect((await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    const login = await ctx.anonymous.post('/api/auth/login', { email, password: NEW_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ user: { email, mustChangePassword: false } });
    expect((await ctx.anonymous.post('/api/mail/links/password', { token, newPassword: NEW_PASSWORD })).statusCode).toBe(400);
  });

  it('notification settings: read, validated, versioned, audited, and honoured by queueMail (account messages always)', async () => {
    const client = await ctx.as('coordinator');
    const userId = client.user!.id;
    expect((await client.get('/api/mail/settings')).json()).toEqual({
      meetings: true,
      digest: true,
      funding: true,
      analysis: true,
      version: 0,
    });
    expect(
      (await client.put('/api/mail/settings', { meetings: 'no', digest: true, funding: true, analysis: true, version: 0 })).statusCode,
    ).toBe(400);
    const off = await client.put('/api/mail/settings', { meetings: false, digest: false, funding: true, analysis: true, version: 0 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ meetings: false, digest: false, funding: true, analysis: true, version: 1 });
    expect(
      (await client.put('/api/mail/settings', { meetings: true, digest: true, funding: true, analysis: true, version: 0 })).statusCode,
    ).toBe(409);
    const queue = (category: 'meetings' | 'funding' | 'account') =>
      ctx.db.transaction().execute((trx) =>
        queueMail(trx, {
          kind: `test.${category}`,
          category,
          to: { email: client.user!.email, userId },
          template: 'account.password-reset',
          data: { displayName: 'x', link: 'http://praevis.test/x', validMinutes: 30 },
        }),
      );
    expect(await queue('meetings')).toBeNull();
    expect(await queue('funding')).toBeTypeOf('number');
    expect(await queue('account')).toBeTypeOf('number');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'mail-settings')
      .where('entity_id', '=', String(userId))
      .execute();
    expect(audit).toHaveLength(1);
    expect((await ctx.anonymous.get('/api/mail/settings')).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('mail without SMTP_URL (%s)', (dialect) => {
  let ctx: TestContext;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('keeps every message, sends nothing, shows them in the outbox, and a new account still gets its one-time password', async () => {
    const admin = await ctx.as('admin');
    const email = `ohne-smtp-${dialect}@example.org`;
    const created = await admin.post('/api/users', { email, displayName: 'Ohne Mail', role: 'lpr', locale: 'en' });
    expect(created.statusCode).toBe(201);
    const result = created.json<{ oneTimePassword: string | null; invitationSent: boolean }>();
    expect(result.invitationSent).toBe(false);
    expect(result.oneTimePassword).toMatch(/^.{20}$/);
    expect((await ctx.anonymous.post('/api/mail/password-reset', { email })).statusCode).toBe(202);
    const list = await admin.get('/api/mail/outbox?status=kept');
    const items = list.json<{ items: { kind: string; recipient: string; status: string; language: string }[]; total: number }>().items;
    expect(items.filter((i) => i.recipient === email).map((i) => i.kind)).toEqual(['account.password-reset', 'account.invitation']);
    expect(items.every((i) => i.status === 'kept')).toBe(true);
    expect(items.find((i) => i.recipient === email)!.language).toBe('en');
    // The outbox downloads as CSV (German Excel) and XLSX, of the status chosen.
    const csv = await admin.get('/api/mail/outbox/export?status=kept');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(String(csv.headers['content-disposition'])).toContain('postausgang-kept.csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Nr.;Erstellt;Art;Kategorie;Empfänger;Sprache;Betreff;Status;Versuche;Nächster Versuch;Letzter Fehler;Gesendet;Inhalt gelöscht',
    );
    expect(lines).toHaveLength(list.json().total + 1);
    expect(lines.filter((l) => l.includes(`;${email};`)).every((l) => l.includes(';zurückgehalten;'))).toBe(true);
    const xlsx = await admin.get('/api/mail/outbox/export?format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await (await ctx.as('lpr')).get('/api/mail/outbox/export')).statusCode).toBe(403);
    // A worker with a transport still finds nothing to send: kept messages are never sent.
    const transport = createSmtpTransport(smtp.url);
    expect(await sendDueMail(ctx.db, transport, FROM)).toEqual({ sent: 0, retry: 0, failed: 0 });
    transport.close?.();
    expect(smtp.attempts).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });
});
