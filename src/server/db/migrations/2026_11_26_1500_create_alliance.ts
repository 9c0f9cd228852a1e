import type { Kysely } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * The alliance lifecycle: cooperation agreements (with signatories and signed documents) and the
 * dated events of each municipality. Nothing here is ever deleted: corrections and cancellations
 * change an event's status and link the superseding row. A municipality's status is computed from
 * its active events, never stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alliance_agreements')
    .$call((t) => withIdColumn(db, t))
    .addColumn('reference', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('directorate_id', 'integer', (c) => c.references('police_directorates.id'))
    .addColumn('council_party', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alliance_signatories')
    .$call((t) => withIdColumn(db, t))
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('alliance_agreements.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('ags', 'text')
    .execute();
  await db.schema.createIndex('alliance_signatories_agreement_idx').on('alliance_signatories').column('agreement_id').execute();

  // The signed PDF lives in the database, so that a backup of the database is a backup of everything.
  await db.schema
    .createTable('alliance_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('alliance_agreements.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alliance_documents_agreement_idx').on('alliance_documents').column('agreement_id').execute();

  await db.schema
    .createTable('alliance_events')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'integer', (c) => c.references('alliance_agreements.id'))
    .addColumn('topic', 'text')
    .addColumn('participants', 'text')
    .addColumn('withdrawal_kind', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('corrects_id', 'integer')
    .addColumn('superseded_by_id', 'integer')
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'text')
    .addColumn('status_changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('api'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Covers the figures query (active events up to a date), so it is answered from the index alone.
  await db.schema
    .createIndex('alliance_events_figures_idx')
    .on('alliance_events')
    .columns(['status', 'date', 'ags', 'type', 'agreement_id', 'withdrawal_kind'])
    .execute();
  await db.schema.createIndex('alliance_events_ags_idx').on('alliance_events').columns(['ags', 'date']).execute();
  await db.schema.createIndex('alliance_events_agreement_idx').on('alliance_events').column('agreement_id').execute();

  await db
    .insertInto('settings')
    .values({
      key: 'alliance',
      value_json: JSON.stringify({
        publicPage: false,
        programmeName: 'Allianz Sichere Sächsische Kommunen',
        programmeStart: '2019-02-06',
        councilName: 'Landespräventionsrat Sachsen',
      }),
      version: 1,
      updated_at: new Date().toISOString(),
    })
    .execute();
  // Its version counts changes of alliance_events; servers cache the figures' event index per version.
  await db
    .insertInto('settings')
    .values({ key: 'alliance.events.generation', value_json: '{}', version: 1, updated_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('settings').where('key', 'in', ['alliance', 'alliance.events.generation']).execute();
  for (const t of ['alliance_events', 'alliance_documents', 'alliance_signatories', 'alliance_agreements']) {
    await db.schema.dropTable(t).execute();
  }
}
