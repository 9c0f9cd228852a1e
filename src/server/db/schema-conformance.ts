import type { Insertable, Selectable } from 'kysely';
import type { DB } from './schema.generated.ts';
import type { Database } from './schema.ts';

/*
 * The hand-written row types (`Database`, schema.ts) checked by the compiler against the types
 * generated from the migrated database (schema.generated.ts, `npm run db:types`): the same tables
 * and columns, the same nullability, compatible types (the hand-written ones may be narrower, such
 * as a status union), and no column optional on insert that the database gives no default. Any
 * difference fails `tsc` with a list like "surveys.k_min: nullability".
 */

type IsNullable<T> = null extends T ? true : false;
type Comparable<A, B> = [NonNullable<A>] extends [NonNullable<B>] ? true : [NonNullable<B>] extends [NonNullable<A>] ? true : false;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T] & string;

type ColumnProblems<T extends string, H, G> = {
  [C in (keyof H | keyof G) & string]: C extends keyof G
    ? C extends keyof H
      ? IsNullable<H[C]> extends IsNullable<G[C]>
        ? Comparable<H[C], G[C]> extends true
          ? never
          : `${T}.${C}: type`
        : `${T}.${C}: nullability`
      : `${T}.${C}: column in the database, not in schema.ts`
    : `${T}.${C}: column in schema.ts, not in the database`;
}[(keyof H | keyof G) & string];

type InsertProblems<T extends string, H, G> = {
  [C in OptionalKeys<H>]: C extends OptionalKeys<G> ? never : `${T}.${C}: optional on insert, but the database has no default`;
}[OptionalKeys<H>];

type TableProblems<H, T extends string> = T extends keyof DB
  ? T extends keyof H
    ? ColumnProblems<T, Selectable<H[T]>, Selectable<DB[T]>> | InsertProblems<T, Insertable<H[T]>, Insertable<DB[T]>>
    : `${T}: table in the database, not in schema.ts`
  : `${T}: table in schema.ts, not in the database`;

/** Every difference between hand-written table types `H` and the generated ones. */
export type ProblemsOf<H> = TableProblems<H, (keyof DB | keyof H) & string>;
export type SchemaProblems = ProblemsOf<Database>;

/** Compiles only while `SchemaProblems` is empty; otherwise the error (TS2344) lists the differences. */
type NoProblems<T extends never> = T;
export type SchemaConforms = NoProblems<SchemaProblems & string>;
