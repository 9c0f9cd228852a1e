import type { DbOrTrx } from '../../db/database.ts';
import type { MailCategory } from '../../db/tables/mail.ts';
import { nowIso } from '../../../shared/time.ts';
import { findAccountById } from '../users/index.ts';
import { mailConfig, publicLink, SETTINGS_PATH } from './mail.config.ts';
import { renderMail } from './mail.templates.ts';
import * as repo from './mail.repository.ts';

export type { MailCategory } from '../../db/tables/mail.ts';

/** A file sent with a message. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A message to queue: what it is, to whom, which template with which values. */
export interface QueueMailInput {
  /** What the message is, e.g. 'meeting.invitation', 'funding.approved', 'account.password-reset'. */
  kind: string;
  /** A user may switch off every category except 'account'. */
  category: MailCategory;
  /** The language defaults to the user's, else German. */
  to: { email: string; userId?: number | null; language?: 'de' | 'en' };
  /** Template name: files templates/<name>.<de|en>.{subject.txt,html,txt}. */
  template: string;
  /** The template's values (mustache escapes HTML in {{ }}). */
  data: Record<string, unknown>;
  attachments?: MailAttachment[];
  /** Sent as text/calendar part and .ics attachment. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** A second message with the same key is not written. */
  dedupeKey?: string;
}

/** The categories a user may switch off. */
export const OPTIONAL_CATEGORIES = ['meetings', 'digest', 'funding', 'analysis'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** Whether the user receives messages of the category (account messages always). */
export async function receivesCategory(db: DbOrTrx, userId: number, category: MailCategory): Promise<boolean> {
  if (category === 'account') return true;
  const settings = await repo.findMailSettings(db, userId);
  return settings ? settings[category] === 1 : true;
}

/**
 * Writes the message into the outbox inside the caller's transaction (db may be a transaction),
 * rendered in the recipient's language. Returns the outbox id, or null when the recipient switched
 * the category off or the dedupeKey exists. Without an SMTP server the message is stored as `kept`.
 */
export async function queueMail(db: DbOrTrx, input: QueueMailInput): Promise<number | null> {
  const userId = input.to.userId ?? null;
  let language = input.to.language;
  if (userId !== null) {
    if (!(await receivesCategory(db, userId, input.category))) return null;
    if (!language) {
      const user = await findAccountById(db, userId);
      language = user?.locale === 'en' ? 'en' : 'de';
    }
  }
  language ??= 'de';
  const rendered = renderMail(input.template, language, input.data, publicLink(SETTINGS_PATH));
  const id = await repo.insertOutboxMessage(db, {
    kind: input.kind,
    category: input.category,
    recipient: input.to.email,
    userId,
    language,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    icalMethod: input.icalEvent?.method ?? null,
    ical: input.icalEvent?.content ?? null,
    status: mailConfig().smtpUrl ? 'queued' : 'kept',
    dedupeKey: input.dedupeKey ?? null,
    createdAt: nowIso(),
  });
  if (id !== null && input.attachments?.length) await repo.insertAttachments(db, id, input.attachments);
  return id;
}
