import crypto from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase, type PostgresOptions } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IN_CI = process.env.CI === 'true';

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await postgresAnswers();
if (pgProblem) {
  if (IN_CI) throw new Error(`PostgreSQL at ${PG_URL} does not answer (${pgProblem}); with CI=true the PostgreSQL tests must run.`);
  console.warn(`[tests] PostgreSQL tests skipped: ${PG_URL} does not answer (${pgProblem}).`);
}

/** The dialects every API test runs on: SQLite always, PostgreSQL when it answers (always in CI). */
export const DIALECTS: Dialect[] = pgProblem ? ['sqlite'] : ['sqlite', 'postgres'];

/**
 * A fresh, migrated database of the dialect; PostgreSQL gets its own database, dropped on destroy.
 * SQLite is in memory unless a file is named (a test with a second process on the same file).
 */
export async function createTestDatabase(
  dialect: Dialect,
  o: { sqliteFile?: string; postgres?: Partial<PostgresOptions>; postgresServer?: string } = {},
): Promise<DatabaseHandle> {
  const server = o.postgresServer ?? PG_URL;
  if (dialect === 'sqlite') {
    const handle = openDatabase(o.sqliteFile ?? ':memory:');
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `praevis_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), o.postgres);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    destroy: async () => {
      await handle.destroy();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await dropDatabase(c, name);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Drops a database whose pool has just ended. The pool resolves its end before its connections
 * have closed; dropping "with (force)" at once would terminate them mid-close, and their clients
 * would raise "terminating connection" as uncaught errors: wait until the server has let them go,
 * and force only as a last resort.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`drop database if exists ${name}${attempt > 100 ? ' with (force)' : ''}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt > 100) throw err; // 55006: still in use
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
