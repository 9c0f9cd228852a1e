import { formatEuro } from '../../../shared/funding.rules.ts';
import type { Application } from '../../../shared/funding.schema.ts';
import { formatDate } from '../../../shared/time.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { type MailAttachment, publicLink, queueMail } from '../mail/index.ts';
import * as repo from './funding.repository.ts';
import { requireProgrammeRow } from './programmes.service.ts';

/*
 * The messages to the applicant when an application changes state (issue 19), queued in the
 * transaction of the change: received (submitted), decided (approved or partly approved with the
 * grant notice attached, rejected with the notice of rejection attached) and each payment made.
 * The applicants are the active accounts that created or submitted the application; each gets
 * the message in its own language, unless it switched the category 'funding' off. The callers pass
 * the application as it is after the change (this file imports no service, so every service can use it).
 */

type Kind = 'received' | 'approved' | 'rejected' | 'paid';

async function queueToApplicants(
  db: DbOrTrx,
  a: Application,
  kind: Kind,
  key: string,
  data: (lang: 'de' | 'en') => Record<string, unknown>,
  attachments?: MailAttachment[],
): Promise<void> {
  const programme = await requireProgrammeRow(db, a.programmeId);
  for (const user of await repo.listApplicantUsers(db, a.id)) {
    const lang = user.locale === 'en' ? 'en' : 'de';
    await queueMail(db, {
      kind: `funding.${kind}`,
      category: 'funding',
      to: { email: user.email, userId: user.id, language: lang },
      template: `funding.${kind}`,
      data: {
        recipientName: user.display_name,
        applicationTitle: a.title,
        programmeName: programme.name,
        municipalityName: a.municipalityName,
        requestedText: formatEuro(a.financing.requestedCents, lang),
        applicationUrl: publicLink(`/funding/applications/${a.id}`),
        ...data(lang),
      },
      attachments,
      dedupeKey: `funding:${key}:${user.id}`,
    });
  }
}

/** Queues "application received" after a submission. */
export async function queueApplicationReceived(db: DbOrTrx, a: Application): Promise<void> {
  await queueToApplicants(db, a, 'received', `${a.id}:received:${a.submittedAt}`, (lang) => ({
    submittedText: formatDate(a.submittedAt, lang),
  }));
}

/** Queues the decision with its notice (the PDF of funding.pdf.ts) after an application was decided. */
export async function queueApplicationDecided(db: DbOrTrx, a: Application, notice: { fileName: string; body: Buffer }): Promise<void> {
  const d = a.decision;
  if (!d) return;
  const attachment: MailAttachment = { filename: notice.fileName, contentType: 'application/pdf', content: notice.body };
  const kind = d.outcome === 'rejected' ? 'rejected' : 'approved';
  await queueToApplicants(
    db,
    a,
    kind,
    `${a.id}:decided:${d.noticeNumber}`,
    (lang) => ({
      partly: d.outcome === 'partly_approved',
      approvedText: formatEuro(d.approvedCents, lang),
      noticeNumber: d.noticeNumber,
      reason: d.reason,
    }),
    [attachment],
  );
}

/** Queues "payment made" after a payment was recorded as paid. */
export async function queuePaymentMade(db: DbOrTrx, a: Application, paymentId: number): Promise<void> {
  const payment = await repo.findPayment(db, paymentId);
  if (!payment || payment.paid_cents === null) return;
  await queueToApplicants(db, a, 'paid', `${a.id}:paid:${payment.id}`, (lang) => ({
    paidText: formatEuro(payment.paid_cents!, lang),
    paidOnText: formatDate(payment.paid_on, lang),
    paidTotalText: formatEuro(a.paidCents, lang),
    approvedText: formatEuro(a.decision?.approvedCents ?? 0, lang),
  }));
}
