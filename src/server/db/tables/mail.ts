import type { Generated } from 'kysely';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'kept';
export type MailCategory = 'account' | 'meetings' | 'digest' | 'funding' | 'analysis';

/**
 * One outgoing message, rendered when it was queued (decision 023). Subject, bodies, the calendar
 * part and the attachments are cleaned after the retention period (`cleaned_at`); the rest stays
 * as the proof of sending.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  /** What the message is, e.g. 'account.password-reset' or 'meeting.invitation'. */
  kind: string;
  category: MailCategory;
  /** The recipient's address (needed to send, and kept as the proof of whom it went to). */
  recipient: string;
  user_id: number | null;
  language: 'de' | 'en';
  subject: string | null;
  html: string | null;
  text: string | null;
  ical_method: 'REQUEST' | 'CANCEL' | null;
  ical: string | null;
  status: MailStatus;
  attempts: Generated<number>;
  /** When a queued message may be tried (again); null: now. */
  next_attempt_at: string | null;
  /** When a worker took it for sending (a message left `sending` by a dead process is queued again later). */
  claimed_at: string | null;
  /** The SMTP server's last answer of a failed attempt (never the message's content). */
  last_error: string | null;
  /** The Message-ID the message was sent with. */
  message_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
  cleaned_at: string | null;
}

/** A file sent with an outgoing message, in its order. */
export interface MailOutboxAttachmentsTable {
  id: Generated<number>;
  outbox_id: number;
  position: number;
  filename: string;
  content_type: string;
  content: Buffer;
}

/** The categories a user receives (1) or switched off (0); no row: every category on. */
export interface MailSettingsTable {
  user_id: number;
  meetings: number;
  digest: number;
  funding: number;
  analysis: number;
  version: Generated<number>;
  updated_at: string;
}

/** A single-use link of an account invitation or a password reset: only the SHA-256 of its token is kept. */
export interface MailTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: 'invitation' | 'password-reset';
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One password-reset request under a key (the hashed address, or the account), for the rate limit. */
export interface MailResetRequestsTable {
  id: Generated<number>;
  key: string;
  at: string;
}

/** The tables of the mail module, by name (extended by `Database`). */
export interface MailTables {
  mail_outbox: MailOutboxTable;
  mail_outbox_attachments: MailOutboxAttachmentsTable;
  mail_settings: MailSettingsTable;
  mail_tokens: MailTokensTable;
  mail_reset_requests: MailResetRequestsTable;
}
