import {
  type Application,
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  type DecisionInput,
  type RecommendationInput,
  type ReviewInput,
} from '../../../shared/funding.schema.ts';
import { formatEuro, type RuleViolation, violation } from '../../../shared/funding.rules.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { allows } from '../../../shared/policies.ts';
import * as repo from './funding.repository.ts';
import { queueApplicationDecided } from './funding.mail.ts';
import { renderGrantNotice } from './funding.pdf.ts';
import { nowIso } from '../../../shared/time.ts';
import { rulesRefused, stateError } from './funding.shared.ts';
import { requireProgrammeRow, rulesOf } from './programmes.service.ts';
import { getApplicationUnscoped, requireApplicationRow } from './applications.service.ts';

/* Review and decision: reviewers, their scores, the recommendation and the decision under the programme's budget lock. */

/** A 409 for a commitment the budget or a quota cannot carry; `current` holds the figures. */
function fundsExhausted(v: RuleViolation, current: Record<string, unknown>): AppError {
  return new AppError('conflict', v.message, [{ field: v.field, code: v.rule, message: v.message }], current);
}

export async function listReviewers(db: DbOrTrx) {
  return (await repo.listReviewers(db)).map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

/** Assigns a reviewer (admin or LPR staff); the application goes into review. */
export async function assignReviewer(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  input: { version: number; userId: number },
): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  if (row.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (row.status !== 'submitted' && row.status !== 'in_review')
    throw stateError({ de: 'Gutachter nur für eingereichte Anträge.', en: 'Reviewers only for submitted applications.' });
  const user = await repo.findUserRole(db, input.userId);
  if (!user || user.active !== 1 || (user.role !== 'admin' && user.role !== 'lpr')) {
    throw fieldError(
      'userId',
      { de: 'Gutachter müssen aktive Mitarbeitende des Landespräventionsrates sein.', en: 'Reviewers must be active council staff.' },
      'not_staff',
    );
  }
  const reviews = await repo.listReviews(db, id);
  if (reviews.some((r) => r.reviewer_id === input.userId)) {
    const text = { de: 'Diese Person begutachtet den Antrag bereits.', en: 'This person already reviews the application.' };
    throw new AppError('duplicate', text, [{ field: 'userId', code: 'duplicate', message: text }]);
  }
  const ok = await repo.updateApplicationVersioned(db, id, input.version, { status: 'in_review' }, ['submitted', 'in_review']);
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const reviewId = await repo.insertReview(db, {
    application_id: id,
    reviewer_id: input.userId,
    assigned_by: actor.userId,
    assigned_at: nowIso(),
  });
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'assign_reviewer',
    entityType: 'funding_review',
    entityId: reviewId,
    after: { applicationId: id, reviewerId: input.userId },
  });
  return after;
}

/** Records a review's scores and comment: by the assigned reviewer, or an admin. */
export async function submitReview(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  reviewId: number,
  input: ReviewInput,
): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  const review = (await repo.listReviews(db, id)).find((r) => r.id === reviewId);
  if (!review)
    throw notFound({ de: `Kein Gutachten Nr. ${reviewId} zu diesem Antrag.`, en: `No review no. ${reviewId} of this application.` });
  if (review.reviewer_id !== principal.id && !allows('funding.reviewForOthers', principal.role)) {
    throw new AppError('forbidden-scope', {
      de: 'Nur die zugewiesene Person (oder ein Admin) kann dieses Gutachten abgeben.',
      en: 'Only the assigned reviewer (or an admin) can submit this review.',
    });
  }
  if (row.status !== 'in_review') throw stateError({ de: 'Der Antrag ist nicht in Prüfung.', en: 'The application is not in review.' });
  if (review.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  const ok = await repo.updateReviewVersioned(db, reviewId, input.version, {
    scores_json: JSON.stringify(input.scores),
    comment: input.comment,
    submitted_at: nowIso(),
  });
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  await recordAudit(db, actor, {
    action: 'review',
    entityType: 'funding_review',
    entityId: reviewId,
    before: { scores: review.scores_json, comment: review.comment },
    after: { scores: input.scores, comment: input.comment },
  });
  return getApplicationUnscoped(db, id);
}

/** The recommendation summary for the deciding board. */
export async function recommend(db: DbOrTrx, actor: Actor, id: number, input: RecommendationInput): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  if (row.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (row.status !== 'in_review') throw stateError({ de: 'Der Antrag ist nicht in Prüfung.', en: 'The application is not in review.' });
  const amount = input.recommendation === 'reject' ? 0 : input.recommendation === 'approve' ? row.requested_cents : input.amountCents;
  if (input.recommendation === 'approve_partly' && (amount === null || amount <= 0 || amount >= row.requested_cents)) {
    throw rulesRefused([
      violation('decision_amount', 'amountCents', {
        de: `Teilbewilligung: ein Betrag über 0 und unter ${formatEuro(row.requested_cents)}.`,
        en: `Partial approval: an amount above 0 and below ${formatEuro(row.requested_cents, 'en')}.`,
      }),
    ]);
  }
  const before = { recommendation: row.recommendation, amountCents: row.recommended_cents, summary: row.recommendation_summary };
  const ok = await repo.updateApplicationVersioned(
    db,
    id,
    input.version,
    { recommendation: input.recommendation, recommended_cents: amount, recommendation_summary: input.summary },
    ['in_review'],
  );
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  await recordAudit(db, actor, {
    action: 'recommend',
    entityType: 'funding_application',
    entityId: id,
    before,
    after: { recommendation: input.recommendation, amountCents: amount, summary: input.summary },
  });
  return getApplicationUnscoped(db, id);
}

/**
 * Decides an application: approved (the requested grant), partly approved (a smaller amount) or
 * rejected. The FIRST statement takes the programme's budget lock (repo.lockProgrammeOfApplication);
 * then the commitments of the programme and of the field's quota are summed and the new one must
 * fit, or the request gets 409 naming the budget or quota. Call it in a fresh transaction.
 */
export async function decideApplication(db: DbOrTrx, actor: Actor, id: number, input: DecisionInput): Promise<Application> {
  if (!(await repo.lockProgrammeOfApplication(db, id))) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  const row = await requireApplicationRow(db, id);
  if (row.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (row.status !== 'in_review') {
    throw stateError(
      row.decided_at
        ? {
            de: `Über den Antrag wurde bereits entschieden (${APPLICATION_STATUS_LABELS[row.status as ApplicationStatus].de}).`,
            en: `The application was already decided (${APPLICATION_STATUS_LABELS[row.status as ApplicationStatus].en}).`,
          }
        : {
            de: 'Entschieden wird erst nach der Begutachtung (Status „In Prüfung“).',
            en: 'A decision follows the review (status "in review").',
          },
      row.decided_at ? 'already_decided' : 'not_in_review',
    );
  }
  const programme = await requireProgrammeRow(db, row.programme_id);
  const rules = rulesOf(programme);
  let amount: number;
  if (input.outcome === 'rejected') amount = 0;
  else if (input.outcome === 'approved') amount = row.requested_cents;
  else {
    amount = input.amountCents ?? -1;
    if (amount <= 0 || amount >= row.requested_cents) {
      throw rulesRefused([
        violation('decision_amount', 'amountCents', {
          de: `Teilbewilligung: ein Betrag über 0 und unter dem beantragten (${formatEuro(row.requested_cents)}).`,
          en: `Partial approval: an amount above 0 and below the requested one (${formatEuro(row.requested_cents, 'en')}).`,
        }),
      ]);
    }
  }
  if (amount > 0 && amount < rules.minGrantCents && !input.smallGrantException?.trim()) {
    throw rulesRefused([
      violation('min_grant', 'smallGrantException', {
        de: `${formatEuro(amount)} liegen unter der Mindestzuwendung von ${formatEuro(rules.minGrantCents)}: nur mit begründeter Ausnahme.`,
        en: `${formatEuro(amount, 'en')} are below the minimum grant of ${formatEuro(rules.minGrantCents, 'en')}: only with a justified exception.`,
      }),
    ]);
  }
  if (amount > 0) {
    const committed = await repo.sumCommitments(db, programme.id);
    const free = rules.budgetCents - committed.total;
    if (amount > free) {
      throw fundsExhausted(
        violation('programme_budget', 'amountCents', {
          de: `${formatEuro(amount)} übersteigen die freien Mittel des Programms ${programme.year} (${formatEuro(Math.max(0, free))} von ${formatEuro(rules.budgetCents)}).`,
          en: `${formatEuro(amount, 'en')} exceed the free funds of the ${programme.year} programme (${formatEuro(Math.max(0, free), 'en')} of ${formatEuro(rules.budgetCents, 'en')}).`,
        }),
        { budgetCents: rules.budgetCents, committedCents: committed.total, freeCents: free, amountCents: amount },
      );
    }
    const quota = rules.quotas.find((q) => q.fieldId === row.field_id);
    if (quota) {
      const used = committed.byField.get(row.field_id) ?? 0;
      if (used + amount > quota.quotaCents) {
        throw fundsExhausted(
          violation('field_quota', 'amountCents', {
            de: `${formatEuro(amount)} übersteigen das freie Kontingent „${row.field_name}“ (${formatEuro(Math.max(0, quota.quotaCents - used))} von ${formatEuro(quota.quotaCents)}).`,
            en: `${formatEuro(amount, 'en')} exceed the free quota "${row.field_name_en}" (${formatEuro(Math.max(0, quota.quotaCents - used), 'en')} of ${formatEuro(quota.quotaCents, 'en')}).`,
          }),
          { quotaCents: quota.quotaCents, committedCents: used, freeCents: quota.quotaCents - used, amountCents: amount },
        );
      }
    }
  }
  const before = await getApplicationUnscoped(db, id);
  const noticeNumber = `ZB-${programme.year}-${String((await repo.countNoticesOfYear(db, programme.year)) + 1).padStart(4, '0')}`;
  const ok = await repo.updateApplicationVersioned(
    db,
    id,
    input.version,
    {
      status: input.outcome,
      approved_cents: amount,
      decision_reason: input.reason,
      small_grant_exception: input.smallGrantException?.trim() || null,
      decided_at: nowIso(),
      decided_by: actor.userId,
      notice_number: noticeNumber,
    },
    ['in_review'],
  );
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'decide',
    entityType: 'funding_application',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status, decision: after.decision },
  });
  await queueApplicationDecided(db, after, await renderGrantNotice(db, id));
  return after;
}
