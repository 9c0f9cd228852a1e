import { type Kysely, sql } from 'kysely';
import { addChecks, dropChecks, isPostgres, type TableCheck } from '../migration-helpers.ts';

/*
 * Weighting margins over any consistent set of one-way and two-way margins (decision 024): the
 * dimension of a stored margin is now any of these (the variables' short names joined by "_",
 * in the order age, sex, area, education); `age_sex`, `sex` and `area` keep their meaning and
 * cells, so stored margins stay as they are. The margin set gets the trimming bound (the largest
 * weight, mean 1; null = no trimming). The values are copied here because a landed migration
 * never changes; constraints.test.ts compares them with the shared list.
 */
export const MARGIN_DIMENSIONS = [
  'age',
  'sex',
  'area',
  'education',
  'age_sex',
  'age_area',
  'age_education',
  'sex_area',
  'sex_education',
  'area_education',
] as const;

const LEGACY = ['age_sex', 'sex', 'area'];

const check = (values: readonly string[]): Record<string, TableCheck[]> => ({
  survey_margins: [{ name: 'survey_margins_dimension_ck', expression: `"dimension" in (${values.map((v) => `'${v}'`).join(', ')})` }],
});

export async function up(db: Kysely<any>): Promise<void> {
  await dropChecks(db, check(LEGACY));
  await addChecks(db, check(MARGIN_DIMENSIONS));
  await db.schema
    .alterTable('survey_margin_sets')
    .addColumn('trim_upper', isPostgres(db) ? 'double precision' : 'real')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_margin_sets').dropColumn('trim_upper').execute();
  await sql`delete from survey_margins where dimension not in ('age_sex', 'sex', 'area')`.execute(db);
  await dropChecks(db, check(MARGIN_DIMENSIONS));
  await addChecks(db, check(LEGACY));
}
