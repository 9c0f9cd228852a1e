import type { Application, ProofInput } from '../../../shared/funding.schema.ts';
import { COST_CATEGORIES, formatEuro, settleProof } from '../../../shared/funding.rules.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './funding.repository.ts';
import { nowIso } from '../../../shared/time.ts';
import { parseJson, stateError } from './funding.shared.ts';
import { getApplicationUnscoped, presentApplication, requireApplicationRow, requireWritableApplication } from './applications.service.ts';
import { grantActive } from './payments.service.ts';

/* The proof of use (Verwendungsnachweis): its submission and its check, which settles the grant. */

/** Submits (or, before its check, replaces) the proof of use: actual costs by category and the factual report. */
export async function submitProof(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: ProofInput): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  if (!grantActive(row.status))
    throw stateError({
      de: 'Ein Verwendungsnachweis gehört zu einem bewilligten Antrag.',
      en: 'A proof of use belongs to an approved application.',
    });
  const actual = Object.fromEntries(COST_CATEGORIES.map((c) => [c, input.actualCosts[c] ?? 0]));
  const total = Object.values(actual).reduce((a, b) => a + b, 0);
  const eligible = total - (actual.investment ?? 0);
  const existing = await repo.findProof(db, id);
  const at = nowIso();
  if (!existing) {
    if (input.version !== 0) throw conflict(null);
    const proofId = await repo.insertProof(db, {
      application_id: id,
      actual_json: JSON.stringify(actual),
      actual_total_cents: total,
      actual_eligible_cents: eligible,
      report: input.report,
      status: 'submitted',
      submitted_at: at,
      submitted_by: actor.userId,
    });
    await recordAudit(db, actor, {
      action: 'submit_proof',
      entityType: 'funding_proof',
      entityId: proofId,
      after: { applicationId: id, actual, report: input.report },
    });
  } else {
    if (existing.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
    const ok = await repo.updateProofVersioned(db, existing.id, input.version, {
      actual_json: JSON.stringify(actual),
      actual_total_cents: total,
      actual_eligible_cents: eligible,
      report: input.report,
      submitted_at: at,
      submitted_by: actor.userId,
    });
    if (!ok) throw conflict(await getApplicationUnscoped(db, id));
    await recordAudit(db, actor, {
      action: 'update_proof',
      entityType: 'funding_proof',
      entityId: existing.id,
      before: { actual: parseJson(existing.actual_json, {}), report: existing.report },
      after: { actual, report: input.report },
    });
  }
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/**
 * Checks the proof of use: the grant due is the approved share of the checked eligible costs
 * (rounded down, at most the approved amount); what was paid beyond it is demanded back. The
 * application is then closed, or has a repayment demand.
 */
export async function checkProof(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  input: { version: number; checkedEligibleCents: number; note: string },
): Promise<Application> {
  if (!(await repo.lockProgrammeOfApplication(db, id))) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  const row = await requireApplicationRow(db, id);
  const proof = await repo.findProof(db, id);
  if (!proof) throw stateError({ de: 'Es liegt kein Verwendungsnachweis vor.', en: 'No proof of use has been submitted.' }, 'no_proof');
  if (proof.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (proof.status !== 'submitted')
    throw stateError(
      { de: 'Der Verwendungsnachweis ist bereits geprüft.', en: 'The proof of use was already checked.' },
      'already_checked',
    );
  if (input.checkedEligibleCents > proof.actual_eligible_cents) {
    throw fieldError(
      'checkedEligibleCents',
      {
        de: `Anerkannt werden höchstens die nachgewiesenen förderfähigen Ausgaben (${formatEuro(proof.actual_eligible_cents)}).`,
        en: `At most the proven eligible costs can be accepted (${formatEuro(proof.actual_eligible_cents, 'en')}).`,
      },
      'too_big',
    );
  }
  const { entitledCents, repaymentCents } = settleProof({
    approvedCents: row.approved_cents ?? 0,
    plannedEligibleCents: row.eligible_cost_cents,
    checkedEligibleCents: input.checkedEligibleCents,
    paidCents: row.paid_cents,
  });
  const outcome = repaymentCents > 0 ? 'repayment_demanded' : 'closed';
  const ok = await repo.updateProofVersioned(db, proof.id, input.version, {
    status: outcome,
    checked_eligible_cents: input.checkedEligibleCents,
    entitled_cents: entitledCents,
    repayment_cents: repaymentCents,
    check_note: input.note,
    checked_at: nowIso(),
    checked_by: actor.userId,
  });
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const moved = await repo.updateApplicationVersioned(db, id, row.version, { status: outcome }, ['approved', 'partly_approved']);
  if (!moved) throw conflict(await getApplicationUnscoped(db, id));
  if (repaymentCents) await repo.addToApplicationSums(db, id, { repaymentCents });
  await recordAudit(db, actor, {
    action: 'check_proof',
    entityType: 'funding_proof',
    entityId: proof.id,
    before: { status: proof.status },
    after: { status: outcome, checkedEligibleCents: input.checkedEligibleCents, entitledCents, repaymentCents, note: input.note },
  });
  return getApplicationUnscoped(db, id);
}
