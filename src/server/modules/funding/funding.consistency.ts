import type { Contradiction } from '../../../shared/consistency.schema.ts';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../shared/funding.schema.ts';
import { PROJECT_STATUS_LABELS, type ProjectStatus } from '../../../shared/projects.schema.ts';
import { formatDate, berlinDateOf } from '../../../shared/time.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './funding.repository.ts';

/*
 * Funding's part of `praevis check` (decision 026): dates after today, payments before their
 * request, decisions to grant without a completed review, and projects whose stage contradicts
 * their funding (a grant for a project that is still an idea).
 */

/** Statuses of an application whose grant was decided. */
const GRANTED = ['approved', 'partly_approved', 'closed', 'repayment_demanded'];
/** A granted project is at least planned; a closed grant (proof of use checked) has a project that ran. */
const STAGE_OK: Record<string, readonly ProjectStatus[]> = {
  approved: ['planned', 'running', 'completed', 'evaluated'],
  partly_approved: ['planned', 'running', 'completed', 'evaluated'],
  repayment_demanded: ['planned', 'running', 'completed', 'evaluated'],
  closed: ['running', 'completed', 'evaluated'],
};

/** The contradictions in the funding records at `today`. */
export async function findFundingContradictions(db: DbOrTrx, today: string): Promise<Contradiction[]> {
  const out: Contradiction[] = [];
  for (const a of await repo.listApplicationsForCheck(db)) {
    const base = {
      module: 'funding',
      recordType: 'funding_application',
      recordId: String(a.id),
      ags: a.ags,
      link: `/funding/applications/${a.id}`,
    };
    const status = a.status as ApplicationStatus;
    for (const [field, at, label] of [
      ['submitted_at', a.submitted_at, { de: 'eingereicht', en: 'submitted' }],
      ['decided_at', a.decided_at, { de: 'entschieden', en: 'decided' }],
    ] as const) {
      if (!at) continue;
      const day = berlinDateOf(at);
      if (day <= today) continue;
      out.push({
        ...base,
        kind: 'date_in_future',
        date: day,
        de: `Antrag „${a.title}“ (Nr. ${a.id}) wurde laut ${field} am ${formatDate(day, 'de', 'long')} ${label.de}, nach heute.`,
        en: `Application "${a.title}" (no. ${a.id}) was ${label.en} on ${formatDate(day, 'en', 'long')} according to ${field}, after today.`,
      });
    }
    if (!GRANTED.includes(status)) continue;
    if (Number(a.reviews_done ?? 0) === 0)
      out.push({
        ...base,
        kind: 'approval_without_review',
        date: a.decided_at ? berlinDateOf(a.decided_at) : null,
        de: `Antrag „${a.title}“ (Nr. ${a.id}) ist ${APPLICATION_STATUS_LABELS[status].de.toLowerCase()}, aber keine Begutachtung ist abgeschlossen.`,
        en: `Application "${a.title}" (no. ${a.id}) is ${APPLICATION_STATUS_LABELS[status].en.toLowerCase()}, but no review was completed.`,
      });
    const project = a.project_status as ProjectStatus;
    if (!(STAGE_OK[status] ?? []).includes(project))
      out.push({
        kind: 'project_stage',
        module: 'funding',
        recordType: 'funding_project',
        recordId: String(a.project_id),
        ags: a.ags,
        date: null,
        link: `/projects/${a.project_id}`,
        de: `Projekt „${a.project_title}“ steht auf „${PROJECT_STATUS_LABELS[project].de}“, sein Antrag Nr. ${a.id} ist aber ${APPLICATION_STATUS_LABELS[status].de.toLowerCase()}.`,
        en: `Project "${a.project_title}" is at "${PROJECT_STATUS_LABELS[project].en}", but its application no. ${a.id} is ${APPLICATION_STATUS_LABELS[status].en.toLowerCase()}.`,
      });
  }
  for (const p of await repo.listPaymentsForCheck(db)) {
    const base = {
      module: 'funding',
      recordType: 'funding_payment',
      recordId: String(p.id),
      ags: p.ags,
      link: `/funding/applications/${p.application_id}`,
    };
    if (p.paid_on && p.paid_on < p.requested_on)
      out.push({
        ...base,
        kind: 'payment_before_request',
        date: p.paid_on,
        de: `Auszahlung Nr. ${p.id} zum Antrag „${p.title}“: ausgezahlt am ${formatDate(p.paid_on, 'de', 'long')}, angefordert erst am ${formatDate(p.requested_on, 'de', 'long')}.`,
        en: `Payment no. ${p.id} of application "${p.title}": paid on ${formatDate(p.paid_on, 'en', 'long')}, requested only on ${formatDate(p.requested_on, 'en', 'long')}.`,
      });
    for (const [day, label] of [
      [p.requested_on, { de: 'angefordert', en: 'requested' }],
      [p.paid_on, { de: 'ausgezahlt', en: 'paid' }],
    ] as const) {
      if (!day || day <= today) continue;
      out.push({
        ...base,
        kind: 'date_in_future',
        date: day,
        de: `Auszahlung Nr. ${p.id} zum Antrag „${p.title}“ ist auf den ${formatDate(day, 'de', 'long')} ${label.de} datiert, nach heute.`,
        en: `Payment no. ${p.id} of application "${p.title}" is ${label.en} on ${formatDate(day, 'en', 'long')}, after today.`,
      });
    }
  }
  return out;
}
