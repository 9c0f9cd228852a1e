import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/*
 * Population margins of a survey for weighting (decision 011): a header per survey with the
 * version (409 on stale edits) and the source, and the population count of each cell of each
 * dimension (`age_sex`, `sex`, `area`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_margin_sets')
    .addColumn('survey_id', 'integer', (c) => c.primaryKey().references('surveys.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('survey_margins')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey_margin_sets.survey_id'))
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_margins_pk', ['survey_id', 'dimension', 'cell'])
    .execute();

  // SQLite: a covering index, so the analysis reads a survey's answer vectors in index order
  // without a lookup into the table per response (a million responses in well under a second).
  if (!isPostgres(db)) {
    await db.schema
      .createIndex('survey_responses_answers_idx')
      .on('survey_responses')
      .columns(['survey_id', 'questionnaire_version', 'answers'])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_responses_answers_idx').ifExists().execute();
  await db.schema.dropTable('survey_margins').ifExists().execute();
  await db.schema.dropTable('survey_margin_sets').ifExists().execute();
}
