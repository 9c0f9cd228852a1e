import { type Kysely, sql } from 'kysely';

/*
 * Whether a survey's results may appear in the statewide benchmark of felt safety (issue 18,
 * decision 024): 0/1, default 0 – a municipality's figures are shown beside others only when
 * whoever manages the survey opted in, so surveys closed before this column existed stay out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('surveys')
    .addColumn('allows_comparison', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`allows_comparison in (0, 1)`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('surveys').dropColumn('allows_comparison').execute();
}
