import type { AdoptInput, DecisionInput, RecommendationOut } from '../../../shared/security-analysis.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAccess } from '../../auth/access.ts';
import { createProblemField, createProjectIdea } from './links.ts';
import * as repo from './security-analysis.repository.ts';
import { todayBerlin } from '../../../shared/time.ts';
import { requireVisible, rule } from './security-analysis.shared.ts';
import { assertField, requireRecommendation } from './findings.service.ts';

/* The strategy workshop: the municipality decides on the recommendations; accepted ones become problem fields or project ideas. */

async function requireWorkshop(db: DbOrTrx, principal: Principal, id: number): Promise<repo.AnalysisRow> {
  const row = await requireVisible(db, principal, id);
  await requireAccess(db, principal, 'securityAnalysis.workshop', row.ags);
  return row;
}

/** The municipality accepts or rejects a recommendation in the strategy workshop. */
export async function decideRecommendation(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  recommendationId: number,
  input: DecisionInput,
): Promise<RecommendationOut> {
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
  if (decidedOn && decidedOn > todayBerlin())
    throw rule('decidedOn', 'date_in_future', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' });
  const ok = await repo.updateRecommendationVersioned(db, recommendationId, input.version, {
    decision: input.decision,
    decided_on: decidedOn,
    decision_note: input.note,
  });
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, {
    action: 'decide',
    entityType: 'security_analysis_recommendation',
    entityId: recommendationId,
    before,
    after,
  });
  return after;
}

/** Turns an accepted recommendation into a problem field (councils) or a project idea (projects); the link is kept. */
export async function adoptRecommendation(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  recommendationId: number,
  input: AdoptInput,
): Promise<RecommendationOut> {
  const row = await requireWorkshop(db, principal, id);
  const before = await requireRecommendation(db, id, recommendationId);
  if (before.version !== input.version) throw conflict(before);
  if (before.decision !== 'accepted') {
    throw rule('decision', 'not_accepted', {
      de: 'Nur eine angenommene Empfehlung kann übernommen werden.',
      en: 'Only an accepted recommendation can be adopted.',
    });
  }
  const linked = input.target === 'problem_field' ? before.problemFieldId : before.projectId;
  if (linked !== null) {
    throw rule('target', 'already_linked', {
      de:
        input.target === 'problem_field'
          ? `Diese Empfehlung ist bereits das Problemfeld Nr. ${linked}.`
          : `Diese Empfehlung ist bereits die Projektidee Nr. ${linked}.`,
      en:
        input.target === 'problem_field'
          ? `This recommendation is already problem field no. ${linked}.`
          : `This recommendation is already project idea no. ${linked}.`,
    });
  }
  let fieldId = input.fieldOfActionId;
  if (fieldId === null) {
    const findings = await repo.listFindings(db, id);
    fieldId = findings.find((f) => f.id === before.findingIds[0])?.field_id ?? null;
  }
  if (fieldId === null)
    throw fieldError('fieldOfActionId', { de: 'Bitte ein Handlungsfeld wählen.', en: 'Please choose a field of action.' }, 'required');
  await assertField(db, fieldId);
  const title = input.title || (before.text.length > 120 ? `${before.text.slice(0, 117)}…` : before.text);
  const adoption = {
    ags: row.ags,
    title,
    description: `${before.text}\n\n(Empfehlung ${before.position} der ${row.title})`,
    fieldOfActionId: fieldId,
    priority: before.priority,
    on: before.decidedOn ?? todayBerlin(),
  };
  const createdId =
    input.target === 'problem_field'
      ? await createProblemField(db, actor, principal, adoption)
      : await createProjectIdea(db, actor, principal, adoption);
  const ok = await repo.updateRecommendationVersioned(
    db,
    recommendationId,
    input.version,
    input.target === 'problem_field' ? { problem_field_id: createdId } : { project_id: createdId },
  );
  if (!ok) throw conflict(await requireRecommendation(db, id, recommendationId));
  const after = await requireRecommendation(db, id, recommendationId);
  await recordAudit(db, actor, {
    action: 'adopt',
    entityType: 'security_analysis_recommendation',
    entityId: recommendationId,
    before,
    after: { ...after, target: input.target },
  });
  return after;
}
