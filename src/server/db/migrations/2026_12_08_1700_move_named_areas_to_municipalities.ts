import { type Kysely, sql } from 'kysely';
import { addChecks, withIdColumn } from '../migration-helpers.ts';

/*
 * The named areas (Ortsteile) belong to the municipality, not to one security analysis (decision 037):
 * the survey template's area question takes its options from them, and the surveys module may not
 * depend on the security analysis (which reads the surveys). Each municipality keeps the areas of its
 * latest analysis that had any; `down` gives every analysis of the municipality these areas back.
 */
/** The table this migration drops (its check constraint from 2026_12_06_1100 goes with it) and the check it adds. */
export const DROPPED_TABLE = 'security_analysis_areas';
export const ADDED_CHECK = { name: 'municipality_areas_population_ck', expression: '"population" >= 0' };

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipality_areas')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('municipality_areas_ags_position_uq', ['ags', 'position'])
    .addCheckConstraint(ADDED_CHECK.name, sql.raw(ADDED_CHECK.expression))
    .execute();

  await sql`
    insert into municipality_areas (ags, position, name, population, description)
    select a.ags, r.position, r.name, r.population, r.description
    from security_analysis_areas r
    join security_analyses a on a.id = r.analysis_id
    where r.analysis_id = (
      select max(r2.analysis_id) from security_analysis_areas r2
      join security_analyses a2 on a2.id = r2.analysis_id
      where a2.ags = a.ags
    )
    order by a.ags, r.position`.execute(db);

  await db.schema.dropTable('security_analysis_areas').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_analysis_areas')
    .$call((t) => withIdColumn(db, t))
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('security_analysis_areas_idx').on('security_analysis_areas').columns(['analysis_id', 'position']).execute();
  // The same constraint, under the same name, as 2026_12_06_1100 adds (its `down` removes it again).
  await addChecks(db, { security_analysis_areas: [{ name: 'security_analysis_areas_population_ck', expression: '"population" >= 0' }] });
  await sql`
    insert into security_analysis_areas (analysis_id, position, name, population, description)
    select a.id, m.position, m.name, m.population, m.description
    from municipality_areas m
    join security_analyses a on a.ags = m.ags
    order by a.id, m.position`.execute(db);
  await db.schema.dropTable('municipality_areas').execute();
}
