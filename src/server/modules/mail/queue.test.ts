import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildUser } from '../../test/factories.ts';
import { queueMail } from './index.ts';
import { maintainOutbox } from './mail.sender.ts';
import { resetClock, setClock } from '../../../shared/time.ts';

describe.each(DIALECTS)('queueMail (%s)', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  it('renders the template in the user language inside the transaction, keeps it without SMTP, and honours the dedupe key', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const input = {
      kind: 'account.password-reset',
      category: 'account' as const,
      to: { email: user.email, userId: user.id },
      template: 'account.password-reset',
      data: { displayName: 'A <b>user</b>', link: 'http://localhost:3000/x?a=1&b=2', validMinutes: 30 },
      dedupeKey: `test-${user.id}`,
    };
    const id = await ctx.db.transaction().execute((trx) => queueMail(trx, input));
    expect(id).toBeTypeOf('number');
    const row = await ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row.status).toBe('kept');
    expect(row.language).toBe('en');
    expect(row.subject).toBe('Reset your Praevis password');
    expect(row.html).toContain('A &lt;b&gt;user&lt;/b&gt;');
    expect(row.html).toContain('href="http://localhost:3000/profile#notifications"');
    expect(row.text).toContain('Hello A <b>user</b>,');
    expect(row.text).toContain('http://localhost:3000/x?a=1&b=2');
    expect(await ctx.db.transaction().execute((trx) => queueMail(trx, input))).toBeNull();
    // A rolled-back transaction leaves no message.
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await queueMail(trx, { ...input, dedupeKey: 'rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await ctx.db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', 'rolled-back').executeTakeFirst()).toBeUndefined();
  });

  it('cleans subject, bodies and attachments after 30 days and keeps the proof of sending', async () => {
    const user = await buildUser(ctx.db, 'lpr');
    setClock('2026-01-01T10:00:00Z');
    const queue = () =>
      ctx.db.transaction().execute((trx) =>
        queueMail(trx, {
          kind: 'account.password-reset',
          category: 'account',
          to: { email: user.email, userId: user.id },
          template: 'account.password-reset',
          data: { displayName: 'x', link: 'http://localhost:3000/x', validMinutes: 30 },
          attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }],
        }),
      );
    const old = (await queue())!;
    setClock('2026-01-25T10:00:00Z');
    const recent = (await queue())!;
    setClock('2026-02-01T10:00:01Z');
    try {
      await maintainOutbox(ctx.db);
    } finally {
      resetClock();
    }
    const rows = await ctx.db.selectFrom('mail_outbox').selectAll().where('id', 'in', [old, recent]).orderBy('id').execute();
    expect(rows[0]).toMatchObject({
      id: old,
      subject: null,
      html: null,
      text: null,
      kind: 'account.password-reset',
      recipient: user.email,
    });
    expect(rows[0]!.cleaned_at).not.toBeNull();
    expect(rows[1]).toMatchObject({ id: recent, cleaned_at: null, subject: 'Passwort für Praevis zurücksetzen' });
    const files = await ctx.db.selectFrom('mail_outbox_attachments').select('outbox_id').where('outbox_id', 'in', [old, recent]).execute();
    expect(files.map((f) => f.outbox_id)).toEqual([recent]);
  });
});
