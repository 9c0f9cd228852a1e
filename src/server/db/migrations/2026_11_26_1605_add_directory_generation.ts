import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * A change counter of the municipality directory (settings key `directory.generation`), bumped by
 * triggers on every insert, update or delete of the tables the directory reads are built from.
 * Read routes cache their serialized answers per generation (decision 010): being triggers, no
 * write path (imports, edits, a manual SQL fix) can forget to invalidate them.
 */
const DIRECTORY_GENERATION_KEY = 'directory.generation';
const TABLES = ['states', 'districts', 'associations', 'municipalities', 'police_directorates', 'directorate_districts'] as const;
const OPS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: DIRECTORY_GENERATION_KEY, value_json: '{}', version: 1, updated_at: new Date().toISOString() })
    .execute();
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION bump_directory_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE settings SET version = version + 1 WHERE key = 'directory.generation';
        RETURN NULL;
      END $$`.execute(db);
    for (const table of TABLES) {
      // One bump per statement, however many rows it touches.
      await sql`CREATE TRIGGER ${sql.raw(`${table}_directory_generation`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_generation()`.execute(db);
    }
    return;
  }
  for (const table of TABLES) {
    for (const op of OPS) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_${op}_directory_generation`)} AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
        BEGIN UPDATE settings SET version = version + 1 WHERE key = 'directory.generation'; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES)
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_directory_generation`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP FUNCTION IF EXISTS bump_directory_generation()`.execute(db);
  } else {
    for (const table of TABLES)
      for (const op of OPS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_${op}_directory_generation`)}`.execute(db);
  }
  await db.deleteFrom('settings').where('key', '=', DIRECTORY_GENERATION_KEY).execute();
}
