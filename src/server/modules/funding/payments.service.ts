import type { Application, PaymentRequestInput } from '../../../shared/funding.schema.ts';
import { formatEuro, type RuleViolation, violation } from '../../../shared/funding.rules.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './funding.repository.ts';
import { queuePaymentMade } from './funding.mail.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';
import { rulesRefused, stateError } from './funding.shared.ts';
import { requireProgrammeRow, rulesOf } from './programmes.service.ts';
import { getApplicationUnscoped, presentApplication, requireApplicationRow, requireWritableApplication } from './applications.service.ts';

/* Payments of a grant: requests (advance or reimbursement) within the grant, and their payment. */

/** Whether an application holds a grant that is still running (approved, before the proof of use is checked). */
export const grantActive = (status: string) => status === 'approved' || status === 'partly_approved';

/** A payment request: reimbursement of proven costs (the only kind below the threshold) or an advance. */
export async function requestPayment(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: PaymentRequestInput,
): Promise<Application> {
  if (!(await repo.lockProgrammeOfApplication(db, id))) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  const row = await requireWritableApplication(db, principal, id);
  if (!grantActive(row.status))
    throw stateError({
      de: 'Auszahlungen nur für bewilligte Anträge vor dem Verwendungsnachweis.',
      en: 'Payments only for approved applications before the proof of use.',
    });
  const rules = rulesOf(await requireProgrammeRow(db, row.programme_id));
  const approved = row.approved_cents ?? 0;
  const out: RuleViolation[] = [];
  if (input.requestedCents <= 0)
    out.push(
      violation('payments_within_grant', 'requestedCents', {
        de: 'Bitte einen Betrag über 0 anfordern.',
        en: 'Please request an amount above 0.',
      }),
    );
  if (approved < rules.reimbursementThresholdCents && input.kind !== 'reimbursement') {
    out.push(
      violation('payment_kind', 'kind', {
        de: `Zuwendungen unter ${formatEuro(rules.reimbursementThresholdCents)} werden nur als Erstattung nachgewiesener Ausgaben ausgezahlt.`,
        en: `Grants below ${formatEuro(rules.reimbursementThresholdCents, 'en')} are paid only as reimbursement of proven costs.`,
      }),
    );
  }
  if (input.kind === 'reimbursement' && (input.provenCostsCents === null || input.provenCostsCents < input.requestedCents)) {
    out.push(
      violation('reimbursement_proven_costs', 'provenCostsCents', {
        de: 'Eine Erstattung braucht nachgewiesene Ausgaben mindestens in Höhe der Anforderung.',
        en: 'A reimbursement needs proven costs at least as high as the request.',
      }),
    );
  }
  const payments = await repo.listPayments(db, id);
  const requestedSoFar = payments.reduce((a, p) => a + (p.status === 'paid' ? (p.paid_cents ?? 0) : p.requested_cents), 0);
  if (requestedSoFar + input.requestedCents > approved) {
    out.push(
      violation('payments_within_grant', 'requestedCents', {
        de: `Angefordert wären ${formatEuro(requestedSoFar + input.requestedCents)}, bewilligt sind ${formatEuro(approved)}.`,
        en: `Requests would total ${formatEuro(requestedSoFar + input.requestedCents, 'en')}, the grant is ${formatEuro(approved, 'en')}.`,
      }),
    );
  }
  if (out.length) throw rulesRefused(out);
  const at = nowIso();
  const paymentId = await repo.insertPayment(db, {
    application_id: id,
    kind: input.kind,
    status: 'requested',
    requested_cents: input.requestedCents,
    proven_costs_cents: input.provenCostsCents,
    requested_on: todayBerlin(),
    note: input.note,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  });
  await recordAudit(db, actor, {
    action: 'request_payment',
    entityType: 'funding_payment',
    entityId: paymentId,
    after: { applicationId: id, ...input },
  });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/** Records that a requested payment was paid (at most the requested amount). */
export async function markPaymentPaid(
  db: DbOrTrx,
  actor: Actor,
  paymentId: number,
  input: { version: number; paidCents: number; paidOn: string },
): Promise<Application> {
  const missing = notFound({ de: `Keine Auszahlung Nr. ${paymentId}.`, en: `No payment no. ${paymentId}.` });
  if (!(await repo.lockProgrammeOfPayment(db, paymentId))) throw missing;
  const payment = await repo.findPayment(db, paymentId);
  if (!payment) throw missing;
  if (payment.version !== input.version) throw conflict(await getApplicationUnscoped(db, payment.application_id));
  if (payment.status !== 'requested')
    throw stateError({ de: 'Diese Auszahlung ist bereits erfasst.', en: 'This payment is already recorded.' });
  if (input.paidCents > payment.requested_cents || input.paidCents <= 0) {
    throw rulesRefused([
      violation('paid_within_requested', 'paidCents', {
        de: `Ausgezahlt werden kann 0,01 € bis ${formatEuro(payment.requested_cents)}.`,
        en: `The amount paid must lie between €0.01 and ${formatEuro(payment.requested_cents, 'en')}.`,
      }),
    ]);
  }
  const ok = await repo.markPaymentPaid(db, paymentId, input.version, input.paidCents, input.paidOn);
  if (!ok) throw conflict(await getApplicationUnscoped(db, payment.application_id));
  await repo.addToApplicationSums(db, payment.application_id, { paidCents: input.paidCents });
  await recordAudit(db, actor, {
    action: 'pay',
    entityType: 'funding_payment',
    entityId: paymentId,
    before: { status: payment.status },
    after: { status: 'paid', paidCents: input.paidCents, paidOn: input.paidOn },
  });
  const after = await getApplicationUnscoped(db, payment.application_id);
  await queuePaymentMade(db, after, paymentId);
  return after;
}
