import type { Kysely } from 'kysely';

/*
 * The rows `praevis demo` created (decision 036): one line per table and id, written in the demo's
 * own transaction. While any line exists the product shows "Demo-Daten"; `praevis demo --remove`
 * deletes exactly these rows and then the lines.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_rows')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_rows_pk', ['table_name', 'row_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_rows').execute();
}
