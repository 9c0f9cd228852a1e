import { type Kysely, sql } from 'kysely';
import { withIdColumn } from '../migration-helpers.ts';

/*
 * The comparison group of an effect estimate as the LPR chose it (decision 030): one row per
 * intervention (agreement event, funded project, coaching process) and field of action, the
 * comparison units as a JSON array of AGS (municipalities, or districts when the outcome is the
 * district's figures), why, who and when; versioned for optimistic locking, every change audited.
 * Without a row the comparison group is chosen automatically.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('effect_comparisons')
    .$call((t) => withIdColumn(db, t))
    .addColumn('intervention_kind', 'text', (c) => c.notNull().check(sql`intervention_kind in ('agreement', 'project', 'coaching')`))
    .addColumn('intervention_id', 'integer', (c) => c.notNull().check(sql`intervention_id > 0`))
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('units_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'integer', (c) => c.references('users.id'))
    .addColumn('chosen_by_label', 'text', (c) => c.notNull())
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addUniqueConstraint('effect_comparisons_intervention_uq', ['intervention_kind', 'intervention_id', 'field_code'])
    .execute();
  await db.schema.createIndex('effect_comparisons_chosen_by_idx').on('effect_comparisons').column('chosen_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('effect_comparisons').ifExists().execute();
}
