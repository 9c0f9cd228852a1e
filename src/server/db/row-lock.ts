import type { Kysely } from 'kysely';
import type { DbOrTrx } from './database.ts';
import { isPostgres } from './migration-helpers.ts';
import type { Database } from './schema.ts';

/**
 * Locks the rows of `table` whose `column` is one of `values` until the transaction ends, so that
 * writers that check and then change what hangs off those rows serialise. PostgreSQL takes the row
 * locks (SELECT … FOR UPDATE), always in the column's order, so two writers of overlapping rows
 * cannot deadlock. SQLite needs nothing: every transaction holds the one write lock from its BEGIN
 * IMMEDIATE (db/transaction.ts).
 */
export async function lockRows<T extends keyof Database & string>(
  db: DbOrTrx,
  table: T,
  column: keyof Database[T] & string,
  values: readonly (string | number)[],
): Promise<void> {
  if (!isPostgres(db)) return;
  const sorted = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const anyDb = db as unknown as Kysely<any>;
  const key: string = column;
  for (let i = 0; i < sorted.length; i += 500) {
    await anyDb
      .selectFrom(table as string)
      .select(key)
      .where(key, 'in', sorted.slice(i, i + 500))
      .orderBy(key)
      .forUpdate()
      .execute();
  }
}
