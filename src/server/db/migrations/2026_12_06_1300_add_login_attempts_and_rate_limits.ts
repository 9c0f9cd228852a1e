import { type Kysely, sql } from 'kysely';

/*
 * The request rate limits are kept in the database, so that every server process on one database
 * counts against the same limit: one row per key (a session or an address, hashed) and minute,
 * its count raised by one atomic upsert per request. Old minutes are deleted as they pass.
 *
 * Sign-in attempts keep their table (`login_throttle`, its counter already checked not negative);
 * an attempt is now reserved in it by one atomic upsert before the password is checked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .addCheckConstraint('rate_limits_count_positive', sql`count > 0`)
    .execute();
  await db.schema.createIndex('rate_limits_window_start_idx').on('rate_limits').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
