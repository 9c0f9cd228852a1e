import { type Kysely, sql } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * Outgoing mail (decision 023). A message is rendered and written to `mail_outbox` in the same
 * transaction as the change that causes it; the worker `praevis serve` starts claims due messages
 * (on PostgreSQL with FOR UPDATE SKIP LOCKED), sends them and records the attempt. Without an SMTP
 * server configured a message is stored as `kept` and never sent. Bodies and attachments are
 * cleaned after the retention period; the row stays as the proof of sending.
 *
 * `mail_settings`: the categories a user switched off (no row: everything on).
 * `mail_tokens`: the single-use links of account invitations and password resets, stored hashed.
 * `mail_reset_requests`: the password-reset requests of the last hour, per hashed address or account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const bytes = pg ? 'bytea' : 'blob';
  await db.schema
    .createTable('mail_outbox')
    .$call((t) => withIdColumn(db, t))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('account', 'meetings', 'digest', 'funding', 'analysis')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('subject', 'text')
    .addColumn('html', 'text')
    .addColumn('text', 'text')
    .addColumn('ical_method', 'text', (c) => c.check(sql`ical_method in ('REQUEST', 'CANCEL')`))
    .addColumn('ical', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'kept')`))
    .addColumn('attempts', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('cleaned_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_status_idx').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_user_id_idx').on('mail_outbox').column('user_id').execute();
  await db.schema.createIndex('mail_outbox_created_at_idx').on('mail_outbox').column('created_at').execute();

  await db.schema
    .createTable('mail_outbox_attachments')
    .$call((t) => withIdColumn(db, t))
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_attachments_outbox_id_idx').on('mail_outbox_attachments').column('outbox_id').execute();

  await db.schema
    .createTable('mail_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('meetings', 'integer', (c) => c.notNull().check(sql`meetings in (0, 1)`))
    .addColumn('digest', 'integer', (c) => c.notNull().check(sql`digest in (0, 1)`))
    .addColumn('funding', 'integer', (c) => c.notNull().check(sql`funding in (0, 1)`))
    .addColumn('analysis', 'integer', (c) => c.notNull().check(sql`analysis in (0, 1)`))
    .addColumn('version', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_tokens')
    .$call((t) => withIdColumn(db, t))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password-reset')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('mail_tokens_user_id_idx').on('mail_tokens').column('user_id').execute();

  await db.schema
    .createTable('mail_reset_requests')
    .$call((t) => withIdColumn(db, t))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_reset_requests_key_idx').on('mail_reset_requests').columns(['key', 'at']).execute();
  await db.schema.createIndex('mail_reset_requests_at_idx').on('mail_reset_requests').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_reset_requests').execute();
  await db.schema.dropTable('mail_tokens').execute();
  await db.schema.dropTable('mail_settings').execute();
  await db.schema.dropTable('mail_outbox_attachments').execute();
  await db.schema.dropTable('mail_outbox').execute();
}
