import { type Kysely, sql } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * Citizen surveys: the survey with its municipalities and questionnaire versions, the one-time
 * access codes, the drafts of respondents (the only place where a code and answers meet; deleted
 * on submission) and the anonymous responses.
 *
 * Anonymity (decision 010): a response has a random UUID, the day of receipt only, and no link to
 * its code. A code carries no timestamp. On SQLite the response tables are WITHOUT ROWID, so their
 * physical order is the order of the random key, never the order of arrival.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('surveys')
    .$call((t) => withIdColumn(db, t))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('field_start', 'text', (c) => c.notNull())
    .addColumn('field_end', 'text', (c) => c.notNull())
    .addColumn('k_min', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('previous_survey_id', 'integer', (c) => c.references('surveys.id'))
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('survey_municipalities')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addPrimaryKeyConstraint('survey_municipalities_pk', ['survey_id', 'ags'])
    .execute();
  await db.schema.createIndex('survey_municipalities_ags_idx').on('survey_municipalities').column('ags').execute();

  await db.schema
    .createTable('survey_questionnaires')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_questionnaires_pk', ['survey_id', 'version'])
    .execute();

  await db.schema
    .createTable('survey_codes')
    .$call((t) => withIdColumn(db, t))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('ags', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('unused'))
    .addColumn('batch', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_codes_batch_idx').on('survey_codes').columns(['survey_id', 'batch']).execute();

  await db.schema
    .createTable('survey_drafts')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('saved_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('ags', 'text')
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('answers', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema.createIndex('survey_responses_survey_idx').on('survey_responses').column('survey_id').execute();

  await db.schema
    .createTable('survey_response_texts')
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_response_texts_pk', ['response_id', 'question_id'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();

  // Paper double entry: a first entry waits here, keyed by the sheet number staff write on the
  // returned form, until the second entry agrees; then it is deleted and the response stored.
  await db.schema
    .createTable('survey_paper_entries')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('ags', 'text')
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('entered_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_paper_entries_pk', ['survey_id', 'sheet'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'survey_paper_entries',
    'survey_response_texts',
    'survey_responses',
    'survey_drafts',
    'survey_codes',
    'survey_questionnaires',
    'survey_municipalities',
    'surveys',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
