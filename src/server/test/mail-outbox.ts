/* Reading the mail outbox in tests (not a test file itself): the messages queued for an address, oldest first. */
import type { DbOrTrx } from '../db/database.ts';

/** The outbox messages to an address (optionally of one kind), with their attachments, oldest first. */
export async function outboxTo(db: DbOrTrx, recipient: string, kind?: string) {
  let q = db.selectFrom('mail_outbox').selectAll().where('recipient', '=', recipient);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('id').execute();
  const out = [];
  for (const r of rows) {
    const attachments = await db
      .selectFrom('mail_outbox_attachments')
      .select(['filename', 'content_type', 'content'])
      .where('outbox_id', '=', r.id)
      .orderBy('position')
      .execute();
    out.push({ ...r, attachments: attachments.map((a) => ({ ...a, content: Buffer.from(a.content) })) });
  }
  return out;
}
