import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

/*
 * How transactions start: the one home for it. Every `db.transaction()` (and `startTransaction()`)
 * goes through the dialect's driver, so callers need no helper of their own.
 *
 * On SQLite a plain BEGIN is deferred: the transaction reads under a snapshot and asks for the write
 * lock only at its first write. If another connection (a second server process, a CLI import or
 * backup) wrote in between, SQLite refuses the upgrade at once with SQLITE_BUSY, and the busy
 * timeout never applies. A transaction here reads and then writes (checks, then changes), so every
 * one starts as BEGIN IMMEDIATE: it takes the write lock first, waiting up to busy_timeout for it
(and trying again a few times, BEGIN_TRIES below).
 * Within one process the SQLite driver serialises transactions on its single connection anyway, so
 * this costs no concurrency; reads outside a transaction are not affected.
 *
 * On PostgreSQL a transaction is an ordinary BEGIN (READ COMMITTED): row locks and constraints
 * order concurrent writers. A transaction whose connection breaks is rolled back by the server; the
 * error reaches the client as 503 (db/errors.ts, http/problem.ts), and the pool drops the connection.
 */

/**
 * How many times BEGIN IMMEDIATE is tried before SQLITE_BUSY reaches the caller. Each try waits up
 * to busy_timeout (5 s, db/database.ts) inside SQLite, whose busy handler polls at growing
 * intervals: a process that commits and begins again at once can take the lock again before a
 * waiting one polls, so on a crowded machine one wait may run out although the queue moves. Between
 * tries the process yields for a few random milliseconds (the event loop runs, other processes'
 * pollers get their turn), so a writer waits up to about 30 s in all before it fails.
 */
const BEGIN_TRIES = 6;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** The SQLite driver of Kysely, with every transaction started as BEGIN IMMEDIATE. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (err) {
        if (!isBusy(err) || attempt >= BEGIN_TRIES) throw err;
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 20)));
      }
    }
  }
}

/** Kysely's better-sqlite3 dialect whose transactions take the write lock when they begin. */
export class WriteLockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
