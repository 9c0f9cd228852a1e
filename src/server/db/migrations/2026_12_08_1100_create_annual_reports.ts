import { type Kysely, sql } from 'kysely';

/*
 * The frozen versions of the annual report (decision 031): per year numbered versions, each the
 * JSON snapshot of everything the report shows with its SHA-256. A version is only ever inserted;
 * nothing updates or deletes one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_report_versions')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_report_versions_pk', ['year', 'number'])
    .addCheckConstraint('annual_report_versions_number_check', sql`number >= 1`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_report_versions').execute();
}
