import { type Kysely, sql } from 'kysely';
import type { DbOrTrx } from './database.ts';
import { isPostgres } from './migration-helpers.ts';
import type { Database } from './schema.ts';

/** A case-sensitive "contains" test that behaves alike on both dialects (no LIKE wildcards). */
export function containsText(db: DbOrTrx | Kysely<Database>, column: string, value: string) {
  return isPostgres(db as Kysely<any>)
    ? sql<boolean>`strpos(${sql.ref(column)}, ${value}) > 0`
    : sql<boolean>`instr(${sql.ref(column)}, ${value}) > 0`;
}

/** A case-insensitive search pattern for LIKE (use with `escape '\\'`), with the wildcards of the needle escaped. */
export function likePattern(q: string): string {
  return `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
