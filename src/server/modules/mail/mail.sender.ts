import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import type { MailOutboxTable } from '../../db/tables/mail.ts';
import type { Selectable } from 'kysely';
import { now, nowIso } from '../../../shared/time.ts';
import { removeOldLinkData } from './links.service.ts';
import * as repo from './mail.repository.ts';

/*
 * Sending the outbox (decision 023). The worker that `praevis serve` starts (app.ts, beside the job
 * worker of lib/jobs.ts and on its pattern) polls every few seconds: a plain read first, so that an
 * idle worker takes no lock; then it claims a batch of due messages in one short transaction (on
 * PostgreSQL FOR UPDATE SKIP LOCKED, so several server processes take disjoint messages; on
 * SQLite the transaction begins with the write lock), sends them one by one outside any
 * transaction and records each outcome:
 * - accepted: `sent`, with the time and the Message-ID;
 * - refused temporarily (4xx, a connection or timeout error): queued again after 1, 2, 4, … minutes
 *   (at most 2 hours apart); after MAX_ATTEMPTS attempts `failed`;
 * - refused permanently (5xx): `failed` at once (retrying cannot help; an admin may retry it).
 * A message left `sending` for 15 minutes (its process ended while it sent) is queued again: the
 * outbox sends at least once, and exactly once unless a process dies between the SMTP server's
 * acceptance and the write of `sent`. Its Message-ID is the same on every attempt, so a receiving
 * system can recognise such a repeat.
 * Errors are logged without addresses or content: the outbox id and the SMTP server's answer code.
 */

export type OutboxRow = Selectable<MailOutboxTable>;

/** Attempts before a message that keeps being refused temporarily is marked failed. */
export const MAX_ATTEMPTS = 8;
/** The first pause after a temporary refusal; it doubles with each attempt. */
export const FIRST_RETRY_MS = 60_000;
/** The longest pause between two attempts. */
export const MAX_RETRY_MS = 2 * 3600_000;
/** A message `sending` for longer belongs to a process that ended: it is queued again. */
export const STALE_SENDING_MS = 15 * 60_000;
/** How many messages one claim takes. */
const BATCH = 20;

/** What the worker sends through (a nodemailer transporter, or anything with its sendMail). */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<{ messageId?: string }>;
  close?(): void;
}

/** A pooled SMTP transport for the URL (smtp:// or smtps://, credentials and options in the URL). */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl, {}) as unknown as MailTransport;
}

/** The pause before the next attempt after `attempts` attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** The SMTP answer code of a refusal, if the server gave one. */
function responseCodeOf(err: unknown): number | undefined {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** A short description of a refusal without any address or content: the code and the server's first words. */
export function describeError(err: unknown): string {
  const code = responseCodeOf(err);
  const e = err as { code?: string; response?: string; message?: string };
  const response = typeof e.response === 'string' ? e.response : (e.message ?? String(err));
  // The server's answer may quote the recipient: addresses are cut out.
  const clean = response.replace(/<[^>]*>/g, '<…>').replace(/[^\s@<>]+@[^\s@<>]+/g, '…');
  return `${code ?? e.code ?? 'error'}: ${clean}`.slice(0, 300);
}

function hostOf(from: string): string {
  const m = /@([^>\s]+)/.exec(from);
  return m ? m[1]! : 'praevis.invalid';
}

/** Sends one claimed message and records the outcome; returns it. */
export async function sendOne(db: Db, transport: MailTransport, from: string, m: OutboxRow): Promise<'sent' | 'retry' | 'failed'> {
  const attempts = m.attempts + 1;
  try {
    const files = await repo.listAttachments(db, m.id);
    const attachments: NonNullable<SendMailOptions['attachments']> = files.map((f) => ({
      filename: f.filename,
      contentType: f.content_type,
      content: Buffer.from(f.content),
    }));
    if (m.ical && m.ical_method) {
      attachments.push({
        filename: m.ical_method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        contentType: 'application/ics',
        content: m.ical,
      });
    }
    const info = await transport.sendMail({
      from,
      to: m.recipient,
      subject: m.subject ?? '',
      text: m.text ?? '',
      html: m.html ?? undefined,
      attachments,
      icalEvent: m.ical && m.ical_method ? { method: m.ical_method, content: m.ical } : undefined,
      messageId: `<praevis-outbox-${m.id}-${Date.parse(m.created_at)}@${hostOf(from)}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    await repo.markSent(db, m.id, nowIso(), info.messageId ?? null, attempts);
    return 'sent';
  } catch (err) {
    const code = responseCodeOf(err);
    const permanent = code !== undefined && code >= 500 && code < 600;
    const failed = permanent || attempts >= MAX_ATTEMPTS;
    await repo.markAttemptFailed(db, m.id, {
      status: failed ? 'failed' : 'queued',
      attempts,
      error: describeError(err),
      nextAttemptAt: failed ? null : new Date(now().getTime() + retryDelayMs(attempts)).toISOString(),
    });
    return failed ? 'failed' : 'retry';
  }
}

/** Claims due messages (a batch) in one short transaction. */
export async function claimDueMail(db: Db, limit = BATCH): Promise<OutboxRow[]> {
  const at = nowIso();
  if (!(await repo.anyDue(db, at))) return [];
  return db.transaction().execute((trx) => repo.claimDue(trx, at, limit));
}

/** Sends every message due now, batch by batch, until none is due (or `stopping()`); the outcomes counted. */
export async function sendDueMail(
  db: Db,
  transport: MailTransport,
  from: string,
  stopping: () => boolean = () => false,
): Promise<{ sent: number; retry: number; failed: number }> {
  const counts = { sent: 0, retry: 0, failed: 0 };
  for (let batch = await claimDueMail(db); batch.length; batch = stopping() ? [] : await claimDueMail(db)) {
    for (const m of batch) counts[await sendOne(db, transport, from, m)] += 1;
  }
  return counts;
}

/** How long subject, bodies and attachments of finished messages are kept. */
export const BODY_RETENTION_DAYS = 30;
/** How long the proof of sending (kind, recipient, times, status) is kept. */
export const PROOF_RETENTION_DAYS = 365;

/** Cleans finished messages older than the retention periods, old reset requests and links, and requeues stale `sending` ones. */
export async function maintainOutbox(db: Db): Promise<void> {
  const t = now().getTime();
  await repo.requeueStale(db, new Date(t - STALE_SENDING_MS).toISOString());
  const bodiesBefore = new Date(t - BODY_RETENTION_DAYS * 86_400_000).toISOString();
  if (await repo.anyToClean(db, bodiesBefore)) await repo.cleanBodies(db, bodiesBefore, nowIso());
  await repo.deleteOldMessages(db, new Date(t - PROOF_RETENTION_DAYS * 86_400_000).toISOString());
  await removeOldLinkData(db);
}

type MailLogger = { error: (obj: object, msg: string) => void };

export interface MailWorker {
  /** Stops polling after the message being sent now. */
  stop: () => Promise<void>;
  /** How long the first poll took, in ms, once it has run (the start-up bench reports it). */
  firstPass: Promise<number>;
}

/**
 * Polls the outbox every `intervalMs` and sends what is due, until stopped; without a transport (no
 * SMTP_URL) it only cleans the outbox after the retention period. While the database or
 * the SMTP server fails outright, the pause doubles up to 30 s (as the job worker's does).
 */
export function startMailWorker(
  db: Db,
  o: { transport: MailTransport | null; from: string; log: MailLogger; intervalMs?: number },
): MailWorker {
  const intervalMs = o.intervalMs ?? 2000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pause = intervalMs;
  let lastMaintenance = 0;
  let firstPassDone: ((ms: number) => void) | undefined;
  const firstPass = new Promise<number>((resolve) => (firstPassDone = resolve));
  const tick = () => {
    running = (async () => {
      const started = performance.now();
      try {
        if (Date.now() - lastMaintenance > 10 * 60_000) {
          lastMaintenance = Date.now();
          await maintainOutbox(db);
        }
        if (o.transport) await sendDueMail(db, o.transport, o.from, () => stopped);
        pause = intervalMs;
      } catch (err) {
        pause = Math.max(intervalMs, Math.min(pause * 2, 30_000));
        o.log.error({ reason: err instanceof Error ? err.message : String(err), retryInMs: pause }, 'the outbox could not be sent');
      }
      firstPassDone?.(performance.now() - started);
      firstPassDone = undefined;
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, pause);
    });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      o.transport?.close?.();
    },
    firstPass,
  };
}

/** The worker `praevis serve` runs: it sends through SMTP_URL, or only cleans the outbox when none is set. */
export function startOutboxWorker(db: Db, config: { smtpUrl: string | undefined; from: string }, log: MailLogger): MailWorker {
  return startMailWorker(db, { transport: config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null, from: config.from, log });
}
