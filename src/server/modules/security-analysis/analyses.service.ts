import {
  ANALYSIS_PHASES,
  DEFAULT_PHASE_PLAN,
  PHASE_LABELS,
  type Analysis,
  type AnalysisPage,
  type AnalysisPhase,
  type AnalysisRow,
  type AnalysisStatus,
  type AreasInput,
  type CreateAnalysisInput,
  type HistoricAnalysis,
  type ListAnalysesQuery,
  type MilestoneInput,
  type PhaseOut,
  type UpdateAnalysisInput,
  type UpdatePhaseInput,
} from '../../../shared/security-analysis.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, fieldError } from '../../http/problem.ts';
import { listHistoricIntervals, recordEvent } from '../alliance/index.ts';
import { inScope, scopeOf } from '../../auth/access.ts';
import { recordAudit } from '../audit/index.ts';
import { checkSurveyCoversMunicipality } from '../surveys/index.ts';
import { replaceNamedAreas } from '../territory/index.ts';
import * as repo from './security-analysis.repository.ts';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';
import {
  bump,
  finish,
  isLate,
  presentAnalysis,
  presentPhase,
  requireForChange,
  requireRow,
  requireVisible,
  rule,
} from './security-analysis.shared.ts';

/* The analysis as a tracked project: reading and the overview, creating it, its phases, start and completion (alliance events), its named areas. */

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
export async function listAnalyses(db: DbOrTrx, principal: Principal, q: ListAnalysesQuery): Promise<AnalysisPage> {
  const at = q.at ?? todayBerlin();
  const rows = await repo.listAnalyses(db, principal, {
    ags: q.ags,
    status: q.status,
    completedBy: q.completedBy,
    district: q.district,
    directorateId: q.directorateId,
  });
  const phases = await repo.listPhases(
    db,
    rows.map((r) => r.id),
  );
  let items: AnalysisRow[] = rows.map((r) => {
    const own = phases.filter((p) => p.analysis_id === r.id).map((p) => presentPhase(p, at));
    const late = r.status === 'completed' ? [] : own.filter((p) => p.late);
    return {
      id: r.id,
      ags: r.ags,
      municipalityName: r.municipality_name,
      districtName: r.district_name,
      title: r.title,
      contractor: r.contractor,
      status: r.status as AnalysisStatus,
      startedOn: r.started_on,
      completedOn: r.completed_on,
      latePhases: late.map((p) => ({ phase: p.phase, label: p.label, plannedStart: p.plannedStart, plannedEnd: p.plannedEnd })),
      currentPhase: r.status === 'completed' ? null : currentPhase(own),
      frozen: false,
    };
  });
  if (q.late === 'true') items = items.filter((i) => i.latePhases.length > 0);
  if (q.late === 'false') items = items.filter((i) => i.latePhases.length === 0);
  const finals = await Promise.all(items.map((i) => repo.findFinalReportHead(db, i.id)));
  items = items.map((i, k) => ({ ...i, frozen: finals[k] !== undefined }));
  const start = (q.page - 1) * q.pageSize;
  return {
    items: items.slice(start, start + q.pageSize),
    total: items.length,
    page: q.page,
    pageSize: q.pageSize,
    historic: await listHistoricAnalyses(db, principal, q),
  };
}

/**
 * The analyses the alliance history holds without a record (decision 035), under the list's
 * filters: an analysis whose completion no record stands for is a completed historic row, one
 * whose start no record stands for and that is not completed a running one. A "late" filter
 * leaves them out (they have no phases).
 */
async function listHistoricAnalyses(db: DbOrTrx, principal: Principal, q: ListAnalysesQuery): Promise<HistoricAnalysis[]> {
  if (q.late === 'true') return [];
  const [scope, intervals] = await Promise.all([
    scopeOf(db, principal),
    listHistoricIntervals(db, 'analysis_started', 'analysis_completed', await repo.listAllLinkedEventIds(db)),
  ]);
  return intervals
    .filter((iv) => (iv.endEventId !== null ? !iv.endLinked : !iv.startLinked))
    .filter((iv) => inScope(scope, iv.ags) && (q.ags === undefined || iv.ags === q.ags))
    .filter(
      (iv) =>
        (q.district === undefined || iv.districtAgs === q.district) &&
        (q.directorateId === undefined || iv.directorateId === q.directorateId),
    )
    .filter((iv) =>
      q.status === undefined ? true : q.status === 'completed' ? iv.endedOn !== null : q.status === 'running' && iv.endedOn === null,
    )
    .filter((iv) => q.completedBy === undefined || (iv.endedOn !== null && iv.endedOn <= q.completedBy))
    .map((iv) => ({
      ags: iv.ags,
      municipalityName: iv.municipalityName,
      startedOn: iv.startedOn,
      completedOn: iv.endedOn,
      startEventId: iv.startEventId,
      completedEventId: iv.endEventId,
    }));
}

/** Counts without any content (for the ministry and dashboards). */
export async function getCounts(db: DbOrTrx, at = todayBerlin()) {
  const rows = await repo.listAnalyses(db, null);
  const phases = await repo.listPhases(
    db,
    rows.map((r) => r.id),
  );
  const late = rows.filter((r) => r.status !== 'completed' && phases.some((p) => p.analysis_id === r.id && isLate(p, at))).length;
  const by = (s: string) => rows.filter((r) => r.status === s).length;
  return { at, total: rows.length, planned: by('planned'), running: by('running'), completed: by('completed'), late };
}

// ---- the tracked project ----

async function assertSurvey(db: DbOrTrx, surveyId: number | null, ags: string): Promise<void> {
  if (surveyId === null) return;
  const problem = await checkSurveyCoversMunicipality(db, surveyId, ags);
  if (problem === 'unknown')
    throw fieldError('surveyId', { de: `Keine Befragung Nr. ${surveyId}.`, en: `No survey no. ${surveyId}.` }, 'unknown');
  if (problem)
    throw rule('surveyId', 'survey_other_municipality', {
      de: 'Diese Befragung umfasst die Gemeinde der Analyse nicht.',
      en: 'This survey does not cover the municipality of the analysis.',
    });
}

/** Creates an analysis with every phase (planned from `plannedStart` when given). */
export async function createAnalysis(db: DbOrTrx, actor: Actor, input: CreateAnalysisInput): Promise<Analysis> {
  const place = await repo.findPlaceFigures(db, input.ags);
  if (!place)
    throw fieldError('ags', { de: `Keine Gemeinde mit dem AGS ${input.ags}.`, en: `No municipality with AGS ${input.ags}.` }, 'unknown');
  await assertSurvey(db, input.surveyId, input.ags);
  const now = nowIso();
  const id = await repo.insertAnalysis(db, {
    ags: input.ags,
    title: input.title || `Sicherheitsanalyse ${place.name}`,
    contractor: input.contractor,
    survey_id: input.surveyId,
    notes: input.notes,
    status: 'planned',
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  await repo.insertPhases(
    db,
    ANALYSIS_PHASES.map((phase, i) => {
      const plan = DEFAULT_PHASE_PLAN[phase];
      const start = input.plannedStart ? addDays(input.plannedStart, plan.week * 7) : null;
      return {
        analysis_id: id,
        phase,
        position: i + 1,
        planned_start: start,
        planned_end: start ? addDays(start, plan.weeks * 7 - 1) : null,
        actual_start: null,
        actual_end: null,
      };
    }),
  );
  const after = await presentAnalysis(db, await requireRow(db, id));
  await recordAudit(db, actor, { action: 'create', entityType: 'security_analysis', entityId: id, after });
  return after;
}

/** Changes title, contractor, linked survey or notes. */
export async function updateAnalysis(db: DbOrTrx, actor: Actor, id: number, input: UpdateAnalysisInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (input.surveyId !== undefined) await assertSurvey(db, input.surveyId, row.ags);
  await bump(db, id, input.version, {
    title: input.title ?? row.title,
    contractor: input.contractor ?? row.contractor,
    survey_id: input.surveyId !== undefined ? input.surveyId : row.survey_id,
    notes: input.notes ?? row.notes,
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
    throw rule('plannedEnd', 'end_before_start', {
      de: `${label.de}: Das geplante Ende liegt vor dem geplanten Beginn.`,
      en: `${label.en}: the planned end lies before the planned start.`,
    });
  }
  if (next.actual_end && !next.actual_start) {
    throw rule('actualStart', 'end_without_start', {
      de: `${label.de}: Ein tatsächliches Ende braucht einen tatsächlichen Beginn.`,
      en: `${label.en}: an actual end needs an actual start.`,
    });
  }
  if (next.actual_start && next.actual_end && next.actual_end < next.actual_start) {
    throw rule('actualEnd', 'end_before_start', {
      de: `${label.de}: Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.`,
      en: `${label.en}: the actual end lies before the actual start.`,
    });
  }
  const now = todayBerlin();
  for (const [field, v] of [
    ['actualStart', next.actual_start],
    ['actualEnd', next.actual_end],
  ] as const) {
    if (v && v > now)
      throw rule(field, 'date_in_future', {
        de: `${label.de}: Ein tatsächliches Datum darf nicht in der Zukunft liegen.`,
        en: `${label.en}: an actual date must not lie in the future.`,
      });
  }
  await bump(db, id, input.version);
  await repo.updatePhase(db, id, phase, next);
  return finish(db, actor, id, 'update_phase', before, { phase });
}

/** Records an alliance event of the analysis, or links the one the staff already entered for that day. */
async function linkOrRecordEvent(
  db: DbOrTrx,
  actor: Actor,
  ags: string,
  type: 'analysis_started' | 'analysis_completed',
  date: string,
  title: string,
): Promise<number> {
  const existing = await repo.findActiveEvent(db, ags, type, date);
  if (existing) return existing.id;
  try {
    return (await recordEvent(db, actor, ags, { type, date, notes: title })).id;
  } catch (err) {
    // The alliance names its fields `date`/`type`; here the form has one date field.
    if (err instanceof AppError && err.fieldErrors?.length) {
      throw new AppError(
        err.kind,
        err.detail,
        err.fieldErrors.map((f) => ({ ...f, field: 'date' })),
        err.current,
        err.headers,
      );
    }
    throw err;
  }
}

/** Starts the analysis: status running, the alliance event "analysis started" (the network figures follow). */
export async function startAnalysis(db: DbOrTrx, actor: Actor, id: number, input: MilestoneInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (row.status !== 'planned')
    throw rule('id', 'already_started', { de: 'Die Analyse wurde bereits begonnen.', en: 'The analysis was already started.' });
  const eventId = await linkOrRecordEvent(db, actor, row.ags, 'analysis_started', input.date, row.title);
  await bump(db, id, input.version, { status: 'running', started_on: input.date, started_event_id: eventId });
  const kickOff = before.phases.find((p) => p.phase === 'kick_off')!;
  if (!kickOff.actualStart) await repo.updatePhase(db, id, 'kick_off', { actual_start: input.date });
  return finish(db, actor, id, 'start', before);
}

/** Completes the analysis: needs the frozen final report; records the alliance event "analysis completed". */
export async function completeAnalysis(db: DbOrTrx, actor: Actor, id: number, input: MilestoneInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  if (row.status === 'planned')
    throw rule('id', 'not_started', { de: 'Die Analyse wurde noch nicht begonnen.', en: 'The analysis has not been started.' });
  if (row.status === 'completed')
    throw rule('id', 'already_completed', { de: 'Die Analyse ist bereits abgeschlossen.', en: 'The analysis is already completed.' });
  if (!(await repo.findFinalReportHead(db, id))) {
    throw rule('id', 'final_report_missing', {
      de: 'Eine Analyse kann erst abgeschlossen werden, wenn ihr Abschlussbericht eingefroren ist.',
      en: 'An analysis can only be completed once its final report is frozen.',
    });
  }
  if (row.started_on && input.date < row.started_on) {
    throw rule('date', 'end_before_start', {
      de: 'Der Abschluss liegt vor dem Beginn der Analyse.',
      en: 'The completion lies before the start of the analysis.',
    });
  }
  const eventId = await linkOrRecordEvent(db, actor, row.ags, 'analysis_completed', input.date, row.title);
  await bump(db, id, input.version, { status: 'completed', completed_on: input.date, completed_event_id: eventId });
  return finish(db, actor, id, 'complete', before);
}

/** Replaces the named areas (Ortsteile) of the analysed municipality (they belong to the municipality, decision 037). */
export async function setAreas(db: DbOrTrx, actor: Actor, id: number, input: AreasInput): Promise<Analysis> {
  const { row, before } = await requireForChange(db, id, input.version);
  const names = new Set<string>();
  input.areas.forEach((a, i) => {
    const key = a.name.toLocaleLowerCase('de');
    if (names.has(key))
      throw fieldError(
        `areas.${i}.name`,
        { de: `Der Ortsteil „${a.name}“ steht doppelt in der Liste.`, en: `The area "${a.name}" is listed twice.` },
        'duplicate',
      );
    names.add(key);
  });
  await bump(db, id, input.version);
  await replaceNamedAreas(db, row.ags, input.areas);
  return finish(db, actor, id, 'update_areas', before);
}
