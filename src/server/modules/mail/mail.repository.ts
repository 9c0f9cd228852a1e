import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { isPostgres } from '../../db/migration-helpers.ts';
import type { MailCategory, MailStatus } from '../../db/tables/mail.ts';

/* The SQL of the mail module: the outbox, its attachments, the notification settings, the tokens of links. */

export interface NewOutboxMessage {
  kind: string;
  category: MailCategory;
  recipient: string;
  userId: number | null;
  language: 'de' | 'en';
  subject: string;
  html: string;
  text: string;
  icalMethod: 'REQUEST' | 'CANCEL' | null;
  ical: string | null;
  status: 'queued' | 'kept';
  dedupeKey: string | null;
  createdAt: string;
}

/** Inserts a message; null when its dedupe key is already in the outbox (nothing written). */
export async function insertOutboxMessage(db: DbOrTrx, m: NewOutboxMessage): Promise<number | null> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      kind: m.kind,
      category: m.category,
      recipient: m.recipient,
      user_id: m.userId,
      language: m.language,
      subject: m.subject,
      html: m.html,
      text: m.text,
      ical_method: m.icalMethod,
      ical: m.ical,
      status: m.status,
      next_attempt_at: null,
      claimed_at: null,
      last_error: null,
      message_id: null,
      dedupe_key: m.dedupeKey,
      created_at: m.createdAt,
      sent_at: null,
      cleaned_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? row.id : null;
}

export async function insertAttachments(
  db: DbOrTrx,
  outboxId: number,
  files: { filename: string; contentType: string; content: Buffer }[],
): Promise<void> {
  if (!files.length) return;
  await db
    .insertInto('mail_outbox_attachments')
    .values(
      files.map((f, position) => ({
        outbox_id: outboxId,
        position,
        filename: f.filename,
        content_type: f.contentType,
        content: f.content,
      })),
    )
    .execute();
}

export async function listAttachments(db: DbOrTrx, outboxId: number) {
  return db
    .selectFrom('mail_outbox_attachments')
    .select(['filename', 'content_type', 'content'])
    .where('outbox_id', '=', outboxId)
    .orderBy('position')
    .execute();
}

export async function findOutboxMessage(db: DbOrTrx, id: number) {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The categories a user switched off, or undefined when the user keeps every category (no row). */
export async function findMailSettings(db: DbOrTrx, userId: number) {
  return db.selectFrom('mail_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertMailSettings(
  db: DbOrTrx,
  row: { user_id: number; meetings: number; digest: number; funding: number; analysis: number; updated_at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('mail_settings')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateMailSettingsVersioned(
  db: DbOrTrx,
  userId: number,
  version: number,
  patch: { meetings: number; digest: number; funding: number; analysis: number; updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('mail_settings')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The messages due for sending now: queued with no later attempt time. */
function dueQuery(db: DbOrTrx, at: string) {
  return db
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]));
}

/** Whether any message is due (a plain read: an idle worker takes no lock). */
export async function anyDue(db: DbOrTrx, at: string): Promise<boolean> {
  return (await dueQuery(db, at).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Marks up to `limit` due messages as `sending` by this worker and returns them. On PostgreSQL the
 * rows are taken with FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint sets; on SQLite
 * the caller's transaction holds the write lock (BEGIN IMMEDIATE).
 */
export async function claimDue(trx: DbOrTrx, at: string, limit: number) {
  let q = dueQuery(trx, at).orderBy('id').limit(limit);
  if (isPostgres(trx)) q = q.forUpdate().skipLocked();
  const ids = (await q.execute()).map((r) => r.id);
  if (!ids.length) return [];
  return trx
    .updateTable('mail_outbox')
    .set({ status: 'sending', claimed_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'queued')
    .returningAll()
    .execute();
}

export async function markSent(db: DbOrTrx, id: number, at: string, messageId: string | null, attempts: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: at, message_id: messageId, attempts, last_error: null, next_attempt_at: null, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markAttemptFailed(
  db: DbOrTrx,
  id: number,
  o: { status: 'queued' | 'failed'; attempts: number; error: string; nextAttemptAt: string | null },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: o.status, attempts: o.attempts, last_error: o.error, next_attempt_at: o.nextAttemptAt, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Puts back in the queue the messages left `sending` since before `before` (their process ended while sending). */
export async function requeueStale(db: DbOrTrx, before: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'queued', claimed_at: null })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', before)
    .execute();
}

/** Queues a failed message again, from zero attempts; false when it is not failed. */
export async function requeueFailed(db: DbOrTrx, id: number): Promise<boolean> {
  const r = await db
    .updateTable('mail_outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: null, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where('cleaned_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes subject, bodies, calendar part and attachments of sent and kept messages created before `before`. */
export async function cleanBodies(db: DbOrTrx, before: string, at: string): Promise<number> {
  const ids = db
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', 'in', ['sent', 'kept', 'failed'])
    .where('cleaned_at', 'is', null)
    .where('created_at', '<', before);
  await db.deleteFrom('mail_outbox_attachments').where('outbox_id', 'in', ids).execute();
  const r = await db
    .updateTable('mail_outbox')
    .set({ subject: null, html: null, text: null, ical: null, cleaned_at: at })
    .where('status', 'in', ['sent', 'kept', 'failed'])
    .where('cleaned_at', 'is', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes the rows (the proof of sending) created before `before`. */
export async function deleteOldMessages(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('mail_outbox').where('status', 'in', ['sent', 'kept', 'failed']).where('created_at', '<', before).execute();
}

/** Whether any finished message is older than `before` and not yet cleaned (read first, write only when due). */
export async function anyToClean(db: DbOrTrx, before: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', 'in', ['sent', 'kept', 'failed'])
      .where('cleaned_at', 'is', null)
      .where('created_at', '<', before)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

export interface OutboxFilter {
  status?: MailStatus;
  limit: number;
  offset: number;
}

/** A page of the outbox, newest first, without bodies. */
export async function listOutbox(db: DbOrTrx, f: OutboxFilter) {
  let q = db.selectFrom('mail_outbox');
  if (f.status) q = q.where('status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'kind',
        'category',
        'recipient',
        'user_id',
        'language',
        'subject',
        'status',
        'attempts',
        'next_attempt_at',
        'last_error',
        'created_at',
        'sent_at',
        'cleaned_at',
      ])
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
