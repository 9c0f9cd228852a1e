import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildUser } from '../../test/factories.ts';
import { queueMail } from './index.ts';

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
});
