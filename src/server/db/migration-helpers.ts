import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/** True when the migration runs on PostgreSQL. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-incrementing integer primary key `id`, written the way each dialect wants it. */
export function withIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/** A named CHECK constraint: `expression` is SQL both dialects understand. */
export interface TableCheck {
  name: string;
  expression: string;
}

/** The clause that carries a check in a SQLite table definition: written by `addChecks`, found again by `dropChecks`. */
function checkClause(check: TableCheck): string {
  return `, constraint "${check.name}" check (${check.expression})`;
}

/**
 * Adds CHECK constraints to existing tables. PostgreSQL adds them with ALTER TABLE (and checks the
 * existing rows). SQLite cannot add a constraint to a table: each table is rebuilt from its own
 * definition with the constraints appended (see `rebuildSqliteTables`).
 */
export async function addChecks(db: Kysely<any>, checks: Record<string, TableCheck[]>): Promise<void> {
  if (isPostgres(db)) {
    for (const [table, list] of Object.entries(checks)) {
      for (const c of list)
        await sql`alter table ${sql.table(table)} add constraint ${sql.id(c.name)} check (${sql.raw(c.expression)})`.execute(db);
    }
    return;
  }
  await rebuildSqliteTables(db, Object.keys(checks), (table, definition) => {
    const end = definition.lastIndexOf(')');
    return `${definition.slice(0, end)}${checks[table]!.map(checkClause).join('')}${definition.slice(end)}`;
  });
}

/** Removes the constraints `addChecks` added. */
export async function dropChecks(db: Kysely<any>, checks: Record<string, TableCheck[]>): Promise<void> {
  if (isPostgres(db)) {
    for (const [table, list] of Object.entries(checks)) {
      for (const c of list) await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(c.name)}`.execute(db);
    }
    return;
  }
  await rebuildSqliteTables(db, Object.keys(checks), (table, definition) => {
    let out = definition;
    for (const c of checks[table]!) {
      if (!out.includes(checkClause(c))) throw new Error(`Table ${table} has no constraint ${c.name} to drop`);
      out = out.replace(checkClause(c), '');
    }
    return out;
  });
}

/**
 * Rebuilds SQLite tables with a changed definition, the way SQLite documents it for changes ALTER
 * TABLE cannot make: with foreign keys off, in one transaction, each table is created anew under a
 * temporary name, filled, dropped, and the new one renamed; its indexes and triggers (dropped with
 * it) are created again, its AUTOINCREMENT counter kept. `PRAGMA foreign_key_check` must then
 * find nothing, or the transaction is rolled back.
 *
 * Foreign keys must be off, or dropping a table that others reference would delete or fail on
 * their rows; that switch is ignored inside a transaction, so the migration must not run in one
 * (on SQLite Kysely's Migrator runs migrations outside a transaction, on its single connection).
 */
export async function rebuildSqliteTables(
  db: Kysely<any>,
  tables: string[],
  define: (table: string, definition: string) => string,
): Promise<void> {
  const foreignKeys = async () => (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys;
  const before = await foreignKeys();
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    if ((await foreignKeys()) !== 0)
      throw new Error('Foreign keys cannot be switched off inside a transaction: rebuild the tables outside one');
    await db.transaction().execute(async (trx) => {
      for (const table of tables) await rebuildSqliteTable(trx, table, define);
      const violations = (await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(trx)).rows;
      if (violations.length)
        throw new Error(`Foreign key violations after rebuilding ${tables.join(', ')}: ${JSON.stringify(violations.slice(0, 5))}`);
    });
  } finally {
    if (before) await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildSqliteTable(trx: Kysely<any>, table: string, define: (table: string, definition: string) => string): Promise<void> {
  const objects = (
    await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${table} order by rowid`.execute(trx)
  ).rows;
  const definition = objects.find((o) => o.type === 'table' && o.name === table)?.sql;
  if (!definition) throw new Error(`No table ${table}`);
  const temporary = `${table}__rebuild`;
  const head = /^create\s+table\s+(?:"([^"]+)"|(\w+))/i.exec(definition);
  if (!head || (head[1] ?? head[2]) !== table) throw new Error(`Unexpected definition of table ${table}`);
  const created = define(table, `CREATE TABLE "${temporary}"${definition.slice(head[0].length)}`);
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(trx)).rows.map((c) => sql.id(c.name));
  const hasSequence =
    (await sql`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`.execute(trx)).rows.length > 0;
  const sequence = hasSequence
    ? (await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(trx)).rows[0]?.seq
    : undefined;

  await sql.raw(created).execute(trx);
  await sql`insert into ${sql.table(temporary)} (${sql.join(columns)}) select ${sql.join(columns)} from ${sql.table(table)}`.execute(trx);
  await sql`drop table ${sql.table(table)}`.execute(trx);
  await sql`alter table ${sql.table(temporary)} rename to ${sql.table(table)}`.execute(trx);
  for (const o of objects) if ((o.type === 'index' || o.type === 'trigger') && o.sql) await sql.raw(o.sql).execute(trx);
  if (sequence !== undefined) {
    const copied = (await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(trx)).rows[0]?.seq ?? 0;
    await sql`delete from sqlite_sequence where name = ${table}`.execute(trx);
    await sql`insert into sqlite_sequence (name, seq) values (${table}, ${Math.max(sequence, copied)})`.execute(trx);
  }
}
