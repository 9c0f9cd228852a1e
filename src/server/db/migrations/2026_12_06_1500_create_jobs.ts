import { type Kysely, sql } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * Background jobs: long documents (the letters of a code batch) are produced by a worker in the
 * server process instead of within one request. A job is queued, claimed by one worker (on
 * PostgreSQL with FOR UPDATE SKIP LOCKED, so that several server processes never take the same
 * job), reports its progress and keeps its result (the file) until it is removed. `scope` names
 * what the job belongs to, so that access to it is checked like access to that record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('jobs')
    .$call((t) => withIdColumn(db, t))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('ags', 'text')
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('progress_done', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress_done >= 0`),
    )
    .addColumn('progress_total', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress_total >= 0`),
    )
    .addColumn('error', 'text')
    .addColumn('result', pg ? 'bytea' : 'blob')
    .addColumn('result_type', 'text')
    .addColumn('result_name', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'id']).execute();
  await db.schema.createIndex('jobs_created_by_idx').on('jobs').column('created_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
