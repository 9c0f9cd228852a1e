import type { Insertable, Selectable, Updateable } from 'kysely';
import { whereInScope } from '../../auth/access.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type {
  SecurityAnalysesTable,
  SecurityAnalysisFindingsTable,
  SecurityAnalysisPhasesTable,
  SecurityAnalysisRecommendationsTable,
  SecurityAnalysisReportsTable,
} from './security-analysis.tables.ts';
import { nowIso } from '../../../shared/time.ts';

/* The only place that builds the security analysis queries. */

export type PhaseRow = Selectable<SecurityAnalysisPhasesTable>;
export type FindingRow = Selectable<SecurityAnalysisFindingsTable> & { field_name: string };
export type RecommendationRow = Selectable<SecurityAnalysisRecommendationsTable>;
export type ReportRow = Selectable<SecurityAnalysisReportsTable>;

const analysisQuery = (db: DbOrTrx) =>
  db
    .selectFrom('security_analyses')
    .innerJoin('municipalities', 'municipalities.ags', 'security_analyses.ags')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .selectAll('security_analyses')
    .select(['municipalities.name as municipality_name', 'municipalities.district_ags', 'districts.name as district_name']);
export type AnalysisRow = Awaited<ReturnType<ReturnType<typeof analysisQuery>['executeTakeFirstOrThrow']>>;

export async function insertAnalysis(db: DbOrTrx, row: Insertable<SecurityAnalysesTable>): Promise<number> {
  const { id } = await db.insertInto('security_analyses').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findAnalysis(db: DbOrTrx, id: number): Promise<AnalysisRow | undefined> {
  return analysisQuery(db).where('security_analyses.id', '=', id).executeTakeFirst();
}

/** Analyses in the principal's scope (null: every analysis, for counts), optionally of one municipality or status. */
export async function listAnalyses(
  db: DbOrTrx,
  principal: Principal | null,
  f: { ags?: string; status?: string; completedBy?: string; district?: string; directorateId?: number } = {},
): Promise<AnalysisRow[]> {
  let q = analysisQuery(db);
  if (principal) q = whereInScope(q, principal, 'security_analyses.ags', { district: 'municipalities.district_ags' });
  if (f.ags) q = q.where('security_analyses.ags', '=', f.ags);
  if (f.completedBy) q = q.where('security_analyses.completed_on', '<=', f.completedBy);
  if (f.district) q = q.where('municipalities.district_ags', '=', f.district);
  const directorateId = f.directorateId;
  if (directorateId !== undefined)
    q = q.where('municipalities.district_ags', 'in', (eb) =>
      eb.selectFrom('directorate_districts').select('district_ags').where('directorate_id', '=', directorateId),
    );
  if (f.status) q = q.where('security_analyses.status', '=', f.status);
  return q.orderBy('municipalities.name').orderBy('security_analyses.id').execute();
}

/** Analyses not completed, with the active account that created them (their owner at the LPR). */
export async function listOpenAnalysesWithOwner(db: DbOrTrx) {
  return analysisQuery(db)
    .innerJoin('users', 'users.id', 'security_analyses.created_by')
    .select(['users.email as owner_email', 'users.display_name as owner_name', 'users.locale as owner_locale'])
    .where('security_analyses.status', '<>', 'completed')
    .where('users.active', '=', 1)
    .orderBy('security_analyses.id')
    .execute();
}

/** Bumps the version and applies the change when the version matches; false when it is stale. */
export async function updateAnalysisVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  set: Updateable<SecurityAnalysesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('security_analyses')
    .set({ ...set, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertPhases(db: DbOrTrx, rows: Insertable<SecurityAnalysisPhasesTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('security_analysis_phases').values(rows).execute();
}

export async function listPhases(db: DbOrTrx, ids: number[]): Promise<PhaseRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('security_analysis_phases')
    .selectAll()
    .where('analysis_id', 'in', ids)
    .orderBy('analysis_id')
    .orderBy('position')
    .execute();
}

export async function updatePhase(db: DbOrTrx, id: number, phase: string, set: Updateable<SecurityAnalysisPhasesTable>): Promise<void> {
  await db.updateTable('security_analysis_phases').set(set).where('analysis_id', '=', id).where('phase', '=', phase).execute();
}

export async function listFindings(db: DbOrTrx, id: number): Promise<FindingRow[]> {
  return db
    .selectFrom('security_analysis_findings')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'security_analysis_findings.field_id')
    .selectAll('security_analysis_findings')
    .select('fields_of_action.name as field_name')
    .where('analysis_id', '=', id)
    .orderBy('position')
    .orderBy('security_analysis_findings.id')
    .execute();
}

export async function findFieldOfAction(db: DbOrTrx, id: number) {
  return db.selectFrom('fields_of_action').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(
  db: DbOrTrx,
  table: 'security_analysis_findings' | 'security_analysis_recommendations',
  id: number,
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('m'))
    .where('analysis_id', '=', id)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertFinding(db: DbOrTrx, row: Insertable<SecurityAnalysisFindingsTable>): Promise<number> {
  const { id } = await db.insertInto('security_analysis_findings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateFindingVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  set: Updateable<SecurityAnalysisFindingsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('security_analysis_findings')
    .set({ ...set, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteFinding(db: DbOrTrx, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('security_analysis_findings').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function listRecommendations(db: DbOrTrx, id: number): Promise<RecommendationRow[]> {
  return db
    .selectFrom('security_analysis_recommendations')
    .selectAll()
    .where('analysis_id', '=', id)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function listRecommendationFindings(db: DbOrTrx, analysisId: number) {
  return db
    .selectFrom('security_analysis_recommendation_findings')
    .innerJoin(
      'security_analysis_recommendations',
      'security_analysis_recommendations.id',
      'security_analysis_recommendation_findings.recommendation_id',
    )
    .select(['recommendation_id', 'finding_id'])
    .where('security_analysis_recommendations.analysis_id', '=', analysisId)
    .execute();
}

export async function insertRecommendation(db: DbOrTrx, row: Insertable<SecurityAnalysisRecommendationsTable>): Promise<number> {
  const { id } = await db.insertInto('security_analysis_recommendations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function replaceRecommendationFindings(db: DbOrTrx, recommendationId: number, findingIds: number[]): Promise<void> {
  await db.deleteFrom('security_analysis_recommendation_findings').where('recommendation_id', '=', recommendationId).execute();
  if (findingIds.length)
    await db
      .insertInto('security_analysis_recommendation_findings')
      .values(findingIds.map((f) => ({ recommendation_id: recommendationId, finding_id: f })))
      .execute();
}

export async function updateRecommendationVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  set: Updateable<SecurityAnalysisRecommendationsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('security_analysis_recommendations')
    .set({ ...set, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteRecommendation(db: DbOrTrx, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('security_analysis_recommendations').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function listReportHeads(db: DbOrTrx, analysisId: number) {
  return db
    .selectFrom('security_analysis_reports')
    .select(['analysis_id', 'number', 'kind', 'content_sha256', 'note', 'created_by', 'created_at'])
    .where('analysis_id', '=', analysisId)
    .orderBy('number')
    .execute();
}

export async function findReport(db: DbOrTrx, analysisId: number, number: number): Promise<ReportRow | undefined> {
  return db
    .selectFrom('security_analysis_reports')
    .selectAll()
    .where('analysis_id', '=', analysisId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function findFinalReport(db: DbOrTrx, analysisId: number): Promise<ReportRow | undefined> {
  return db
    .selectFrom('security_analysis_reports')
    .selectAll()
    .where('analysis_id', '=', analysisId)
    .where('kind', '=', 'final')
    .executeTakeFirst();
}

export async function insertReport(db: DbOrTrx, row: Insertable<SecurityAnalysisReportsTable>): Promise<void> {
  await db.insertInto('security_analysis_reports').values(row).execute();
}

export async function updateReportNote(db: DbOrTrx, analysisId: number, number: number, note: string): Promise<void> {
  await db
    .updateTable('security_analysis_reports')
    .set({ note })
    .where('analysis_id', '=', analysisId)
    .where('number', '=', number)
    .execute();
}

/** Municipality, district and state with their directory figures. */
export async function findPlaceFigures(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('municipalities')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .leftJoin('states', 'states.ags', 'districts.state_ags')
    .select([
      'municipalities.ags',
      'municipalities.name',
      'municipalities.population',
      'municipalities.population_male',
      'municipalities.area_ha',
      'municipalities.status_date',
      'municipalities.district_ags',
      'districts.name as district_name',
      'districts.type_code as district_type_code',
      'districts.population as district_population',
      'districts.state_ags',
      'states.name as state_name',
    ])
    .where('municipalities.ags', '=', ags)
    .executeTakeFirst();
}

export async function sumStatePopulation(db: DbOrTrx, stateAgs: string): Promise<number | null> {
  const r = await db
    .selectFrom('districts')
    .select((eb) => eb.fn.sum<number>('population').as('p'))
    .where('state_ags', '=', stateAgs)
    .where('active', '=', 1)
    .executeTakeFirst();
  return r?.p === null || r?.p === undefined ? null : Number(r.p);
}

/** Boundaries (GeoJSON text) of the municipalities of a district. */
export async function listDistrictBoundaries(db: DbOrTrx, districtAgs: string) {
  return db
    .selectFrom('boundaries')
    .select(['ags', 'name', 'geometry_json'])
    .where('level', '=', 'municipalities')
    .where('ags', 'like', `${districtAgs}%`)
    .orderBy('ags')
    .execute();
}

/** Completed analyses of the municipality other than this one, latest first. */
export async function listOtherAnalyses(db: DbOrTrx, ags: string, exceptId: number) {
  return db
    .selectFrom('security_analyses')
    .select(['id', 'title', 'completed_on', 'created_at'])
    .where('ags', '=', ags)
    .where('id', '<>', exceptId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Active alliance events of a type of a municipality (to link instead of entering twice). */
export async function findActiveEvent(db: DbOrTrx, ags: string, type: string, date: string) {
  return db
    .selectFrom('alliance_events')
    .select(['id', 'version'])
    .where('ags', '=', ags)
    .where('type', '=', type)
    .where('date', '=', date)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function findEventVersion(db: DbOrTrx, id: number) {
  return db.selectFrom('alliance_events').select(['id', 'version', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function findFinalReportHead(db: DbOrTrx, analysisId: number) {
  return db
    .selectFrom('security_analysis_reports')
    .select(['number'])
    .where('analysis_id', '=', analysisId)
    .where('kind', '=', 'final')
    .executeTakeFirst();
}

/** Every security analysis with the alliance events linked to it (for the consistency check). */
/** Every alliance event id a security analysis stands for. */
export async function listAllLinkedEventIds(db: DbOrTrx): Promise<Set<number>> {
  const rows = await db.selectFrom('security_analyses').select(['started_event_id', 'completed_event_id']).execute();
  return new Set(rows.flatMap((r) => [r.started_event_id, r.completed_event_id]).filter((x): x is number => x !== null));
}

export async function listAnalysisEventLinks(db: DbOrTrx) {
  return db
    .selectFrom('security_analyses')
    .select(['id', 'ags', 'title', 'started_on', 'completed_on', 'started_event_id', 'completed_event_id'])
    .orderBy('id')
    .execute();
}
