import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { postgresSettings } from '../config.ts';
import type { Database } from './schema.ts';
import { WriteLockingSqliteDialect } from './transaction.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: what services and repositories receive. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite connection (for online backup); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** PostgreSQL: where lost connections are reported (the server's log); by default one line on stderr. */
  onConnectionError?: (listener: (err: Error) => void) => void;
  destroy(): Promise<void>;
}

/** Picks the dialect from a DATABASE_URL: `postgres://…` or a SQLite file path (`file:` optional). */
export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

const require = createRequire(import.meta.url);
let pgLibrary: typeof pg | undefined;
/** node-postgres, loaded with the first PostgreSQL database (a server on SQLite never loads it; decision 019). */
function postgresLibrary(): typeof pg {
  if (!pgLibrary) {
    pgLibrary = require('pg') as typeof pg;
    // PostgreSQL returns BIGINT (count(*)) as a string by default; counts here always fit a number.
    pgLibrary.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    pgLibrary.types.setTypeParser(1700, (v) => Number.parseFloat(v));
  }
  return pgLibrary;
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused. Queries built by the
 * repositories repeat their SQL text with different parameters, so a bounded cache pays off.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

const rawSqlite = new WeakMap<object, SQLite.Database>();

/** The raw SQLite connection behind a Kysely instance, for bulk reads that must skip Kysely's row objects (the survey analysis); undefined on PostgreSQL. */
export function rawSqliteOf(db: object): SQLite.Database | undefined {
  return rawSqlite.get(db);
}

/** Limits of the PostgreSQL connection pool (the README's PG_* settings, read by config.ts). */
export interface PostgresOptions {
  /** Connections in the pool. */
  poolMax: number;
  /** How long a request waits for a connection (a new one, or a free one of a full pool), in ms. */
  connectionTimeoutMs: number;
  /** PostgreSQL's statement_timeout on every connection, in ms; 0 for none. */
  statementTimeoutMs: number;
  /** Told of every connection that broke (the server was restarted, or ended the connection). */
  onConnectionError?: (err: Error) => void;
}

function warnConnectionError(err: Error): void {
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: 'database connection lost', err: err.message })}\n`);
}

/**
 * The PostgreSQL pool. A connection that breaks (server restart, pg_terminate_backend) emits an
 * error: on the pool while idle, on the client while a request holds it. Both are handled here, so
 * an outage never ends the process; the pool drops the broken connection (on release it is no
 * longer queryable) and opens a new one for the next request. Waiting for a connection ends after
 * connectionTimeoutMs, and statements after statementTimeoutMs: both answer 503 (http/problem.ts).
 */
function openPostgresPool(url: string, o: PostgresOptions): { pool: pg.Pool; report: (listener: (err: Error) => void) => void } {
  let onError = o.onConnectionError ?? warnConnectionError;
  const pool = new (postgresLibrary().Pool)({
    connectionString: url,
    max: o.poolMax,
    connectionTimeoutMillis: o.connectionTimeoutMs,
    ...(o.statementTimeoutMs > 0 ? { statement_timeout: o.statementTimeoutMs } : {}),
  });
  pool.on('error', (err) => onError(err));
  pool.on('connect', (client) => client.on('error', (err) => onError(err)));
  return {
    pool,
    report: (listener) => {
      onError = listener;
    },
  };
}

/**
 * Opens the database named by the URL. SQLite runs in WAL mode with foreign keys and a busy timeout.
 * PostgreSQL's pool takes its limits from the environment (PG_*), unless given here.
 */
export function openDatabase(url: string, postgres: Partial<PostgresOptions> = {}): DatabaseHandle {
  if (dialectOf(url) === 'postgres') {
    const { pool, report } = openPostgresPool(url, { ...postgresSettings(), ...postgres });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', onConnectionError: report, destroy: () => db.destroy() };
  }
  const file = url.replace(/^file:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten, not left in free pages, and sorts never spill to temporary
  // files: a submitted survey answer leaves no trace beside its code (decision 010).
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('temp_store = MEMORY');
  // Transactions begin as BEGIN IMMEDIATE, so writers of other processes wait instead of failing (db/transaction.ts).
  const db = new Kysely<Database>({ dialect: new WriteLockingSqliteDialect({ database: withStatementCache(sqlite) }) });
  rawSqlite.set(db, sqlite);
  return { db, dialect: 'sqlite', sqlite, destroy: () => db.destroy() };
}
