/*
 * Bulk writes: multi-row INSERTs in chunks that stay below both dialects' limit on bound
 * parameters (SQLite 32,766, PostgreSQL 65,535), so one statement carries hundreds of rows.
 */
const MAX_PARAMETERS = 30_000;

/** Splits rows into chunks small enough for one multi-row statement of `columns` columns each. */
export function chunksFor<T>(rows: readonly T[], columns: number, maxRows = 1_000): T[][] {
  const size = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
