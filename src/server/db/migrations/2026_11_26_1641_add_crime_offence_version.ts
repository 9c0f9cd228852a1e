import type { Kysely } from 'kysely';

/*
 * The offence → field-of-action mapping is edited by council staff: each offence key carries a
 * version, so a change based on a stale view fails with 409 instead of overwriting another's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('crime_offences')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('crime_offences').dropColumn('version').execute();
}
