import type { Kysely } from 'kysely';

/*
 * Indexes for the foreign-key columns that filters and joins use, or that a delete of the parent
 * row must search (a survey's drafts, a crime import's figures). Neither dialect indexes a
 * foreign key by itself. Columns that only record who did something (`created_by`, `decided_by`,
 * …) and the links from a record to the alliance event it caused are read from the row, never
 * searched, and stay without an index; so do the document tables, which are being replaced.
 */
export const FOREIGN_KEY_INDEXES: readonly (readonly [table: string, column: string])[] = [
  ['users', 'directorate_id'],
  ['alliance_agreements', 'directorate_id'],
  ['crime_offence_fields', 'field_id'],
  ['crime_district_figures', 'import_id'],
  ['crime_municipality_figures', 'import_id'],
  ['crime_municipality_figures', 'ags'],
  ['surveys', 'previous_survey_id'],
  ['survey_drafts', 'survey_id'],
  ['funding_project_fields', 'field_id'],
  ['funding_applications', 'field_id'],
  ['funding_reviews', 'reviewer_id'],
  ['council_members', 'organisation_id'],
  ['municipal_priorities', 'field_id'],
  ['training_modules', 'programme_id'],
  ['training_courses', 'programme_id'],
  ['training_enrolments', 'ags'],
  ['security_analysis_findings', 'field_id'],
];

const indexName = (table: string, column: string) => `${table}_${column}_fk_idx`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of FOREIGN_KEY_INDEXES)
    await db.schema.createIndex(indexName(table, column)).on(table).column(column).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, column] of FOREIGN_KEY_INDEXES) await db.schema.dropIndex(indexName(table, column)).ifExists().execute();
}
