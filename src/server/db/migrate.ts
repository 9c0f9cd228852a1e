import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgres } from './migration-helpers.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Beside the sources the migrations are .ts; beside the compiled server (dist/server) they are .js.
const MIGRATION_FILE = /^(\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+)\.[jt]s$/;

/** Every migration in the migrations folder, by name; names sort in the order they run. */
export async function loadMigrations(): Promise<Record<string, Migration>> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  const entries = await Promise.all(
    files.map(async (f) => [f.replace(/\.[jt]s$/, ''), (await import(path.join(MIGRATIONS_DIR, f))) as Migration] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * On PostgreSQL a migration may run longer than the statement timeout that protects requests
 * (PG_STATEMENT_TIMEOUT_MS): rebuilding a constraint over a large table must not be cancelled.
 * Kysely's Migrator runs the migrations in one transaction there, so `set local` lifts the limit
 * for that transaction only.
 */
export function withoutStatementTimeout(db: Db, migrations: Record<string, Migration>): Record<string, Migration> {
  if (!isPostgres(db)) return migrations;
  const lift = (trx: Kysely<any>) => sql`set local statement_timeout = 0`.execute(trx);
  return Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => [
      name,
      {
        up: async (trx: Kysely<any>) => {
          await lift(trx);
          await m.up(trx);
        },
        down: m.down
          ? async (trx: Kysely<any>) => {
              await lift(trx);
              await m.down!(trx);
            }
          : undefined,
      },
    ]),
  );
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrations = withoutStatementTimeout(db, await loadMigrations());
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return result;
}
