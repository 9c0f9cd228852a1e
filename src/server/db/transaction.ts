import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

/*
 * How transactions start: the one home for it. Every `db.transaction()` (and `startTransaction()`)
 * goes through the dialect's driver, so callers need no helper of their own.
 *
 * On SQLite a plain BEGIN is deferred: the transaction reads under a snapshot and asks for the write
 * lock only at its first write. If another connection (a second server process, a CLI import or
 * backup) wrote in between, SQLite refuses the upgrade at once with SQLITE_BUSY, and the busy
 * timeout never applies. A transaction here reads and then writes (checks, then changes), so every
 * one starts as BEGIN IMMEDIATE: it takes the write lock first, waiting up to busy_timeout for it.
 * Within one process the SQLite driver serialises transactions on its single connection anyway, so
 * this costs no concurrency; reads outside a transaction are not affected.
 *
 * On PostgreSQL a transaction is an ordinary BEGIN (READ COMMITTED): row locks and constraints
 * order concurrent writers. A transaction whose connection breaks is rolled back by the server; the
 * error reaches the client as 503 (db/errors.ts, http/problem.ts), and the pool drops the connection.
 */

/** The SQLite driver of Kysely, with every transaction started as BEGIN IMMEDIATE. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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
