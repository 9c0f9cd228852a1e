import { type Kysely, sql } from 'kysely';

/*
 * The kind of a cooperation agreement (decision 005): `cooperation` is the one agreement a
 * municipality may have in force at a time and the only kind the network figures count;
 * `amendment` and `additional` are further agreements recorded explicitly beside it, which change
 * no count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('alliance_agreements')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('cooperation')
        .check(sql`kind in ('cooperation', 'amendment', 'additional')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alliance_agreements').dropColumn('kind').execute();
}
