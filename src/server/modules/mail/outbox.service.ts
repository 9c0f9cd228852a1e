import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../http/problem.ts';
import type { MailSettings, MailStatus, OutboxMessage, OutboxMessageDetail, UpdateMailSettingsInput } from '../../../shared/mail.schema.ts';
import type { CsvDialect } from '../../lib/csv.ts';
import { tableDownload } from '../../lib/table-export.ts';
import { nowIso } from '../../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './mail.repository.ts';

/* The outbox for admins (the "Postausgang" page) and each user's notification settings. */

type ListRow = Awaited<ReturnType<typeof repo.listOutbox>>['rows'][number];

function present(r: ListRow): OutboxMessage {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category,
    recipient: r.recipient,
    language: r.language,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    cleanedAt: r.cleaned_at,
  };
}

/** A page of the outbox, newest first, optionally of one status. */
export async function listOutbox(db: DbOrTrx, q: { status?: OutboxMessage['status']; page: number; pageSize: number }) {
  const { rows, total } = await repo.listOutbox(db, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

const STATUS_DE: Record<MailStatus, string> = {
  queued: 'in der Warteschlange',
  sending: 'wird gesendet',
  sent: 'gesendet',
  failed: 'fehlgeschlagen',
  kept: 'zurückgehalten',
};

/** At most this many messages in one download (the outbox keeps a year of them). */
const EXPORT_MAX = 100_000;

/** The outbox (of one status, or all) as CSV or XLSX, newest first, German headers like the page. */
export async function exportOutbox(db: DbOrTrx, q: { status?: MailStatus; format: 'csv' | 'xlsx'; dialect: CsvDialect }) {
  const { rows } = await repo.listOutbox(db, { status: q.status, limit: EXPORT_MAX, offset: 0 });
  const header = [
    'Nr.',
    'Erstellt',
    'Art',
    'Kategorie',
    'Empfänger',
    'Sprache',
    'Betreff',
    'Status',
    'Versuche',
    'Nächster Versuch',
    'Letzter Fehler',
    'Gesendet',
    'Inhalt gelöscht',
  ];
  const data = rows.map((r) => [
    r.id,
    r.created_at,
    r.kind,
    r.category,
    r.recipient,
    r.language,
    r.subject,
    STATUS_DE[r.status],
    r.attempts,
    r.next_attempt_at,
    r.last_error,
    r.sent_at,
    r.cleaned_at,
  ]);
  return tableDownload(header, data, {
    format: q.format,
    dialect: q.dialect,
    sheet: 'Postausgang',
    fileBase: `postausgang${q.status ? `-${q.status}` : ''}`,
  });
}

/** One message with its plain text and the names of its attachments. */
export async function getOutboxMessage(db: DbOrTrx, id: number): Promise<OutboxMessageDetail> {
  const row = await repo.findOutboxMessage(db, id);
  if (!row) throw notFound({ de: `Keine Nachricht mit der Nummer ${id}.`, en: `No message with id ${id}.` });
  const files = await repo.listAttachments(db, id);
  return {
    ...present(row),
    text: row.text,
    attachments: files.map((f) => ({ filename: f.filename, contentType: f.content_type, size: f.content.length })),
    hasCalendar: row.ical !== null,
  };
}

/** Queues a failed message again from zero attempts (admin action, audited); 409 unless it is failed. */
export async function retryOutboxMessage(db: DbOrTrx, actor: Actor, id: number): Promise<OutboxMessageDetail> {
  const before = await getOutboxMessage(db, id);
  if (!(await repo.requeueFailed(db, id))) {
    throw new AppError(
      'conflict',
      {
        de: 'Nur eine fehlgeschlagene Nachricht, deren Inhalt noch vorliegt, kann erneut gesendet werden.',
        en: 'Only a failed message whose content is still kept can be sent again.',
      },
      undefined,
      before,
    );
  }
  const after = await getOutboxMessage(db, id);
  await recordAudit(db, actor, {
    action: 'retry',
    entityType: 'mail',
    entityId: id,
    before: { status: before.status, attempts: before.attempts },
    after: { status: after.status, attempts: after.attempts },
  });
  return after;
}

/** The user's notification settings (every category on until changed). */
export async function getMailSettings(db: DbOrTrx, userId: number): Promise<MailSettings> {
  const row = await repo.findMailSettings(db, userId);
  if (!row) return { meetings: true, digest: true, funding: true, analysis: true, version: 0 };
  return {
    meetings: row.meetings === 1,
    digest: row.digest === 1,
    funding: row.funding === 1,
    analysis: row.analysis === 1,
    version: row.version,
  };
}

/** Changes the user's notification settings; 409 with the current ones when `version` is stale. Audited. */
export async function updateMailSettings(db: DbOrTrx, actor: Actor, userId: number, input: UpdateMailSettingsInput): Promise<MailSettings> {
  const before = await getMailSettings(db, userId);
  if (before.version !== input.version) throw conflict(before);
  const values = {
    meetings: input.meetings ? 1 : 0,
    digest: input.digest ? 1 : 0,
    funding: input.funding ? 1 : 0,
    analysis: input.analysis ? 1 : 0,
    updated_at: nowIso(),
  };
  const ok =
    input.version === 0
      ? await repo.insertMailSettings(db, { user_id: userId, ...values })
      : await repo.updateMailSettingsVersioned(db, userId, input.version, values);
  if (!ok) throw conflict(await getMailSettings(db, userId));
  const after = await getMailSettings(db, userId);
  await recordAudit(db, actor, { action: 'update', entityType: 'mail-settings', entityId: userId, before, after });
  return after;
}
