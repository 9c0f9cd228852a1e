import {
  ANALYSIS_LIMITS,
  type CreateFindingInput,
  type CreateRecommendationInput,
  type FindingOut,
  type RecommendationOut,
  type UpdateFindingInput,
  type UpdateRecommendationInput,
} from '../../../shared/security-analysis.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './security-analysis.repository.ts';
import { nowIso } from '../../../shared/time.ts';
import { presentAnalysis, presentFinding, requireRow, rule } from './security-analysis.shared.ts';

/* Findings and the recommendations built on them; both are fixed once the final report is frozen. */

const frozenError = () =>
  rule('id', 'report_frozen', {
    de: 'Der Abschlussbericht ist eingefroren: Befunde und Empfehlungen können nicht mehr geändert werden.',
    en: 'The final report is frozen: findings and recommendations can no longer change.',
  });

async function assertNotFrozen(db: DbOrTrx, id: number): Promise<void> {
  if (await repo.findFinalReportHead(db, id)) throw frozenError();
}

/** Refuses an unknown or inactive field of action. */
export async function assertField(db: DbOrTrx, fieldId: number, field = 'fieldOfActionId'): Promise<void> {
  const f = await repo.findFieldOfAction(db, fieldId);
  if (!f || f.active !== 1)
    throw fieldError(field, { de: `Unbekanntes Handlungsfeld Nr. ${fieldId}.`, en: `Unknown field of action no. ${fieldId}.` }, 'unknown');
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
  if (count >= ANALYSIS_LIMITS.findingsMax)
    throw rule('text', 'too_many', {
      de: `Höchstens ${ANALYSIS_LIMITS.findingsMax} Befunde.`,
      en: `At most ${ANALYSIS_LIMITS.findingsMax} findings.`,
    });
  const now = nowIso();
  const findingId = await repo.insertFinding(db, {
    analysis_id: id,
    position: await repo.nextPosition(db, 'security_analysis_findings', id),
    text: input.text,
    evidence: input.evidence,
    field_id: input.fieldOfActionId,
    priority: input.priority,
    created_at: now,
    updated_at: now,
  });
  const after = await requireFinding(db, id, findingId);
  await recordAudit(db, actor, {
    action: 'create',
    entityType: 'security_analysis_finding',
    entityId: findingId,
    after: { analysisId: id, ...after },
  });
  return after;
}

export async function updateFinding(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  findingId: number,
  input: UpdateFindingInput,
): Promise<FindingOut> {
  const before = await requireFinding(db, id, findingId);
  if (before.version !== input.version) throw conflict(before);
  await assertNotFrozen(db, id);
  if (input.fieldOfActionId !== undefined) await assertField(db, input.fieldOfActionId);
  const ok = await repo.updateFindingVersioned(db, findingId, input.version, {
    text: input.text ?? before.text,
    evidence: input.evidence ?? before.evidence,
    field_id: input.fieldOfActionId ?? before.fieldOfActionId,
    priority: input.priority ?? before.priority,
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
  for (const l of links)
    if ((await repo.listRecommendationFindings(db, id)).filter((x) => x.recommendation_id === l.recommendation_id).length === 1)
      alone.push(l.recommendation_id);
  if (alone.length) {
    throw rule('id', 'finding_in_use', {
      de: 'Dieser Befund ist der einzige Beleg einer Empfehlung; verknüpfen Sie die Empfehlung zuerst mit einem anderen Befund.',
      en: 'This finding is the only basis of a recommendation; link the recommendation to another finding first.',
    });
  }
  if (!(await repo.deleteFinding(db, findingId, version))) throw conflict(await requireFinding(db, id, findingId));
  await recordAudit(db, actor, { action: 'delete', entityType: 'security_analysis_finding', entityId: findingId, before });
}

/** A recommendation of the analysis, or 404. */
export async function requireRecommendation(db: DbOrTrx, id: number, recommendationId: number): Promise<RecommendationOut> {
  const a = await presentAnalysis(db, await requireRow(db, id));
  const r = a.recommendations.find((x) => x.id === recommendationId);
  if (!r)
    throw notFound({
      de: `Keine Empfehlung Nr. ${recommendationId} in dieser Analyse.`,
      en: `No recommendation no. ${recommendationId} in this analysis.`,
    });
  return r;
}

async function assertFindingsOf(db: DbOrTrx, id: number, findingIds: number[]): Promise<number[]> {
  const own = new Set((await repo.listFindings(db, id)).map((f) => f.id));
  const unique = [...new Set(findingIds)];
  const foreign = unique.filter((f) => !own.has(f));
  if (foreign.length)
    throw fieldError(
      'findingIds',
      { de: `Kein Befund dieser Analyse: ${foreign.join(', ')}.`, en: `Not a finding of this analysis: ${foreign.join(', ')}.` },
      'unknown',
    );
  return unique;
}

/** Adds a recommendation linked to at least one finding of the analysis. */
export async function createRecommendation(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  input: CreateRecommendationInput,
): Promise<RecommendationOut> {
  await requireRow(db, id);
  await assertNotFrozen(db, id);
  const findingIds = await assertFindingsOf(db, id, input.findingIds);
  if ((await repo.listRecommendations(db, id)).length >= ANALYSIS_LIMITS.recommendationsMax) {
    throw rule('text', 'too_many', {
      de: `Höchstens ${ANALYSIS_LIMITS.recommendationsMax} Empfehlungen.`,
      en: `At most ${ANALYSIS_LIMITS.recommendationsMax} recommendations.`,
    });
  }
  const now = nowIso();
  const recId = await repo.insertRecommendation(db, {
    analysis_id: id,
    position: await repo.nextPosition(db, 'security_analysis_recommendations', id),
    text: input.text,
    priority: input.priority,
    created_at: now,
    updated_at: now,
  });
  await repo.replaceRecommendationFindings(db, recId, findingIds);
  const after = await requireRecommendation(db, id, recId);
  await recordAudit(db, actor, {
    action: 'create',
    entityType: 'security_analysis_recommendation',
    entityId: recId,
    after: { analysisId: id, ...after },
  });
  return after;
}

export async function updateRecommendation(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  recommendationId: number,
  input: UpdateRecommendationInput,
): Promise<RecommendationOut> {
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== input.version) throw conflict(before);
  await assertNotFrozen(db, id);
  const findingIds = input.findingIds ? await assertFindingsOf(db, id, input.findingIds) : undefined;
  const ok = await repo.updateRecommendationVersioned(db, recommendationId, input.version, {
    text: input.text ?? before.text,
    priority: input.priority ?? before.priority,
  });
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  if (findingIds) await repo.replaceRecommendationFindings(db, recommendationId, findingIds);
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, {
    action: 'update',
    entityType: 'security_analysis_recommendation',
    entityId: recommendationId,
    before,
    after,
  });
  return after;
}

export async function deleteRecommendation(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  recommendationId: number,
  version: number,
): Promise<void> {
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== version) throw conflict(before);
  await assertNotFrozen(db, id);
  if (!(await repo.deleteRecommendation(db, recommendationId, version)))
    throw conflict(await requireRecommendation(db, id, recommendationId));
  await recordAudit(db, actor, { action: 'delete', entityType: 'security_analysis_recommendation', entityId: recommendationId, before });
}
