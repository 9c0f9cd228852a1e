import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/*
 * The rows `praevis demo` created and their removal (decision 036). The demo spans every module,
 * so the rows are found by what the database knows, not by a list kept beside each module: the
 * tables with an integer id (introspected), the ids above the highest id before the run, and on
 * PostgreSQL only the row versions written by the demo's own transaction (ids are drawn from
 * sequences that concurrent transactions share; SQLite has one writer, which the run holds).
 */

/** Tables whose rows are never demo rows: the audit trail stays, the list itself is not listed. */
const NOT_RECORDED = new Set(['audit_log', 'demo_rows', 'kysely_migration', 'kysely_migration_lock']);
const CHUNK = 400;

const isPostgres = (db: DbOrTrx) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The tables with an integer primary key `id`. */
export async function listIdTables(db: DbOrTrx): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !NOT_RECORDED.has(t.name) && t.columns.some((c) => c.name === 'id' && /int/i.test(c.dataType)))
    .map((t) => t.name)
    .sort();
}

/** The highest id of each table (0 when it is empty). */
export async function readMaxIds(db: DbOrTrx, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ m: number | string | null }>`select max(id) as m from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.m ?? 0);
  }
  return out;
}

/** Ids above `after` written by the current transaction (PostgreSQL) or at all (SQLite, whose one writer is this run). */
async function listIdsWrittenAfter(db: DbOrTrx, table: string, after: number): Promise<number[]> {
  const own = isPostgres(db) ? sql`and xmin::text = (txid_current() % 4294967296)::text` : sql``;
  const r = await sql<{ id: number | string }>`select id from ${sql.table(table)} where id > ${after} ${own} order by id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** Records every row created since `before` (per table) as a demo row; returns the count per table. */
export async function recordRowsCreatedSince(db: DbOrTrx, before: Record<string, number>, at: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, after] of Object.entries(before)) {
    const ids = await listIdsWrittenAfter(db, table, after);
    if (!ids.length) continue;
    counts[table] = ids.length;
    for (let i = 0; i < ids.length; i += CHUNK)
      await db
        .insertInto('demo_rows')
        .values(ids.slice(i, i + CHUNK).map((id) => ({ table_name: table, row_id: id, created_at: at })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
  return counts;
}

/** Whether any demo row is recorded. */
export async function hasDemoRows(db: DbOrTrx): Promise<boolean> {
  return !!(await db.selectFrom('demo_rows').select('row_id').limit(1).executeTakeFirst());
}

/** The number of recorded demo rows per table. */
export async function countDemoRowsByTable(db: DbOrTrx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('demo_rows')
    .select(['table_name', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('table_name')
    .orderBy('table_name')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.table_name, Number(r.n)]));
}

/** Removes the record of demo rows (after the rows themselves are deleted). */
export async function clearDemoRows(db: DbOrTrx): Promise<void> {
  await db.deleteFrom('demo_rows').execute();
}

export interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
  /** Whether the database deletes the child row with its parent. */
  cascades: boolean;
}

/** Every single-column foreign key of the schema. */
export async function listForeignKeys(db: DbOrTrx): Promise<ForeignKey[]> {
  if (isPostgres(db)) {
    const r = await sql<{ child: string; column: string; parent: string; parent_column: string; delete_rule: string }>`
      select kcu.table_name as child, kcu.column_name as "column", ccu.table_name as parent,
             ccu.column_name as parent_column, rc.delete_rule as delete_rule
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
       where rc.constraint_schema = current_schema()`.execute(db);
    return r.rows.map((x) => ({
      child: x.child,
      column: x.column,
      parent: x.parent,
      parentColumn: x.parent_column,
      cascades: x.delete_rule === 'CASCADE',
    }));
  }
  const r = await sql<{ child: string; column: string; parent: string; parent_column: string | null; on_delete: string }>`
    select m.name as child, f."from" as "column", f."table" as parent, f."to" as parent_column, f.on_delete as on_delete
      from sqlite_master m, pragma_foreign_key_list(m.name) f
     where m.type = 'table'`.execute(db);
  return r.rows.map((x) => ({
    child: x.child,
    column: x.column,
    parent: x.parent,
    parentColumn: x.parent_column ?? 'id',
    cascades: x.on_delete === 'CASCADE',
  }));
}

/** A condition on a table's rows, as SQL over that table's columns. */
export type RowCondition = RawBuilder<unknown>;

/** The recorded demo rows of a table with an id. */
export function recordedDemoRows(table: string): RowCondition {
  return sql`id in (select row_id from demo_rows where table_name = ${table})`;
}

/** Rows whose `column` holds a value of `parentColumn` among the parent's rows that match `parentCondition`. */
export function referencing(column: string, parent: string, parentColumn: string, parentCondition: RowCondition): RowCondition {
  return sql`${sql.ref(column)} in (select ${sql.ref(parentColumn)} from ${sql.table(parent)} where ${parentCondition})`;
}

/** Counts the rows of a table that match a condition. */
export async function countRows(db: DbOrTrx, table: string, where: RowCondition): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Deletes the rows of a table that match a condition; returns how many. */
export async function deleteRows(db: DbOrTrx, table: string, where: RowCondition): Promise<number> {
  const r = await sql`delete from ${sql.table(table)} where ${where}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Counts a change of the alliance events, so that cached figures are computed anew (decision 021). */
export async function bumpCounter(db: DbOrTrx, key: string): Promise<void> {
  await db
    .updateTable('settings')
    .set({ version: sql<number>`version + 1` })
    .where('key', '=', key)
    .execute();
}
