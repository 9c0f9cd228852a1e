import type { Compilable, CompiledQuery } from 'kysely';
import type { DbOrTrx } from './database.ts';

/**
 * Queries on the path of every request (the session lookup, a change counter), built and compiled
 * by Kysely once per database and then run with new arguments: the SQL and its dialect stay
 * Kysely's, only the per-request building is saved. Arguments are marked by placeholders that
 * the builder receives; no other parameter may look like one.
 */
const MARK = '\u0000praevis-arg:';
const compiled = new WeakMap<object, Map<string, CompiledQuery<unknown>>>();

export function precompiled<R, A extends unknown[]>(
  name: string,
  build: (db: DbOrTrx, ...args: A) => Compilable<R>,
): (db: DbOrTrx, ...args: A) => Promise<R[]> {
  return async (db, ...args) => {
    let byName = compiled.get(db);
    if (!byName) compiled.set(db, (byName = new Map()));
    let query = byName.get(name) as CompiledQuery<R> | undefined;
    if (!query) {
      const marks = args.map((_, i) => `${MARK}${i}`) as A;
      query = build(db, ...marks).compile();
      byName.set(name, query);
    }
    const parameters = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? args[Number(p.slice(MARK.length))] : p));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
