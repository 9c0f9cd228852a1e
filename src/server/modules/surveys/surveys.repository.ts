import { CompiledQuery, type Insertable, type Selectable, sql } from 'kysely';
import { isStatewide, whereInScope } from '../../auth/access.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isPostgres } from '../../db/migration-helpers.ts';
import type { SurveyChannel, SurveyCodeState, SurveyPaperEntriesTable, SurveyResponsesTable, SurveysTable } from './surveys.tables.ts';

/* The only place that builds SQL for surveys (S2's analysis has its own repository). */

export type SurveyRow = Selectable<SurveysTable>;

// ---- surveys ----

export async function insertSurvey(db: DbOrTrx, row: Insertable<SurveysTable>): Promise<number> {
  const { id } = await db.insertInto('surveys').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findSurvey(db: DbOrTrx, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates a survey when its version still matches; returns false when it was changed meanwhile. */
export async function updateSurveyRow(db: DbOrTrx, id: number, version: number, set: Partial<Insertable<SurveysTable>>): Promise<boolean> {
  const res = await db
    .updateTable('surveys')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listSurveyMunicipalities(
  db: DbOrTrx,
  surveyIds: number[],
): Promise<Map<number, Array<{ ags: string; name: string }>>> {
  const out = new Map<number, Array<{ ags: string; name: string }>>();
  if (!surveyIds.length) return out;
  const rows = await db
    .selectFrom('survey_municipalities')
    .innerJoin('municipalities', 'municipalities.ags', 'survey_municipalities.ags')
    .select(['survey_municipalities.survey_id', 'survey_municipalities.ags', 'municipalities.name'])
    .where('survey_municipalities.survey_id', 'in', surveyIds)
    .orderBy('municipalities.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.survey_id) ?? [];
    list.push({ ags: r.ags, name: r.name });
    out.set(r.survey_id, list);
  }
  return out;
}

/** The names of the given municipalities by AGS. */
export async function findMunicipalityNames(db: DbOrTrx, ags: string[]): Promise<Map<string, string>> {
  if (!ags.length) return new Map();
  const rows = await db.selectFrom('municipalities').select(['ags', 'name']).where('ags', 'in', ags).execute();
  return new Map(rows.map((r) => [r.ags, r.name]));
}

export async function replaceSurveyMunicipalities(db: DbOrTrx, surveyId: number, ags: string[]): Promise<void> {
  await db.deleteFrom('survey_municipalities').where('survey_id', '=', surveyId).execute();
  if (ags.length)
    await db
      .insertInto('survey_municipalities')
      .values(ags.map((a) => ({ survey_id: surveyId, ags: a })))
      .execute();
}

export interface SurveyListFilter {
  status?: string;
  q?: string;
}

/** Surveys of the principal's scope: those that include one of its municipalities. */
function filtered(db: DbOrTrx, principal: Principal, f: SurveyListFilter) {
  let qb = db.selectFrom('surveys');
  if (f.status) qb = qb.where('surveys.status', '=', f.status as SurveysTable['status']);
  if (f.q)
    qb = qb.where(sql<boolean>`lower(surveys.title) like ${`%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (!isStatewide(principal)) {
    qb = qb.where('surveys.id', 'in', (eb) =>
      whereInScope(eb.selectFrom('survey_municipalities').select('survey_id'), principal, 'survey_municipalities.ags'),
    );
  }
  return qb;
}

export async function listSurveys(db: DbOrTrx, principal: Principal, f: SurveyListFilter, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    filtered(db, principal, f)
      .selectAll('surveys')
      .orderBy('surveys.field_start', 'desc')
      .orderBy('surveys.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, principal, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countResponsesBySurvey(db: DbOrTrx, surveyIds: number[]): Promise<Map<number, number>> {
  if (!surveyIds.length) return new Map();
  const rows = await db
    .selectFrom('survey_responses')
    .select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy('survey_id')
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
}

export async function countResponsesByChannel(db: DbOrTrx, surveyId: number): Promise<Record<SurveyChannel, number>> {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', '=', surveyId)
    .groupBy('channel')
    .execute();
  const out: Record<SurveyChannel, number> = { online: 0, paper: 0, import: 0 };
  for (const r of rows) out[r.channel] = Number(r.n);
  return out;
}

export async function countCodesByState(db: DbOrTrx, surveyId: number): Promise<Record<SurveyCodeState, number>> {
  const rows = await db
    .selectFrom('survey_codes')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', '=', surveyId)
    .groupBy('state')
    .execute();
  const out: Record<SurveyCodeState, number> = { unused: 0, started: 0, used: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

export async function countPendingPaperEntries(db: DbOrTrx, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_paper_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes a survey that never went into the field, with everything hanging on it. */
export async function deleteSurveyRows(db: DbOrTrx, surveyId: number): Promise<void> {
  for (const table of [
    'survey_paper_entries',
    'survey_drafts',
    'survey_codes',
    'survey_questionnaires',
    'survey_municipalities',
  ] as const) {
    await db.deleteFrom(table).where('survey_id', '=', surveyId).execute();
  }
  await db
    .deleteFrom('survey_response_texts')
    .where('response_id', 'in', (eb) => eb.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId))
    .execute();
  await db.deleteFrom('survey_responses').where('survey_id', '=', surveyId).execute();
  // Tables of other survey parts (the analysis' margins) that hang on the survey: found in the
  // catalogue, deleted dependants first (their names extend the name of what they depend on).
  for (const table of await otherSurveyTables(db)) await sql`delete from ${sql.table(table)} where survey_id = ${surveyId}`.execute(db);
  await db.updateTable('surveys').set({ previous_survey_id: null }).where('previous_survey_id', '=', surveyId).execute();
  await db.deleteFrom('surveys').where('id', '=', surveyId).execute();
}

const OWN_TABLES = new Set([
  'surveys',
  'survey_municipalities',
  'survey_questionnaires',
  'survey_codes',
  'survey_drafts',
  'survey_responses',
  'survey_response_texts',
  'survey_paper_entries',
]);

async function otherSurveyTables(db: DbOrTrx): Promise<string[]> {
  const rows = isPostgres(db as never)
    ? (
        await sql<{
          t: string;
        }>`select table_name as t from information_schema.columns where table_schema = current_schema() and column_name = 'survey_id' and table_name like 'survey%'`.execute(
          db,
        )
      ).rows
    : (
        await sql<{
          t: string;
        }>`select m.name as t from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and m.name like 'survey%' and c.name = 'survey_id'`.execute(
          db,
        )
      ).rows;
  return rows
    .map((r) => r.t)
    .filter((t) => !OWN_TABLES.has(t))
    .sort()
    .reverse();
}

// ---- questionnaires ----

export async function insertQuestionnaire(
  db: DbOrTrx,
  surveyId: number,
  version: number,
  definitionJson: string,
  createdAt: string,
): Promise<void> {
  await db
    .insertInto('survey_questionnaires')
    .values({ survey_id: surveyId, version, definition_json: definitionJson, created_at: createdAt })
    .execute();
}

export async function findQuestionnaire(db: DbOrTrx, surveyId: number, version: number) {
  return db
    .selectFrom('survey_questionnaires')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listQuestionnaireVersions(db: DbOrTrx, surveyId: number) {
  const [versions, counts] = await Promise.all([
    db
      .selectFrom('survey_questionnaires')
      .select(['version', 'created_at'])
      .where('survey_id', '=', surveyId)
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('survey_responses')
      .select(['questionnaire_version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', surveyId)
      .groupBy('questionnaire_version')
      .execute(),
  ]);
  const byVersion = new Map(counts.map((c) => [c.questionnaire_version, Number(c.n)]));
  return versions.map((v) => ({ ...v, responses: byVersion.get(v.version) ?? 0 }));
}

// ---- codes ----

export async function nextBatchNumber(db: DbOrTrx, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_codes')
    .select((eb) => eb.fn.max('batch').as('b'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  return Number(r?.b ?? 0) + 1;
}

const keys = new WeakMap<object, Buffer>();

/** The installation's survey key (decision 010): derives the codes of letters and hashes every code. */
export async function surveyKey(db: DbOrTrx): Promise<Buffer> {
  const cached = keys.get(db);
  if (cached) return cached;
  const row = await db.selectFrom('survey_keys').select('key').where('id', '=', 1).executeTakeFirstOrThrow();
  const key = Buffer.from(row.key);
  if (!db.isTransaction) keys.set(db, key);
  return key;
}

/** Which of the code hashes are taken already (by any survey). */
export async function existingCodeHashes(db: DbOrTrx, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('survey_codes')
      .select('code_hash')
      .where('code_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.code_hash);
  }
  return found;
}

/** Stores the hashes of a new batch, in letter order. */
export async function insertCodes(db: DbOrTrx, surveyId: number, ags: string, batch: number, hashes: string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    await db
      .insertInto('survey_codes')
      .values(hashes.slice(i, i + 500).map((h) => ({ survey_id: surveyId, ags, code_hash: h, state: 'unused' as const, batch })))
      .execute();
  }
}

export async function listBatches(db: DbOrTrx, surveyId: number) {
  return db
    .selectFrom('survey_codes')
    .innerJoin('municipalities', 'municipalities.ags', 'survey_codes.ags')
    .select([
      'survey_codes.batch',
      'survey_codes.ags',
      'municipalities.name',
      (eb) => eb.fn.countAll<number>().as('count'),
      sql<number>`sum(case when survey_codes.state = 'unused' then 1 else 0 end)`.as('unused'),
      sql<number>`sum(case when survey_codes.state = 'started' then 1 else 0 end)`.as('started'),
      sql<number>`sum(case when survey_codes.state = 'used' then 1 else 0 end)`.as('used'),
    ])
    .where('survey_codes.survey_id', '=', surveyId)
    .groupBy(['survey_codes.batch', 'survey_codes.ags', 'municipalities.name'])
    .orderBy('survey_codes.batch')
    .execute();
}

/** The code hashes of one batch, in letter order (the codes themselves are derived again). */
export async function listBatchCodes(db: DbOrTrx, surveyId: number, batch: number) {
  return db
    .selectFrom('survey_codes')
    .select(['code_hash', 'ags', 'state'])
    .where('survey_id', '=', surveyId)
    .where('batch', '=', batch)
    .orderBy('id')
    .execute();
}

/*
 * The public questionnaire's hot path (every open, draft and submit) runs the same few statements
 * many times a second: their SQL is compiled once per database and then run with new parameters.
 */
const compiledCache = new Map<string, string>();
/** The SQL text of a query shape in the database's dialect, compiled once. */
function compiledSql(db: DbOrTrx, key: string, build: () => { compile(): CompiledQuery }): string {
  const k = `${isPostgres(db as never) ? 'pg' : 'sqlite'}:${key}`;
  let text = compiledCache.get(k);
  if (text === undefined) compiledCache.set(k, (text = build().compile().sql));
  return text;
}

type CodeWithSurvey = Awaited<ReturnType<ReturnType<typeof codeWithSurveyBuilder>['executeTakeFirstOrThrow']>>;

/** A code (by its hash) with its survey, for the public questionnaire. */
export async function findCodeWithSurvey(db: DbOrTrx, hash: string): Promise<CodeWithSurvey | undefined> {
  const text = compiledSql(db, 'codeWithSurvey', () => codeWithSurveyBuilder(db, ''));
  const res = await db.executeQuery<CodeWithSurvey>(CompiledQuery.raw(text, [hash]));
  return res.rows[0];
}

function codeWithSurveyBuilder(db: DbOrTrx, hash: string) {
  return db
    .selectFrom('survey_codes')
    .innerJoin('surveys', 'surveys.id', 'survey_codes.survey_id')
    .select([
      'survey_codes.id as code_id',
      'survey_codes.ags',
      'survey_codes.state',
      'survey_codes.survey_id',
      'surveys.title',
      'surveys.status',
      'surveys.field_start',
      'surveys.field_end',
      'surveys.questionnaire_version',
    ])
    .where('survey_codes.code_hash', '=', hash);
}

export async function setCodeState(db: DbOrTrx, codeId: number, from: SurveyCodeState[], to: SurveyCodeState): Promise<boolean> {
  const text = compiledSql(db, `setCodeState:${from.length}`, () =>
    db.updateTable('survey_codes').set({ state: to }).where('id', '=', codeId).where('state', 'in', from),
  );
  const res = await db.executeQuery(CompiledQuery.raw(text, [to, codeId, ...from]));
  return Number(res.numAffectedRows ?? 0) === 1;
}

/** Whether a code hash is one of the survey's access codes (sheet numbers must never be codes). */
export async function isCodeOfSurvey(db: DbOrTrx, surveyId: number, hash: string): Promise<boolean> {
  const r = await db
    .selectFrom('survey_codes')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', hash)
    .executeTakeFirst();
  return r !== undefined;
}

// ---- drafts ----

export async function findDraft(db: DbOrTrx, hash: string) {
  return db.selectFrom('survey_drafts').selectAll().where('code_hash', '=', hash).executeTakeFirst();
}

export async function saveDraft(
  db: DbOrTrx,
  row: { code_hash: string; survey_id: number; questionnaire_version: number; answers_json: string; saved_on: string },
): Promise<void> {
  await db
    .insertInto('survey_drafts')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('code_hash')
        .doUpdateSet({ questionnaire_version: row.questionnaire_version, answers_json: row.answers_json, saved_on: row.saved_on }),
    )
    .execute();
}

export async function deleteDraft(db: DbOrTrx, hash: string): Promise<void> {
  const text = compiledSql(db, 'deleteDraft', () => db.deleteFrom('survey_drafts').where('code_hash', '=', hash));
  await db.executeQuery(CompiledQuery.raw(text, [hash]));
}

/**
 * SQLite (decision 010): copies the write-ahead log into the database file and truncates it, so
 * the log no longer holds the pages of a submission (the used code next to the new response, the
 * deleted draft). With secure_delete on, the database file keeps no deleted draft either. A reader
 * in another process (a backup) holds the truncation back: it waits for one at most 200 ms (the
 * driver is synchronous, so a longer wait would stall the server) and returns false; the next call
 * completes it. A no-op on PostgreSQL and inside a transaction.
 */
export async function truncateJournal(db: DbOrTrx): Promise<boolean> {
  if (isPostgres(db as never) || db.isTransaction) return false;
  return db.connection().execute(async (conn) => {
    const before = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    await sql`pragma busy_timeout = 200`.execute(conn);
    try {
      const r = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(conn);
      return Number(r.rows[0]?.busy ?? 1) === 0;
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(before.rows[0]?.timeout ?? 5000)}`).execute(conn);
    }
  });
}

// ---- responses ----

const RESPONSE_COLUMNS = ['id', 'survey_id', 'ags', 'questionnaire_version', 'channel', 'received_on', 'answers'] as const;

export async function insertResponses(
  db: DbOrTrx,
  rows: Array<Insertable<SurveyResponsesTable>>,
  texts: Array<{ response_id: string; question_id: string; text: string }>,
): Promise<void> {
  if (rows.length === 1) {
    // One online submission: the common case, with its SQL compiled once.
    const r = rows[0]!;
    const params = RESPONSE_COLUMNS.map((c) => r[c] ?? null);
    const text = compiledSql(db, 'insertResponse', () =>
      db
        .insertInto('survey_responses')
        .values(Object.fromEntries(RESPONSE_COLUMNS.map((c, i) => [c, params[i]])) as Insertable<SurveyResponsesTable>),
    );
    await db.executeQuery(CompiledQuery.raw(text, params));
  } else
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('survey_responses')
        .values(rows.slice(i, i + 200))
        .execute();
  for (let i = 0; i < texts.length; i += 300)
    await db
      .insertInto('survey_response_texts')
      .values(texts.slice(i, i + 300))
      .execute();
}

export async function countResponses(db: DbOrTrx, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- paper double entry ----

export async function findPaperEntry(db: DbOrTrx, surveyId: number, sheet: string) {
  return db.selectFrom('survey_paper_entries').selectAll().where('survey_id', '=', surveyId).where('sheet', '=', sheet).executeTakeFirst();
}

export async function savePaperEntry(db: DbOrTrx, row: Insertable<SurveyPaperEntriesTable>): Promise<void> {
  await db
    .insertInto('survey_paper_entries')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['survey_id', 'sheet']).doUpdateSet({
        ags: row.ags ?? null,
        questionnaire_version: row.questionnaire_version,
        answers_json: row.answers_json,
        entered_by: row.entered_by ?? null,
        entered_on: row.entered_on,
      }),
    )
    .execute();
}

export async function deletePaperEntry(db: DbOrTrx, surveyId: number, sheet: string): Promise<void> {
  await db.deleteFrom('survey_paper_entries').where('survey_id', '=', surveyId).where('sheet', '=', sheet).execute();
}

export async function deleteDraftsOfSurvey(db: DbOrTrx, surveyId: number): Promise<number> {
  const res = await db.deleteFrom('survey_drafts').where('survey_id', '=', surveyId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deletePaperEntriesOfSurvey(db: DbOrTrx, surveyId: number): Promise<number> {
  const res = await db.deleteFrom('survey_paper_entries').where('survey_id', '=', surveyId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * PostgreSQL only (decision 010): gives every code and every response of the survey one new
 * transaction id and rewrites the tables in the order of their keys, dropping dead row versions,
 * so neither the hidden xmin column nor the physical order pairs a used code with its response.
 * SQLite keeps no transaction ids, stores responses in key order (WITHOUT ROWID) and updates a
 * code in place.
 */
export async function scrubStorageOrder(db: DbOrTrx, surveyId: number): Promise<void> {
  await db
    .updateTable('survey_codes')
    .set({ state: sql`state` })
    .where('survey_id', '=', surveyId)
    .execute();
  await db
    .updateTable('survey_responses')
    .set({ ags: sql`ags` })
    .where('survey_id', '=', surveyId)
    .execute();
  await db
    .updateTable('survey_response_texts')
    .set({ text: sql`text` })
    .where('response_id', 'in', (eb) => eb.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId))
    .execute();
  for (const [table, index] of [
    ['survey_responses', 'survey_responses_pkey'],
    ['survey_response_texts', 'survey_response_texts_pk'],
    ['survey_codes', 'survey_codes_pkey'],
    ['survey_drafts', 'survey_drafts_pkey'],
  ]) {
    await sql`cluster ${sql.table(table!)} using ${sql.id(index!)}`.execute(db);
  }
}

/**
 * PostgreSQL: one submission as a single statement (atomic without BEGIN/COMMIT round trips):
 * the code turns used – only from unused/started –, and only then the response and its texts are
 * inserted and the draft deleted. Returns false when the code was used already.
 */
export async function submitInOneStatement(
  db: DbOrTrx,
  codeId: number,
  hash: string,
  r: Insertable<SurveyResponsesTable>,
  texts: Array<{ question_id: string; text: string }>,
): Promise<boolean> {
  const res = await sql<{ n: number }>`
    with used as (
      update survey_codes set state = 'used' where id = ${codeId} and state in ('unused', 'started') returning id
    ), ins as (
      insert into survey_responses (id, survey_id, ags, questionnaire_version, channel, received_on, answers)
      select ${r.id}, ${r.survey_id}, ${r.ags ?? null}, ${r.questionnaire_version}, ${r.channel}, ${r.received_on}, ${r.answers} from used
      returning id
    ), txt as (
      insert into survey_response_texts (response_id, question_id, text)
      select ins.id, t.q, t.t from ins, unnest(${texts.map((t) => t.question_id)}::text[], ${texts.map((t) => t.text)}::text[]) as t(q, t)
    ), del as (
      delete from survey_drafts where code_hash = ${hash} and exists (select 1 from used)
    )
    select count(*)::int as n from used`.execute(db);
  return Number(res.rows[0]?.n ?? 0) === 1;
}

/**
 * PostgreSQL, in the transaction of each online submission (decision 010): submissions of one
 * survey and municipality wait for each other, so each sees all rows of those before it.
 */
export async function lockSubmissions(trx: DbOrTrx, surveyId: number, ags: string | null): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`survey-submit:${surveyId}:${ags ?? ''}`}))`.execute(trx);
}

/**
 * PostgreSQL, in the transaction of each online submission (decision 010): rewrites every used
 * code and every response (with its texts) of the survey and municipality, the responses in the
 * order of their random keys. Afterwards all of them carry this transaction's id (xmin), so the
 * new response shares it with every used code rather than with its own, and the physical order of
 * the responses is their key order, not the order of arrival. Dead row versions are not visible to
 * any query; vacuum removes them, and closing the survey clusters the tables.
 */
export async function blendSubmissions(trx: DbOrTrx, surveyId: number, ags: string | null): Promise<void> {
  await sql`update survey_codes set state = state where survey_id = ${surveyId} and ags is not distinct from ${ags} and state = 'used'`.execute(
    trx,
  );
  await sql`
    with t as (
      delete from survey_response_texts where response_id in (
        select id from survey_responses where survey_id = ${surveyId} and ags is not distinct from ${ags}
      ) returning response_id, question_id, text
    ), r as (
      delete from survey_responses where survey_id = ${surveyId} and ags is not distinct from ${ags}
      returning id, survey_id, ags, questionnaire_version, channel, received_on, answers
    ), ir as (
      insert into survey_responses (id, survey_id, ags, questionnaire_version, channel, received_on, answers)
      select id, survey_id, ags, questionnaire_version, channel, received_on, answers from r order by id
    )
    insert into survey_response_texts (response_id, question_id, text)
    select response_id, question_id, text from t order by response_id, question_id`.execute(trx);
}
