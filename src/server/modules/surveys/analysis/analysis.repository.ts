import { rawSqliteOf, type DbOrTrx } from '../../../db/database.ts';
import { MatrixBuilder, type VersionMapping } from './matrix.ts';
import type { ResponseMatrix } from './tabulate.ts';

/*
 * Reads of the survey analysis: the survey and its questionnaires, the stored margins, the
 * municipality directory's population figures, and the responses as one typed matrix.
 *
 * Responses are the hot path (a million vectors): on SQLite they are read through the raw
 * better-sqlite3 statement, row arrays or plucked values iterated one by one and copied straight
 * into the matrix (no object per row, no array of all rows); on PostgreSQL, and inside a
 * transaction, through Kysely.
 */

export async function findSurveyForAnalysis(db: DbOrTrx, id: number) {
  return db
    .selectFrom('surveys')
    .select(['id', 'title', 'status', 'k_min', 'previous_survey_id', 'questionnaire_version', 'closed_on', 'field_end'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listSurveyAgs(db: DbOrTrx, surveyId: number): Promise<string[]> {
  const rows = await db.selectFrom('survey_municipalities').select('ags').where('survey_id', '=', surveyId).orderBy('ags').execute();
  return rows.map((r) => r.ags);
}

export async function listQuestionnaireDefinitions(db: DbOrTrx, surveyId: number) {
  return db
    .selectFrom('survey_questionnaires')
    .select(['version', 'definition_json'])
    .where('survey_id', '=', surveyId)
    .orderBy('version')
    .execute();
}

export async function listClosedSurveyIds(db: DbOrTrx): Promise<number[]> {
  const rows = await db.selectFrom('surveys').select('id').where('status', '=', 'closed').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Closed surveys that allow the statewide benchmark, oldest first. */
export async function listComparableClosedSurveys(db: DbOrTrx) {
  return db
    .selectFrom('surveys')
    .select(['id', 'title', 'closed_on', 'k_min'])
    .where('status', '=', 'closed')
    .where('allows_comparison', '=', 1)
    .orderBy('id')
    .execute();
}

export async function listMunicipalityFigures(db: DbOrTrx, ags: string[]) {
  if (ags.length === 0) return [];
  return db
    .selectFrom('municipalities')
    .select(['ags', 'name', 'district_ags', 'population', 'population_male'])
    .where('ags', 'in', ags)
    .orderBy('ags')
    .execute();
}

export async function countSurveyResponses(db: DbOrTrx, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * All responses of a survey as a matrix in the analysed codebook. `mappings` has one entry per
 * questionnaire version (responses of an unknown version are skipped); `expected` sizes the buffer.
 * With `withAgs` the municipality of each response comes along, in the same order (research export).
 */
export async function readResponseMatrix(
  db: DbOrTrx,
  surveyId: number,
  cols: number,
  mappings: ReadonlyMap<number, VersionMapping>,
  expected: number,
  opts: { withAgs?: boolean } = {},
): Promise<{ matrix: ResponseMatrix; ags: Array<string | null> }> {
  const builder = new MatrixBuilder(cols, expected);
  const ags: Array<string | null> = [];
  const sqlite = rawSqliteOf(db);
  if (sqlite && !opts.withAgs) {
    // One blob per version: the vectors concatenated by SQLite from the covering index (survey_id,
    // questionnaire_version, answers) – no JavaScript object per response. group_concat reads a
    // blob as text without conversion in a UTF-8 database, and the cast returns the bytes as they
    // are; the length is checked, and rows of an unexpected length are read one by one instead.
    const concat = sqlite
      .prepare(
        `select count(*), min(length(answers)), max(length(answers)), cast(group_concat(answers, '') as blob)
      from survey_responses where survey_id = ? and questionnaire_version = ?`,
      )
      .raw();
    const rows = sqlite.prepare('select answers from survey_responses where survey_id = ? and questionnaire_version = ?').pluck();
    for (const [version, mapping] of mappings) {
      const [count, min, max, block] = concat.get(surveyId, version) as [number, number | null, number | null, Uint8Array | null];
      if (count === 0) continue;
      const width = mapping.width * 2;
      if (block && min === width && max === width && block.length === count * width) builder.addBlock(block, count, mapping);
      else for (const answers of rows.iterate(surveyId, version) as Iterable<Uint8Array>) builder.add(answers, mapping);
    }
    return { matrix: builder.finish(), ags };
  }
  if (sqlite) {
    const stmt = sqlite.prepare('select questionnaire_version, answers, ags from survey_responses where survey_id = ?').raw();
    for (const [version, answers, a] of stmt.iterate(surveyId) as Iterable<[number, Uint8Array, string | null]>) {
      const mapping = mappings.get(version);
      if (!mapping) continue;
      builder.add(answers, mapping);
      if (opts.withAgs) ags.push(a);
    }
    return { matrix: builder.finish(), ags };
  }
  const rows = await db
    .selectFrom('survey_responses')
    .select(['questionnaire_version', 'answers', 'ags'])
    .where('survey_id', '=', surveyId)
    .execute();
  for (const r of rows) {
    const mapping = mappings.get(r.questionnaire_version);
    if (!mapping) continue;
    builder.add(r.answers, mapping);
    if (opts.withAgs) ags.push(r.ags);
  }
  return { matrix: builder.finish(), ags };
}

// ---- margins ----

export async function findMarginSet(db: DbOrTrx, surveyId: number) {
  return db.selectFrom('survey_margin_sets').selectAll().where('survey_id', '=', surveyId).executeTakeFirst();
}

export async function listMargins(db: DbOrTrx, surveyId: number) {
  return db
    .selectFrom('survey_margins')
    .select(['dimension', 'cell', 'population'])
    .where('survey_id', '=', surveyId)
    .orderBy('dimension')
    .orderBy('cell')
    .execute();
}

/** Inserts or updates the header (update only when `version` matches; false otherwise). */
export async function saveMarginSet(
  db: DbOrTrx,
  row: { survey_id: number; source: string; updated_at: string; updated_by: number | null; trim_upper: number | null },
  version: number,
): Promise<boolean> {
  if (version === 0) {
    const existing = await findMarginSet(db, row.survey_id);
    if (existing) return false;
    await db
      .insertInto('survey_margin_sets')
      .values({ ...row, version: 1 })
      .execute();
    return true;
  }
  const r = await db
    .updateTable('survey_margin_sets')
    .set({ source: row.source, updated_at: row.updated_at, updated_by: row.updated_by, trim_upper: row.trim_upper, version: version + 1 })
    .where('survey_id', '=', row.survey_id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceMargins(
  db: DbOrTrx,
  surveyId: number,
  rows: Array<{ dimension: string; cell: string; population: number }>,
): Promise<void> {
  await db.deleteFrom('survey_margins').where('survey_id', '=', surveyId).execute();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('survey_margins')
      .values(rows.slice(i, i + 200).map((r) => ({ survey_id: surveyId, ...r })))
      .execute();
  }
}

// ---- one municipality of a survey ----

/** Whether the survey covers the municipality; undefined when there is no such survey. */
export async function surveyCoversMunicipality(db: DbOrTrx, surveyId: number, ags: string): Promise<boolean | undefined> {
  const row = await db.selectFrom('surveys').select('id').where('id', '=', surveyId).executeTakeFirst();
  if (!row) return undefined;
  const m = await db
    .selectFrom('survey_municipalities')
    .select('ags')
    .where('survey_id', '=', surveyId)
    .where('ags', '=', ags)
    .executeTakeFirst();
  return m !== undefined;
}

/** The number of access codes issued for one municipality of a survey. */
export async function countCodesOfMunicipality(db: DbOrTrx, surveyId: number, ags: string): Promise<number> {
  const codes = await db
    .selectFrom('survey_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .where('ags', '=', ags)
    .executeTakeFirst();
  return Number(codes?.n ?? 0);
}

/** The responses of one municipality of a survey (version and answer vector). */
export async function listResponsesOfMunicipality(db: DbOrTrx, surveyId: number, ags: string) {
  return db
    .selectFrom('survey_responses')
    .select(['questionnaire_version', 'answers'])
    .where('survey_id', '=', surveyId)
    .where('ags', '=', ags)
    .execute();
}

/** Every municipality of every closed survey (a completed wave), with the survey's field period. */
export async function listClosedSurveyMunicipalities(db: DbOrTrx) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('survey_municipalities as m', 'm.survey_id', 's.id')
    .where('s.status', '=', 'closed')
    .select(['s.id as survey_id', 's.title', 's.field_start', 's.field_end', 'm.ags'])
    .orderBy('s.id')
    .orderBy('m.ags')
    .execute();
}
