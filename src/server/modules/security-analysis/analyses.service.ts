/*
 * The security analysis: a tracked project per municipality (phases with planned and actual
 * dates; start and completion recorded as alliance events through the alliance service), the
 * area profile, findings and recommendations, the strategy workshop (accepted recommendations
 * become problem fields or project ideas) and the reports: versioned drafts and one frozen final
 * version, each a snapshot of everything it shows.
 */
import crypto from 'node:crypto';
import {
  ANALYSIS_LIMITS, ANALYSIS_PHASES, DEFAULT_PHASE_PLAN, EVIDENCE_LABELS, PHASE_LABELS,
  type AdoptInput, type Analysis, type AnalysisPhase, type AnalysisRow, type AnalysisStatus, type AreasInput, type Comparison, type CreateAnalysisInput,
  type CreateFindingInput, type CreateRecommendationInput, type CreateReportInput, type DecisionInput, type EvidenceRef, type FindingOut, type ListAnalysesQuery,
  type MilestoneInput, type PhaseOut, type Priority, type Profile, type RecommendationOut, type Report, type ReportEditInput, type ReportHead, type ReportSnapshot,
  type UpdateAnalysisInput, type UpdateFindingInput, type UpdatePhaseInput, type UpdateRecommendationInput,
} from '../../../shared/security-analysis.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordEvent } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { checkSurveyCoversMunicipality } from '../surveys/index.ts';

import { createProblemField, createProjectIdea } from './links.ts';
import { buildProfile } from './profile.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './security-analysis.repository.ts';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';

type Text = { de: string; en: string };

/** A refused action, naming the rule (code) and the field it concerns. */
function rule(field: string, code: string, text: Text): AppError {
  return new AppError('rule-violation', text, [{ field, code, message: text }]);
}

const frozenError = () => rule('id', 'report_frozen', {
  de: 'Der Abschlussbericht ist eingefroren: Befunde und Empfehlungen können nicht mehr geändert werden.',
  en: 'The final report is frozen: findings and recommendations can no longer change.',
});

// ---- presenters ----

/** A phase is late when its planned start or end has passed without the actual date. */
export function isLate(p: Pick<repo.PhaseRow, 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end'>, at: string): boolean {
  return (p.planned_end !== null && p.planned_end < at && p.actual_end === null) || (p.planned_start !== null && p.planned_start < at && p.actual_start === null);
}

function presentPhase(p: repo.PhaseRow, at: string): PhaseOut {
  const phase = p.phase as AnalysisPhase;
  return {
    phase, label: PHASE_LABELS[phase].de, plannedStart: p.planned_start, plannedEnd: p.planned_end, actualStart: p.actual_start, actualEnd: p.actual_end,
    late: isLate(p, at),
  };
}

function presentFinding(f: repo.FindingRow): FindingOut {
  const evidence = f.evidence as EvidenceRef;
  return {
    id: f.id, position: f.position, text: f.text, evidence, evidenceLabel: EVIDENCE_LABELS[evidence]?.de ?? evidence,
    fieldOfActionId: f.field_id, fieldOfActionName: f.field_name, priority: f.priority as Priority, version: f.version,
  };
}

function presentHead(r: Pick<repo.ReportRow, 'number' | 'kind' | 'created_at' | 'created_by' | 'content_sha256' | 'note'>): ReportHead {
  return { number: r.number, kind: r.kind as 'draft' | 'final', createdAt: r.created_at, createdBy: r.created_by, contentSha256: r.content_sha256, frozen: r.kind === 'final', note: r.note };
}

async function presentAnalysis(db: DbOrTrx, row: repo.AnalysisRow, at = todayBerlin()): Promise<Analysis> {
  const [phases, areas, findings, recs, links, reports] = await Promise.all([
    repo.listPhases(db, [row.id]), repo.listAreas(db, row.id), repo.listFindings(db, row.id), repo.listRecommendations(db, row.id),
    repo.listRecommendationFindings(db, row.id), repo.listReportHeads(db, row.id),
  ]);
  const phaseOut = phases.map((p) => presentPhase(p, at));
  const findingPos = new Map(findings.map((f) => [f.id, f.position]));
  return {
    id: row.id, ags: row.ags, municipalityName: row.municipality_name, districtAgs: row.district_ags, districtName: row.district_name,
    title: row.title, contractor: row.contractor, status: row.status as AnalysisStatus, surveyId: row.survey_id, notes: row.notes,
    startedOn: row.started_on, completedOn: row.completed_on, startedEventId: row.started_event_id, completedEventId: row.completed_event_id,
    phases: phaseOut, latePhases: row.status === 'completed' ? [] : phaseOut.filter((p) => p.late).map((p) => p.phase),
    areas: areas.map((a) => ({ name: a.name, population: a.population, description: a.description })),
    findings: findings.map(presentFinding),
    recommendations: recs.map((r): RecommendationOut => ({
      id: r.id, position: r.position, text: r.text, priority: r.priority as Priority,
      findingIds: links.filter((l) => l.recommendation_id === r.id).map((l) => l.finding_id).sort((a, b) => (findingPos.get(a) ?? 0) - (findingPos.get(b) ?? 0)),
      decision: r.decision as RecommendationOut['decision'], decidedOn: r.decided_on, decisionNote: r.decision_note,
      problemFieldId: r.problem_field_id, projectId: r.project_id, version: r.version,
    })),
    reports: reports.map(presentHead), frozen: reports.some((r) => r.kind === 'final'),
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

// ---- loading with scope ----

async function requireRow(db: DbOrTrx, id: number): Promise<repo.AnalysisRow> {
  const row = await repo.findAnalysis(db, id);
  if (!row) throw notFound({ de: `Keine Sicherheitsanalyse Nr. ${id}.`, en: `No security analysis no. ${id}.` });
  return row;
}

async function requireVisible(db: DbOrTrx, principal: Principal, id: number): Promise<repo.AnalysisRow> {
  const row = await requireRow(db, id);
  await requireAccess(db, principal, 'securityAnalysis.read', row.ags);
  return row;
}

/** Loads the analysis for a change: exists, version matches (409 with the current state otherwise). */
async function requireForChange(db: DbOrTrx, id: number, version: number): Promise<{ row: repo.AnalysisRow; before: Analysis }> {
  const row = await requireRow(db, id);
  const before = await presentAnalysis(db, row);
  if (row.version !== version) throw conflict(before);
  return { row, before };
}

/** Bumps the analysis version (every change of its parts does), 409 when someone was faster. */
async function bump(db: DbOrTrx, id: number, version: number, set: Parameters<typeof repo.updateAnalysisVersioned>[3] = {}): Promise<void> {
  if (!(await repo.updateAnalysisVersioned(db, id, version, set))) throw conflict(await presentAnalysis(db, await requireRow(db, id)));
}

async function finish(db: DbOrTrx, actor: Actor, id: number, action: string, before: unknown, extra?: Record<string, unknown>): Promise<Analysis> {
  const after = await presentAnalysis(db, await requireRow(db, id));
  await recordAudit(db, actor, { action, entityType: 'security_analysis', entityId: id, before, after: extra ? { ...extra, analysis: after } : after });
  return after;
}

// ---- reading ----

/** One analysis with phases, areas, findings, recommendations and report versions. */
export async function getAnalysis(db: DbOrTrx, principal: Principal, id: number): Promise<Analysis> {
  return presentAnalysis(db, await requireVisible(db, principal, id));
}

function currentPhase(phases: PhaseOut[]): AnalysisPhase | null {
  const open = phases.find((p) => p.actualEnd === null);
  return open ? open.phase : null;
}

/** The overview across all analyses the principal may see, with late phases at a date. */
export async function listAnalyses(db: DbOrTrx, principal: Principal, q: ListAnalysesQuery) {
  const at = q.at ?? todayBerlin();
  const rows = await repo.listAnalyses(db, principal, { ags: q.ags, status: q.status });
  const phases = await repo.listPhases(db, rows.map((r) => r.id));
  let items: AnalysisRow[] = rows.map((r) => {
    const own = phases.filter((p) => p.analysis_id === r.id).map((p) => presentPhase(p, at));
    const late = r.status === 'completed' ? [] : own.filter((p) => p.late);
    return {
      id: r.id, ags: r.ags, municipalityName: r.municipality_name, districtName: r.district_name, title: r.title, contractor: r.contractor,
      status: r.status as AnalysisStatus, startedOn: r.started_on, completedOn: r.completed_on,
      latePhases: late.map((p) => ({ phase: p.phase, label: p.label, plannedStart: p.plannedStart, plannedEnd: p.plannedEnd })),
      currentPhase: r.status === 'completed' ? null : currentPhase(own), frozen: false,
    };
  });
  if (q.late === 'true') items = items.filter((i) => i.latePhases.length > 0);
  if (q.late === 'false') items = items.filter((i) => i.latePhases.length === 0);
  const finals = await Promise.all(items.map((i) => repo.findFinalReportHead(db, i.id)));
  items = items.map((i, k) => ({ ...i, frozen: finals[k] !== undefined }));
  const start = (q.page - 1) * q.pageSize;
  return { items: items.slice(start, start + q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize };
}


/** Counts without any content (for the ministry and dashboards). */
export async function getCounts(db: DbOrTrx, at = todayBerlin()) {
  const rows = await repo.listAnalyses(db, null);
  const phases = await repo.listPhases(db, rows.map((r) => r.id));
  const late = rows.filter((r) => r.status !== 'completed' && phases.some((p) => p.analysis_id === r.id && isLate(p, at))).length;
  const by = (s: string) => rows.filter((r) => r.status === s).length;
  return { at, total: rows.length, planned: by('planned'), running: by('running'), completed: by('completed'), late };
}

// ---- the tracked project ----

async function assertSurvey(db: DbOrTrx, surveyId: number | null, ags: string): Promise<void> {
  if (surveyId === null) return;
  const problem = await checkSurveyCoversMunicipality(db, surveyId, ags);
  if (problem === 'unknown') throw fieldError('surveyId', { de: `Keine Befragung Nr. ${surveyId}.`, en: `No survey no. ${surveyId}.` }, 'unknown');
  if (problem) throw rule('surveyId', 'survey_other_municipality', { de: 'Diese Befragung umfasst die Gemeinde der Analyse nicht.', en: 'This survey does not cover the municipality of the analysis.' });
}

/** Creates an analysis with every phase (planned from `plannedStart` when given). */
export async function createAnalysis(db: DbOrTrx, actor: Actor, input: CreateAnalysisInput): Promise<Analysis> {
  const place = await repo.findPlaceFigures(db, input.ags);
  if (!place) throw fieldError('ags', { de: `Keine Gemeinde mit dem AGS ${input.ags}.`, en: `No municipality with AGS ${input.ags}.` }, 'unknown');
  await assertSurvey(db, input.surveyId, input.ags);
  const now = nowIso();
  const id = await repo.insertAnalysis(db, {
    ags: input.ags, title: input.title || `Sicherheitsanalyse ${place.name}`, contractor: input.contractor, survey_id: input.surveyId, notes: input.notes,
    status: 'planned', created_by: actor.userId, created_at: now, updated_at: now,
  });
  await repo.insertPhases(db, ANALYSIS_PHASES.map((phase, i) => {
    const plan = DEFAULT_PHASE_PLAN[phase];
    const start = input.plannedStart ? addDays(input.plannedStart, plan.week * 7) : null;
    return { analysis_id: id, phase, position: i + 1, planned_start: start, planned_end: start ? addDays(start, plan.weeks * 7 - 1) : null, actual_start: null, actual_end: null };
  }));
  const after = await presentAnalysis(db, await requireRow(db, id));
  await recordAudit(db, actor, { action: 'create', entityType: 'security_analysis', entityId: id, after });
  return after;
}

/** Changes title, contractor, linked survey or notes. */
export async function updateAnalysis(db: DbOrTrx, actor: Actor, id: number, input: UpdateAnalysisInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (input.surveyId !== undefined) await assertSurvey(db, input.surveyId, row.ags);
  await bump(db, id, input.version, {
    title: input.title ?? row.title, contractor: input.contractor ?? row.contractor,
    survey_id: input.surveyId !== undefined ? input.surveyId : row.survey_id, notes: input.notes ?? row.notes,
  });
  return finish(db, actor, id, 'update', before);
}

/** Sets a phase's planned and actual dates; an end before its start, or an actual date in the future, is refused. */
export async function updatePhase(db: DbOrTrx, actor: Actor, id: number, phase: AnalysisPhase, input: UpdatePhaseInput): Promise<Analysis> {
  const { before } = await requireForChange(db, id, input.version);
  const current = before.phases.find((p) => p.phase === phase)!;
  const next = {
    planned_start: input.plannedStart !== undefined ? input.plannedStart : current.plannedStart,
    planned_end: input.plannedEnd !== undefined ? input.plannedEnd : current.plannedEnd,
    actual_start: input.actualStart !== undefined ? input.actualStart : current.actualStart,
    actual_end: input.actualEnd !== undefined ? input.actualEnd : current.actualEnd,
  };
  const label = PHASE_LABELS[phase];
  if (next.planned_start && next.planned_end && next.planned_end < next.planned_start) {
    throw rule('plannedEnd', 'end_before_start', { de: `${label.de}: Das geplante Ende liegt vor dem geplanten Beginn.`, en: `${label.en}: the planned end lies before the planned start.` });
  }
  if (next.actual_end && !next.actual_start) {
    throw rule('actualStart', 'end_without_start', { de: `${label.de}: Ein tatsächliches Ende braucht einen tatsächlichen Beginn.`, en: `${label.en}: an actual end needs an actual start.` });
  }
  if (next.actual_start && next.actual_end && next.actual_end < next.actual_start) {
    throw rule('actualEnd', 'end_before_start', { de: `${label.de}: Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.`, en: `${label.en}: the actual end lies before the actual start.` });
  }
  const now = todayBerlin();
  for (const [field, v] of [['actualStart', next.actual_start], ['actualEnd', next.actual_end]] as const) {
    if (v && v > now) throw rule(field, 'date_in_future', { de: `${label.de}: Ein tatsächliches Datum darf nicht in der Zukunft liegen.`, en: `${label.en}: an actual date must not lie in the future.` });
  }
  await bump(db, id, input.version);
  await repo.updatePhase(db, id, phase, next);
  return finish(db, actor, id, 'update_phase', before, { phase });
}

/** Records an alliance event of the analysis, or links the one the staff already entered for that day. */
async function linkOrRecordEvent(db: DbOrTrx, actor: Actor, ags: string, type: 'analysis_started' | 'analysis_completed', date: string, title: string): Promise<number> {
  const existing = await repo.findActiveEvent(db, ags, type, date);
  if (existing) return existing.id;
  try {
    return (await recordEvent(db, actor, ags, { type, date, notes: title })).id;
  } catch (err) {
    // The alliance names its fields `date`/`type`; here the form has one date field.
    if (err instanceof AppError && err.fieldErrors?.length) {
      throw new AppError(err.kind, err.detail, err.fieldErrors.map((f) => ({ ...f, field: 'date' })), err.current, err.headers);
    }
    throw err;
  }
}

/** Starts the analysis: status running, the alliance event "analysis started" (the network figures follow). */
export async function startAnalysis(db: DbOrTrx, actor: Actor, id: number, input: MilestoneInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (row.status !== 'planned') throw rule('id', 'already_started', { de: 'Die Analyse wurde bereits begonnen.', en: 'The analysis was already started.' });
  const eventId = await linkOrRecordEvent(db, actor, row.ags, 'analysis_started', input.date, row.title);
  await bump(db, id, input.version, { status: 'running', started_on: input.date, started_event_id: eventId });
  const kickOff = before.phases.find((p) => p.phase === 'kick_off')!;
  if (!kickOff.actualStart) await repo.updatePhase(db, id, 'kick_off', { actual_start: input.date });
  return finish(db, actor, id, 'start', before);
}

/** Completes the analysis: needs the frozen final report; records the alliance event "analysis completed". */
export async function completeAnalysis(db: DbOrTrx, actor: Actor, id: number, input: MilestoneInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (row.status === 'planned') throw rule('id', 'not_started', { de: 'Die Analyse wurde noch nicht begonnen.', en: 'The analysis has not been started.' });
  if (row.status === 'completed') throw rule('id', 'already_completed', { de: 'Die Analyse ist bereits abgeschlossen.', en: 'The analysis is already completed.' });
  if (!(await repo.findFinalReportHead(db, id))) {
    throw rule('id', 'final_report_missing', {
      de: 'Eine Analyse kann erst abgeschlossen werden, wenn ihr Abschlussbericht eingefroren ist.',
      en: 'An analysis can only be completed once its final report is frozen.',
    });
  }
  if (row.started_on && input.date < row.started_on) {
    throw rule('date', 'end_before_start', { de: 'Der Abschluss liegt vor dem Beginn der Analyse.', en: 'The completion lies before the start of the analysis.' });
  }
  const eventId = await linkOrRecordEvent(db, actor, row.ags, 'analysis_completed', input.date, row.title);
  await bump(db, id, input.version, { status: 'completed', completed_on: input.date, completed_event_id: eventId });
  return finish(db, actor, id, 'complete', before);
}

/** Replaces the named areas (Ortsteile) of the analysis. */
export async function setAreas(db: DbOrTrx, actor: Actor, id: number, input: AreasInput): Promise<Analysis> {
  const { before } = await requireForChange(db, id, input.version);
  const names = new Set<string>();
  input.areas.forEach((a, i) => {
    const key = a.name.toLocaleLowerCase('de');
    if (names.has(key)) throw fieldError(`areas.${i}.name`, { de: `Der Ortsteil „${a.name}“ steht doppelt in der Liste.`, en: `The area "${a.name}" is listed twice.` }, 'duplicate');
    names.add(key);
  });
  await bump(db, id, input.version);
  await repo.replaceAreas(db, id, input.areas);
  return finish(db, actor, id, 'update_areas', before);
}

// ---- findings and recommendations ----

async function assertNotFrozen(db: DbOrTrx, id: number): Promise<void> {
  if (await repo.findFinalReportHead(db, id)) throw frozenError();
}

async function assertField(db: DbOrTrx, fieldId: number, field = 'fieldOfActionId'): Promise<void> {
  const f = await repo.findFieldOfAction(db, fieldId);
  if (!f || f.active !== 1) throw fieldError(field, { de: `Unbekanntes Handlungsfeld Nr. ${fieldId}.`, en: `Unknown field of action no. ${fieldId}.` }, 'unknown');
}

async function requireFinding(db: DbOrTrx, id: number, findingId: number): Promise<FindingOut> {
  const f = (await repo.listFindings(db, id)).find((x) => x.id === findingId);
  if (!f) throw notFound({ de: `Kein Befund Nr. ${findingId} in dieser Analyse.`, en: `No finding no. ${findingId} in this analysis.` });
  return presentFinding(f);
}

/** Adds a finding (text, evidence, field of action, priority). */
export async function createFinding(db: DbOrTrx, actor: Actor, id: number, input: CreateFindingInput): Promise<FindingOut> {
  await requireRow(db, id);
  await assertNotFrozen(db, id);
  await assertField(db, input.fieldOfActionId);
  const count = (await repo.listFindings(db, id)).length;
  if (count >= ANALYSIS_LIMITS.findingsMax) throw rule('text', 'too_many', { de: `Höchstens ${ANALYSIS_LIMITS.findingsMax} Befunde.`, en: `At most ${ANALYSIS_LIMITS.findingsMax} findings.` });
  const now = nowIso();
  const findingId = await repo.insertFinding(db, {
    analysis_id: id, position: await repo.nextPosition(db, 'security_analysis_findings', id), text: input.text, evidence: input.evidence,
    field_id: input.fieldOfActionId, priority: input.priority, created_at: now, updated_at: now,
  });
  const after = await requireFinding(db, id, findingId);
  await recordAudit(db, actor, { action: 'create', entityType: 'security_analysis_finding', entityId: findingId, after: { analysisId: id, ...after } });
  return after;
}

export async function updateFinding(db: DbOrTrx, actor: Actor, id: number, findingId: number, input: UpdateFindingInput): Promise<FindingOut> {
  const before = await requireFinding(db, id, findingId);
  if (before.version !== input.version) throw conflict(before);
  await assertNotFrozen(db, id);
  if (input.fieldOfActionId !== undefined) await assertField(db, input.fieldOfActionId);
  const ok = await repo.updateFindingVersioned(db, findingId, input.version, {
    text: input.text ?? before.text, evidence: input.evidence ?? before.evidence, field_id: input.fieldOfActionId ?? before.fieldOfActionId, priority: input.priority ?? before.priority,
  });
  if (!ok) throw conflict(await requireFinding(db, id, findingId));
  const after = await requireFinding(db, id, findingId);
  await recordAudit(db, actor, { action: 'update', entityType: 'security_analysis_finding', entityId: findingId, before, after });
  return after;
}

export async function deleteFinding(db: DbOrTrx, actor: Actor, id: number, findingId: number, version: number): Promise<void> {
  const before = await requireFinding(db, id, findingId);
  if (before.version !== version) throw conflict(before);
  await assertNotFrozen(db, id);
  const links = (await repo.listRecommendationFindings(db, id)).filter((l) => l.finding_id === findingId);
  const alone = [];
  for (const l of links) if ((await repo.listRecommendationFindings(db, id)).filter((x) => x.recommendation_id === l.recommendation_id).length === 1) alone.push(l.recommendation_id);
  if (alone.length) {
    throw rule('id', 'finding_in_use', {
      de: 'Dieser Befund ist der einzige Beleg einer Empfehlung; verknüpfen Sie die Empfehlung zuerst mit einem anderen Befund.',
      en: 'This finding is the only basis of a recommendation; link the recommendation to another finding first.',
    });
  }
  if (!(await repo.deleteFinding(db, findingId, version))) throw conflict(await requireFinding(db, id, findingId));
  await recordAudit(db, actor, { action: 'delete', entityType: 'security_analysis_finding', entityId: findingId, before });
}

async function requireRecommendation(db: DbOrTrx, id: number, recommendationId: number): Promise<RecommendationOut> {
  const a = await presentAnalysis(db, await requireRow(db, id));
  const r = a.recommendations.find((x) => x.id === recommendationId);
  if (!r) throw notFound({ de: `Keine Empfehlung Nr. ${recommendationId} in dieser Analyse.`, en: `No recommendation no. ${recommendationId} in this analysis.` });
  return r;
}

async function assertFindingsOf(db: DbOrTrx, id: number, findingIds: number[]): Promise<number[]> {
  const own = new Set((await repo.listFindings(db, id)).map((f) => f.id));
  const unique = [...new Set(findingIds)];
  const foreign = unique.filter((f) => !own.has(f));
  if (foreign.length) throw fieldError('findingIds', { de: `Kein Befund dieser Analyse: ${foreign.join(', ')}.`, en: `Not a finding of this analysis: ${foreign.join(', ')}.` }, 'unknown');
  return unique;
}

/** Adds a recommendation linked to at least one finding of the analysis. */
export async function createRecommendation(db: DbOrTrx, actor: Actor, id: number, input: CreateRecommendationInput): Promise<RecommendationOut> {
  await requireRow(db, id);
  await assertNotFrozen(db, id);
  const findingIds = await assertFindingsOf(db, id, input.findingIds);
  if ((await repo.listRecommendations(db, id)).length >= ANALYSIS_LIMITS.recommendationsMax) {
    throw rule('text', 'too_many', { de: `Höchstens ${ANALYSIS_LIMITS.recommendationsMax} Empfehlungen.`, en: `At most ${ANALYSIS_LIMITS.recommendationsMax} recommendations.` });
  }
  const now = nowIso();
  const recId = await repo.insertRecommendation(db, {
    analysis_id: id, position: await repo.nextPosition(db, 'security_analysis_recommendations', id), text: input.text, priority: input.priority, created_at: now, updated_at: now,
  });
  await repo.replaceRecommendationFindings(db, recId, findingIds);
  const after = await requireRecommendation(db, id, recId);
  await recordAudit(db, actor, { action: 'create', entityType: 'security_analysis_recommendation', entityId: recId, after: { analysisId: id, ...after } });
  return after;
}

export async function updateRecommendation(db: DbOrTrx, actor: Actor, id: number, recommendationId: number, input: UpdateRecommendationInput): Promise<RecommendationOut> {
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== input.version) throw conflict(before);
  await assertNotFrozen(db, id);
  const findingIds = input.findingIds ? await assertFindingsOf(db, id, input.findingIds) : undefined;
  const ok = await repo.updateRecommendationVersioned(db, recommendationId, input.version, { text: input.text ?? before.text, priority: input.priority ?? before.priority });
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  if (findingIds) await repo.replaceRecommendationFindings(db, recommendationId, findingIds);
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, { action: 'update', entityType: 'security_analysis_recommendation', entityId: recommendationId, before, after });
  return after;
}

export async function deleteRecommendation(db: DbOrTrx, actor: Actor, id: number, recommendationId: number, version: number): Promise<void> {
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== version) throw conflict(before);
  await assertNotFrozen(db, id);
  if (!(await repo.deleteRecommendation(db, recommendationId, version))) throw conflict(await requireRecommendation(db, id, recommendationId));
  await recordAudit(db, actor, { action: 'delete', entityType: 'security_analysis_recommendation', entityId: recommendationId, before });
}

// ---- strategy workshop ----

async function requireWorkshop(db: DbOrTrx, principal: Principal, id: number): Promise<repo.AnalysisRow> {
  const row = await requireVisible(db, principal, id);
  await requireAccess(db, principal, 'securityAnalysis.workshop', row.ags);
  return row;
}

/** The municipality accepts or rejects a recommendation in the strategy workshop. */
export async function decideRecommendation(db: DbOrTrx, actor: Actor, principal: Principal, id: number, recommendationId: number, input: DecisionInput): Promise<RecommendationOut> {
  await requireWorkshop(db, principal, id);
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== input.version) throw conflict(before);
  if (input.decision !== 'accepted' && (before.problemFieldId !== null || before.projectId !== null)) {
    throw rule('decision', 'already_adopted', {
      de: 'Aus dieser Empfehlung wurde bereits ein Problemfeld oder eine Projektidee; sie bleibt angenommen.',
      en: 'This recommendation already became a problem field or a project idea; it stays accepted.',
    });
  }
  const decidedOn = input.decision === 'open' ? null : (input.decidedOn ?? todayBerlin());
  if (decidedOn && decidedOn > todayBerlin()) throw rule('decidedOn', 'date_in_future', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' });
  const ok = await repo.updateRecommendationVersioned(db, recommendationId, input.version, { decision: input.decision, decided_on: decidedOn, decision_note: input.note });
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, { action: 'decide', entityType: 'security_analysis_recommendation', entityId: recommendationId, before, after });
  return after;
}

/** Turns an accepted recommendation into a problem field (councils) or a project idea (projects); the link is kept. */
export async function adoptRecommendation(db: DbOrTrx, actor: Actor, principal: Principal, id: number, recommendationId: number, input: AdoptInput): Promise<RecommendationOut> {
  const row = await requireWorkshop(db, principal, id);
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== input.version) throw conflict(before);
  if (before.decision !== 'accepted') {
    throw rule('decision', 'not_accepted', { de: 'Nur eine angenommene Empfehlung kann übernommen werden.', en: 'Only an accepted recommendation can be adopted.' });
  }
  const linked = input.target === 'problem_field' ? before.problemFieldId : before.projectId;
  if (linked !== null) {
    throw rule('target', 'already_linked', {
      de: input.target === 'problem_field' ? `Diese Empfehlung ist bereits das Problemfeld Nr. ${linked}.` : `Diese Empfehlung ist bereits die Projektidee Nr. ${linked}.`,
      en: input.target === 'problem_field' ? `This recommendation is already problem field no. ${linked}.` : `This recommendation is already project idea no. ${linked}.`,
    });
  }
  let fieldId = input.fieldOfActionId;
  if (fieldId === null) {
    const findings = await repo.listFindings(db, id);
    fieldId = findings.find((f) => f.id === before.findingIds[0])?.field_id ?? null;
  }
  if (fieldId === null) throw fieldError('fieldOfActionId', { de: 'Bitte ein Handlungsfeld wählen.', en: 'Please choose a field of action.' }, 'required');
  await assertField(db, fieldId);
  const title = input.title || (before.text.length > 120 ? `${before.text.slice(0, 117)}…` : before.text);
  const adoption = { ags: row.ags, title, description: `${before.text}\n\n(Empfehlung ${before.position} der ${row.title})`, fieldOfActionId: fieldId, priority: before.priority, on: before.decidedOn ?? todayBerlin() };
  const createdId = input.target === 'problem_field' ? await createProblemField(db, actor, principal, adoption) : await createProjectIdea(db, actor, principal, adoption);
  const ok = await repo.updateRecommendationVersioned(db, recommendationId, input.version, input.target === 'problem_field' ? { problem_field_id: createdId } : { project_id: createdId });
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, { action: 'adopt', entityType: 'security_analysis_recommendation', entityId: recommendationId, before, after: { ...after, target: input.target } });
  return after;
}

// ---- profile and reports ----

/** The live area profile from today's data (not stored). */
export async function getProfile(db: DbOrTrx, principal: Principal, id: number): Promise<Profile> {
  const row = await requireVisible(db, principal, id);
  return buildProfile(db, principal, { ags: row.ags, surveyId: row.survey_id, areas: await repo.listAreas(db, row.id) });
}

function methodsOf(profile: Profile): ReportSnapshot['methods'] {
  const s = profile.survey;
  if (!s) {
    return {
      sampleSize: null, responses: null, responseRate: null,
      weighting: profile.surveyNote ?? 'Keine Befragungsergebnisse.',
      suppression: 'Für diesen Bericht liegen keine Befragungsergebnisse vor; die Kriminalitätszahlen sind veröffentlichte Aggregatzahlen.',
    };
  }
  return {
    sampleSize: s.sampleSize, responses: s.responses, responseRate: s.responseRate, weighting: s.weighting,
    suppression: `Ergebnisse für Gruppen mit weniger als ${s.kMin} Antworten werden nicht ausgewiesen (Mindestfallzahl k = ${s.kMin}); bei Anteilen gilt das auch, wenn weniger als ${s.kMin} Personen auf einer Seite stehen.`,
  };
}

/** Builds the snapshot of everything a report shows, from the data of this moment. */
export async function buildSnapshot(db: DbOrTrx, principal: Principal, row: repo.AnalysisRow, number: number, kind: 'draft' | 'final', at = nowIso()): Promise<ReportSnapshot> {
  const analysis = await presentAnalysis(db, row);
  const profile = await buildProfile(db, principal, { ags: row.ags, surveyId: row.survey_id, areas: analysis.areas });
  profile.generatedAt = at;
  return {
    analysis: { id: row.id, title: row.title, contractor: row.contractor, ags: row.ags, municipalityName: row.municipality_name, startedOn: row.started_on },
    number, kind, createdAt: at,
    phases: analysis.phases.map((p) => ({ ...p, late: false })),
    profile,
    findings: analysis.findings,
    recommendations: analysis.recommendations.map((r) => ({ id: r.id, position: r.position, text: r.text, priority: r.priority, findingIds: r.findingIds })),
    methods: methodsOf(profile),
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Stores a new draft, or freezes the final version (once; confirmation required). */
export async function createReport(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: CreateReportInput): Promise<ReportHead> {
  const { row } = await requireForChange(db, id, input.version);
  if (input.kind === 'final') {
    if (!input.confirm) {
      throw fieldError('confirm', { de: 'Das Einfrieren des Abschlussberichts kann nicht rückgängig gemacht werden; bitte bestätigen.', en: 'Freezing the final report cannot be undone; please confirm.' }, 'confirmation_required');
    }
    if (await repo.findFinalReportHead(db, id)) throw rule('kind', 'report_frozen', { de: 'Der Abschlussbericht ist bereits eingefroren.', en: 'The final report is already frozen.' });
    if (!(await repo.listFindings(db, id)).length) throw rule('kind', 'no_findings', { de: 'Ein Abschlussbericht braucht mindestens einen Befund.', en: 'A final report needs at least one finding.' });
  }
  const heads = await repo.listReportHeads(db, id);
  if (heads.length >= ANALYSIS_LIMITS.reportsMax) throw rule('kind', 'too_many', { de: 'Zu viele Berichtsversionen.', en: 'Too many report versions.' });
  const number = (heads.at(-1)?.number ?? 0) + 1;
  const snapshot = await buildSnapshot(db, principal, row, number, input.kind);
  const json = JSON.stringify(snapshot);
  const createdAt = snapshot.createdAt;
  await bump(db, id, input.version);
  await repo.insertReport(db, { analysis_id: id, number, kind: input.kind, snapshot_json: json, content_sha256: sha256(json), created_by: actor.label, created_at: createdAt });
  const head = presentHead({ number, kind: input.kind, created_at: createdAt, created_by: actor.label, content_sha256: sha256(json), note: '' });
  await recordAudit(db, actor, { action: input.kind === 'final' ? 'freeze_report' : 'create_report', entityType: 'security_analysis', entityId: id, after: head });
  return head;
}

async function requireReport(db: DbOrTrx, id: number, number: number): Promise<repo.ReportRow> {
  const r = await repo.findReport(db, id, number);
  if (!r) throw notFound({ de: `Kein Bericht Nr. ${number} zu dieser Analyse.`, en: `No report no. ${number} of this analysis.` });
  return r;
}

/** One stored report version with its snapshot (exactly as stored). */
export async function getReport(db: DbOrTrx, principal: Principal, id: number, number: number): Promise<Report> {
  await requireVisible(db, principal, id);
  const r = await requireReport(db, id, number);
  return { ...presentHead(r), snapshot: JSON.parse(r.snapshot_json) as ReportSnapshot };
}

/** Changes the note of a draft; the frozen final version refuses every edit. */
export async function editReport(db: DbOrTrx, actor: Actor, id: number, number: number, input: ReportEditInput): Promise<ReportHead> {
  await requireRow(db, id);
  const r = await requireReport(db, id, number);
  if (r.kind === 'final') {
    throw rule('number', 'report_frozen', { de: 'Der Abschlussbericht ist eingefroren und kann nicht bearbeitet werden.', en: 'The final report is frozen and cannot be edited.' });
  }
  await repo.updateReportNote(db, id, number, input.note);
  const after = presentHead({ ...r, note: input.note });
  await recordAudit(db, actor, { action: 'update_report', entityType: 'security_analysis', entityId: id, before: presentHead(r), after });
  return after;
}

function keyFigures(s: ReportSnapshot | Profile): Map<string, number | null> {
  const p = 'profile' in s ? s.profile : s;
  const m = new Map<string, number | null>([
    ['Einwohner', p.population.total],
    ['Häufigkeitszahl (Straftaten insgesamt)', p.crime.hz],
    ['Aufklärungsquote in %', p.crime.clearanceRate],
    ['Rücklaufquote der Befragung in %', p.survey?.responseRate ?? null],
  ]);
  for (const i of p.survey?.indices ?? []) m.set(`${i.label}${i.unit === 'share' ? ' in %' : ''}`, i.suppressed ? null : i.value);
  return m;
}

/** Compares the analysis (its final report, else its live profile) with the other analysis of the municipality that has a final report. */
export async function compareAnalyses(db: DbOrTrx, principal: Principal, id: number): Promise<Comparison> {
  const row = await requireVisible(db, principal, id);
  const ownFinal = await repo.findFinalReport(db, id);
  const current = ownFinal ? (JSON.parse(ownFinal.snapshot_json) as ReportSnapshot) : await getProfile(db, principal, id);
  let other: { row: { id: number; title: string }; report: repo.ReportRow } | null = null;
  for (const o of await repo.listOtherAnalyses(db, row.ags, id)) {
    const report = await repo.findFinalReport(db, o.id);
    if (report) { other = { row: o, report }; break; }
  }
  const a = keyFigures(current);
  const b = other ? keyFigures(JSON.parse(other.report.snapshot_json) as ReportSnapshot) : new Map<string, number | null>();
  const labels = [...new Set([...a.keys(), ...b.keys()])];
  return {
    current: { analysisId: id, reportNumber: ownFinal?.number ?? null, title: row.title },
    other: other ? { analysisId: other.row.id, reportNumber: other.report.number, title: other.row.title } : null,
    rows: labels.map((label) => {
      const x = a.get(label) ?? null;
      const y = b.get(label) ?? null;
      return { label, current: x, other: y, difference: x !== null && y !== null ? Math.round((x - y) * 10) / 10 : null };
    }),
  };
}
