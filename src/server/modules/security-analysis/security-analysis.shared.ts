/*
 * The security analysis: a tracked project per municipality (phases with planned and actual
 * dates; start and completion recorded as alliance events through the alliance service), the
 * area profile, findings and recommendations, the strategy workshop (accepted recommendations
 * become problem fields or project ideas) and the reports: versioned drafts and one frozen final
 * version, each a snapshot of everything it shows. This file holds what the service files of
 * these parts share: the presenters and the loading of an analysis with its scope and version.
 */
import {
  EVIDENCE_LABELS,
  PHASE_LABELS,
  type Analysis,
  type AnalysisPhase,
  type AnalysisStatus,
  type EvidenceRef,
  type FindingOut,
  type PhaseOut,
  type Priority,
  type RecommendationOut,
  type ReportHead,
} from '../../../shared/security-analysis.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { listNamedAreas } from '../territory/index.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './security-analysis.repository.ts';
import { todayBerlin } from '../../../shared/time.ts';

type Text = { de: string; en: string };

/** A refused action, naming the rule (code) and the field it concerns. */
export function rule(field: string, code: string, text: Text): AppError {
  return new AppError('rule-violation', text, [{ field, code, message: text }]);
}

// ---- presenters ----

/** A phase is late when its planned start or end has passed without the actual date. */
export function isLate(p: Pick<repo.PhaseRow, 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end'>, at: string): boolean {
  return (
    (p.planned_end !== null && p.planned_end < at && p.actual_end === null) ||
    (p.planned_start !== null && p.planned_start < at && p.actual_start === null)
  );
}

/** The API shape of a phase, late or not at the date. */
export function presentPhase(p: repo.PhaseRow, at: string): PhaseOut {
  const phase = p.phase as AnalysisPhase;
  return {
    phase,
    label: PHASE_LABELS[phase].de,
    plannedStart: p.planned_start,
    plannedEnd: p.planned_end,
    actualStart: p.actual_start,
    actualEnd: p.actual_end,
    late: isLate(p, at),
  };
}

/** The API shape of a finding. */
export function presentFinding(f: repo.FindingRow): FindingOut {
  const evidence = f.evidence as EvidenceRef;
  return {
    id: f.id,
    position: f.position,
    text: f.text,
    evidence,
    evidenceLabel: EVIDENCE_LABELS[evidence]?.de ?? evidence,
    fieldOfActionId: f.field_id,
    fieldOfActionName: f.field_name,
    priority: f.priority as Priority,
    version: f.version,
  };
}

/** The API shape of a report version's head. */
export function presentHead(
  r: Pick<repo.ReportRow, 'number' | 'kind' | 'created_at' | 'created_by' | 'content_sha256' | 'note'>,
): ReportHead {
  return {
    number: r.number,
    kind: r.kind as 'draft' | 'final',
    createdAt: r.created_at,
    createdBy: r.created_by,
    contentSha256: r.content_sha256,
    frozen: r.kind === 'final',
    note: r.note,
  };
}

/** The API shape of an analysis with all its parts; late phases at the date. */
export async function presentAnalysis(db: DbOrTrx, row: repo.AnalysisRow, at = todayBerlin()): Promise<Analysis> {
  const [phases, areas, findings, recs, links, reports] = await Promise.all([
    repo.listPhases(db, [row.id]),
    listNamedAreas(db, row.ags),
    repo.listFindings(db, row.id),
    repo.listRecommendations(db, row.id),
    repo.listRecommendationFindings(db, row.id),
    repo.listReportHeads(db, row.id),
  ]);
  const phaseOut = phases.map((p) => presentPhase(p, at));
  const findingPos = new Map(findings.map((f) => [f.id, f.position]));
  return {
    id: row.id,
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtAgs: row.district_ags,
    districtName: row.district_name,
    title: row.title,
    contractor: row.contractor,
    status: row.status as AnalysisStatus,
    surveyId: row.survey_id,
    notes: row.notes,
    startedOn: row.started_on,
    completedOn: row.completed_on,
    startedEventId: row.started_event_id,
    completedEventId: row.completed_event_id,
    phases: phaseOut,
    latePhases: row.status === 'completed' ? [] : phaseOut.filter((p) => p.late).map((p) => p.phase),
    areas: areas.map((a) => ({ name: a.name, population: a.population, description: a.description })),
    findings: findings.map(presentFinding),
    recommendations: recs.map((r): RecommendationOut => ({
      id: r.id,
      position: r.position,
      text: r.text,
      priority: r.priority as Priority,
      findingIds: links
        .filter((l) => l.recommendation_id === r.id)
        .map((l) => l.finding_id)
        .sort((a, b) => (findingPos.get(a) ?? 0) - (findingPos.get(b) ?? 0)),
      decision: r.decision as RecommendationOut['decision'],
      decidedOn: r.decided_on,
      decisionNote: r.decision_note,
      problemFieldId: r.problem_field_id,
      projectId: r.project_id,
      version: r.version,
    })),
    reports: reports.map(presentHead),
    frozen: reports.some((r) => r.kind === 'final'),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// ---- loading with scope ----

/** The analysis row, or 404. */
export async function requireRow(db: DbOrTrx, id: number): Promise<repo.AnalysisRow> {
  const row = await repo.findAnalysis(db, id);
  if (!row) throw notFound({ de: `Keine Sicherheitsanalyse Nr. ${id}.`, en: `No security analysis no. ${id}.` });
  return row;
}

/** The analysis row, if the principal may see it. */
export async function requireVisible(db: DbOrTrx, principal: Principal, id: number): Promise<repo.AnalysisRow> {
  const row = await requireRow(db, id);
  await requireAccess(db, principal, 'securityAnalysis.read', row.ags);
  return row;
}

/** Loads the analysis for a change: exists, version matches (409 with the current state otherwise). */
export async function requireForChange(db: DbOrTrx, id: number, version: number): Promise<{ row: repo.AnalysisRow; before: Analysis }> {
  const row = await requireRow(db, id);
  const before = await presentAnalysis(db, row);
  if (row.version !== version) throw conflict(before);
  return { row, before };
}

/** Bumps the analysis version (every change of its parts does), 409 when someone was faster. */
export async function bump(
  db: DbOrTrx,
  id: number,
  version: number,
  set: Parameters<typeof repo.updateAnalysisVersioned>[3] = {},
): Promise<void> {
  if (!(await repo.updateAnalysisVersioned(db, id, version, set))) throw conflict(await presentAnalysis(db, await requireRow(db, id)));
}

/** Records the change in the audit trail and returns the analysis after it. */
export async function finish(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  action: string,
  before: unknown,
  extra?: Record<string, unknown>,
): Promise<Analysis> {
  const after = await presentAnalysis(db, await requireRow(db, id));
  await recordAudit(db, actor, {
    action,
    entityType: 'security_analysis',
    entityId: id,
    before,
    after: extra ? { ...extra, analysis: after } : after,
  });
  return after;
}
