import {
  type Application,
  type ApplicationListQuery,
  type ApplicationStatus,
  type CreateApplicationInput,
  REVIEW_CRITERIA,
  type ReviewCriterion,
  type SubmitApplicationInput,
  type UpdateApplicationInput,
} from '../../../shared/funding.schema.ts';
import {
  checkPlan,
  type CostItem,
  insideWindow,
  itemEligible,
  planTotals,
  type ProgrammeRules,
  type RuleViolation,
  violation,
} from '../../../shared/funding.rules.ts';
import { queueApplicationReceived } from './funding.mail.ts';
import { missingForApplication, BECCARIA_STEP_LABELS } from '../../../shared/projects.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { listTimeline } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { allows } from '../../../shared/policies.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './funding.repository.ts';
import { parseSteps, requireVisibleProject } from './projects.service.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';
import { parseJson, rulesRefused, stateError } from './funding.shared.ts';
import { requireProgrammeRow, rulesOf } from './programmes.service.ts';

/* Applications: how they are presented, the rules checked beyond the plan, creating, changing and submitting a draft. */

// ---- applications: presenting ----

const toCostItem = (
  r: Awaited<ReturnType<typeof repo.listCostItems>>[number],
): CostItem & { id: number; position: number; eligible: boolean } => ({
  id: r.id,
  position: r.position,
  category: r.category as CostItem['category'],
  description: r.description,
  amountCents: r.amount_cents,
  payGrade: r.pay_grade as CostItem['payGrade'],
  months: r.months,
  eligible: r.eligible === 1,
});

const person = (id: number | null, name: string | null | undefined) => (id === null ? null : { id, name: name ?? `#${id}` });

/** The violations a draft has now: its plan against the rules, the Beccaria description, the consultation, the window. */
async function draftViolations(db: DbOrTrx, row: repo.ApplicationRow, rules: ProgrammeRules, items: CostItem[]): Promise<RuleViolation[]> {
  const plan = { costItems: items, financing: financingOf(row), smallGrantJustification: row.small_grant_justification };
  return [
    ...checkPlan(plan, rules),
    ...beccariaViolations(parseSteps(row.steps_json)),
    ...(await consultationViolations(db, row.ags)),
    ...(insideWindow(todayBerlin(), rules) ? [] : [windowViolation(rules)]),
  ];
}

const financingOf = (row: { own_cents: number; own_in_kind_cents: number; third_party_cents: number; requested_cents: number }) => ({
  ownCents: row.own_cents,
  ownInKindCents: row.own_in_kind_cents,
  thirdPartyCents: row.third_party_cents,
  requestedCents: row.requested_cents,
});

/** The API shape of an application; `principal` null shows it as council staff see it. */
export async function presentApplication(db: DbOrTrx, row: repo.ApplicationRow, principal: Principal | null): Promise<Application> {
  const programme = await requireProgrammeRow(db, row.programme_id);
  const rules = rulesOf(programme);
  const [itemRows, reviewRows, payments, proof, documents] = await Promise.all([
    repo.listCostItems(db, row.id),
    repo.listReviews(db, row.id),
    repo.listPayments(db, row.id),
    repo.findProof(db, row.id),
    listDocumentsOfOwners(db, 'funding_application', [row.id]),
  ]);
  const items = itemRows.map(toCostItem);
  const staffView = principal === null || allows('funding.staff', principal.role);
  const reviews = reviewRows.map((r) => ({
    id: r.id,
    reviewer: person(r.reviewer_id, r.reviewer_name),
    status: r.status as 'assigned' | 'submitted',
    scores: r.scores_json ? parseJson<Record<ReviewCriterion, number> | null>(r.scores_json, null) : null,
    comment: r.comment,
    assignedAt: r.assigned_at,
    submittedAt: r.submitted_at,
    version: r.version,
  }));
  const submitted = reviews.filter((r) => r.status === 'submitted' && r.scores);
  const averageScores = submitted.length
    ? Object.fromEntries(
        REVIEW_CRITERIA.map((c) => [c, Math.round((submitted.reduce((a, r) => a + r.scores![c], 0) / submitted.length) * 10) / 10]),
      )
    : null;
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeYear: row.programme_year,
    projectId: row.project_id,
    projectTitle: row.project_title,
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtAgs: row.district_ags,
    districtName: row.district_name,
    field: { id: row.field_id, code: row.field_code, name: row.field_name, nameEn: row.field_name_en },
    title: row.title,
    status: row.status as ApplicationStatus,
    costItems: items,
    totals: planTotals(items),
    financing: financingOf(row),
    smallGrantJustification: row.small_grant_justification,
    violations: row.status === 'draft' ? await draftViolations(db, row, rules, items) : [],
    beccaria: parseSteps(row.steps_json),
    submittedAt: row.submitted_at,
    submittedBy: person(row.submitted_by, row.submitter_name),
    windowOverrideReason: row.window_override_reason,
    reviews: staffView ? reviews : [],
    averageScores: staffView ? averageScores : null,
    recommendation:
      staffView && row.recommendation
        ? { recommendation: row.recommendation as 'approve', amountCents: row.recommended_cents, summary: row.recommendation_summary ?? '' }
        : null,
    decision:
      row.decided_at && row.notice_number
        ? {
            outcome: outcomeOf(row),
            approvedCents: row.approved_cents ?? 0,
            reason: row.decision_reason ?? '',
            smallGrantException: row.small_grant_exception,
            decidedAt: row.decided_at,
            decidedBy: person(row.decided_by, row.decider_name),
            noticeNumber: row.notice_number,
          }
        : null,
    payments: payments.map((p) => ({
      id: p.id,
      applicationId: p.application_id,
      kind: p.kind as 'advance',
      status: p.status as 'paid',
      requestedCents: p.requested_cents,
      provenCostsCents: p.proven_costs_cents,
      requestedOn: p.requested_on,
      note: p.note,
      paidCents: p.paid_cents,
      paidOn: p.paid_on,
      version: p.version,
    })),
    proof: proof
      ? {
          id: proof.id,
          actualCosts: parseJson(proof.actual_json, {}),
          actualTotalCents: proof.actual_total_cents,
          actualEligibleCents: proof.actual_eligible_cents,
          report: proof.report,
          status: proof.status as 'submitted',
          submittedAt: proof.submitted_at,
          checkedEligibleCents: proof.checked_eligible_cents,
          entitledCents: proof.entitled_cents,
          repaymentCents: proof.repayment_cents,
          checkNote: proof.check_note,
          checkedAt: proof.checked_at,
          version: proof.version,
        }
      : null,
    documents,
    paidCents: row.paid_cents,
    repaymentCents: row.repayment_cents,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Outcome of a decided application, from its stored amounts. */
export function outcomeOf(row: { approved_cents: number | null; requested_cents: number }): 'approved' | 'partly_approved' | 'rejected' {
  return !row.approved_cents ? 'rejected' : row.approved_cents >= row.requested_cents ? 'approved' : 'partly_approved';
}

/** The application row, or 404. */
export async function requireApplicationRow(db: DbOrTrx, id: number): Promise<repo.ApplicationRow> {
  const row = await repo.findApplicationRow(db, id);
  if (!row) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  return row;
}

/** The application row, if the principal may see it (coordinator: own communes). */
async function requireVisibleApplication(db: DbOrTrx, principal: Principal, id: number): Promise<repo.ApplicationRow> {
  const row = await requireApplicationRow(db, id);
  await requireAccess(db, principal, 'funding.applications', row.ags);
  return row;
}

/** The application row, if the principal may change it. */
export async function requireWritableApplication(db: DbOrTrx, principal: Principal, id: number): Promise<repo.ApplicationRow> {
  const row = await requireVisibleApplication(db, principal, id);
  await requireAccess(db, principal, 'funding.applications', row.ags);
  return row;
}

export async function getApplication(db: DbOrTrx, principal: Principal, id: number): Promise<Application> {
  return presentApplication(db, await requireVisibleApplication(db, principal, id), principal);
}

/** The application as council staff see it (for audit entries and the notice). */
export async function getApplicationUnscoped(db: DbOrTrx, id: number): Promise<Application> {
  return presentApplication(db, await requireApplicationRow(db, id), null);
}

export async function listApplications(db: DbOrTrx, principal: Principal, q: ApplicationListQuery) {
  const { rows, total } = await repo.listApplicationRows(db, principal, q, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      programmeYear: r.programme_year,
      projectId: r.project_id,
      title: r.title,
      ags: r.ags,
      municipalityName: r.municipality_name,
      fieldId: r.field_id,
      status: r.status as ApplicationStatus,
      requestedCents: r.requested_cents,
      approvedCents: r.approved_cents,
      paidCents: r.paid_cents,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---- applications: rules beyond the plan ----

function beccariaViolations(steps: ReturnType<typeof parseSteps>): RuleViolation[] {
  const missing = missingForApplication(steps);
  if (!missing.length) return [];
  return [
    violation('beccaria_description', 'projectId', {
      de: `Die Projektbeschreibung ist in diesen Schritten unvollständig: ${missing.map((s) => BECCARIA_STEP_LABELS[s].de).join('; ')}.`,
      en: `The project description is incomplete in these steps: ${missing.map((s) => BECCARIA_STEP_LABELS[s].en).join('; ')}.`,
    }),
  ];
}

/** The municipality must have been advised (an active consultation event) on or before today. */
async function consultationViolations(db: DbOrTrx, ags: string): Promise<RuleViolation[]> {
  const day = todayBerlin();
  const advised = (await listTimeline(db, ags)).some((e) => e.type === 'consultation' && e.date <= day);
  return advised
    ? []
    : [
        violation('prior_consultation', 'projectId', {
          de: 'Für die Kommune ist keine Beratung durch den Landespräventionsrat erfasst; ohne sie ist kein Antrag möglich.',
          en: 'No consultation of the municipality by the state prevention council is recorded; without it no application is possible.',
        }),
      ];
}

function windowViolation(rules: ProgrammeRules): RuleViolation {
  return violation('application_window', 'submittedAt', {
    de: `Anträge nur vom ${rules.windowOpens} bis ${rules.windowCloses}; heute ist ${todayBerlin()}.`,
    en: `Applications only from ${rules.windowOpens} to ${rules.windowCloses}; today is ${todayBerlin()}.`,
  });
}

function itemColumns(items: CreateApplicationInput['costItems']) {
  return items.map((i) => ({
    category: i.category,
    description: i.description,
    amount_cents: i.amountCents,
    pay_grade: i.category === 'staff' ? i.payGrade : null,
    months: i.category === 'staff' ? i.months : null,
    eligible: itemEligible(i) ? 1 : 0,
  }));
}

/** Checks an application's content; throws 422 with every violated rule. */
async function assertApplicationContent(
  db: DbOrTrx,
  rules: ProgrammeRules,
  project: repo.ProjectRow,
  fieldId: number,
  plan: { costItems: CostItem[]; financing: CreateApplicationInput['financing']; smallGrantJustification: string | null },
): Promise<void> {
  const fields = await repo.listProjectFields(db, [project.id]);
  const out: RuleViolation[] = [];
  if (!fields.some((f) => f.id === fieldId)) {
    out.push(
      violation('field_of_action', 'fieldId', {
        de: 'Das Handlungsfeld des Antrags muss eines der Handlungsfelder des Projekts sein.',
        en: "The application's field of action must be one of the project's fields of action.",
      }),
    );
  }
  out.push(...(await consultationViolations(db, project.ags)));
  out.push(...checkPlan(plan, rules));
  if (out.length) throw rulesRefused(out);
}

/** Creates a draft application for a project, after checking every rule of its content. */
export async function createApplication(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  input: CreateApplicationInput,
): Promise<Application> {
  const programme = await repo.findProgrammeRow(db, input.programmeId);
  if (!programme)
    throw fieldError(
      'programmeId',
      { de: `Kein Förderprogramm Nr. ${input.programmeId}.`, en: `No funding programme no. ${input.programmeId}.` },
      'unknown',
    );
  const project = await requireVisibleProject(db, principal, input.projectId);
  await requireAccess(db, principal, 'funding.applications', project.ags);
  const existing = await repo.listApplicationRefsOfProject(db, project.id);
  if (existing.some((a) => a.year === programme.year && a.status !== 'rejected')) {
    const text = {
      de: `Für dieses Projekt gibt es im Programm ${programme.year} bereits einen Antrag.`,
      en: `This project already has an application in the ${programme.year} programme.`,
    };
    throw new AppError('duplicate', text, [{ field: 'projectId', code: 'duplicate', message: text }]);
  }
  await assertApplicationContent(db, rulesOf(programme), project, input.fieldId, input);
  const t = planTotals(input.costItems);
  const at = nowIso();
  const id = await repo.insertApplication(db, {
    programme_id: programme.id,
    project_id: project.id,
    ags: project.ags,
    field_id: input.fieldId,
    title: input.title?.trim() || project.title,
    status: 'draft',
    total_cost_cents: t.totalCents,
    eligible_cost_cents: t.eligibleCents,
    own_cents: input.financing.ownCents,
    own_in_kind_cents: input.financing.ownInKindCents,
    third_party_cents: input.financing.thirdPartyCents,
    requested_cents: input.financing.requestedCents,
    small_grant_justification: input.smallGrantJustification,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  });
  await repo.replaceCostItems(db, id, itemColumns(input.costItems));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'funding_application', entityId: id, after });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/** Changes a draft: field of action, title, cost plan, financing plan or the small-grant justification. */
export async function updateApplication(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: UpdateApplicationInput,
): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  const before = await getApplicationUnscoped(db, id);
  if (row.version !== input.version) throw conflict(before);
  if (row.status !== 'draft')
    throw stateError({ de: 'Nur ein Entwurf kann geändert werden.', en: 'Only a draft can be changed.' }, 'not_draft');
  const programme = await requireProgrammeRow(db, row.programme_id);
  const project = (await repo.findProjectRow(db, row.project_id))!;
  const costItems = input.costItems ?? before.costItems;
  const financing = input.financing ?? before.financing;
  const fieldId = input.fieldId ?? row.field_id;
  const smallGrantJustification =
    input.smallGrantJustification !== undefined ? input.smallGrantJustification : row.small_grant_justification;
  await assertApplicationContent(db, rulesOf(programme), project, fieldId, { costItems, financing, smallGrantJustification });
  const t = planTotals(costItems);
  const ok = await repo.updateApplicationVersioned(
    db,
    id,
    input.version,
    {
      field_id: fieldId,
      title: input.title?.trim() || row.title,
      total_cost_cents: t.totalCents,
      eligible_cost_cents: t.eligibleCents,
      own_cents: financing.ownCents,
      own_in_kind_cents: financing.ownInKindCents,
      third_party_cents: financing.thirdPartyCents,
      requested_cents: financing.requestedCents,
      small_grant_justification: smallGrantJustification,
    },
    ['draft'],
  );
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  if (input.costItems) await repo.replaceCostItems(db, id, itemColumns(input.costItems));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'funding_application', entityId: id, before, after });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/**
 * Submits a draft. Refused (422, naming each rule) when the Beccaria description is incomplete,
 * the municipality was not advised, the plan breaks a rule, or today lies outside the window –
 * unless council staff submit with a reason for the exception.
 */
export async function submitApplication(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: SubmitApplicationInput,
): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  const before = await getApplicationUnscoped(db, id);
  if (row.version !== input.version) throw conflict(before);
  if (row.status !== 'draft')
    throw stateError({ de: 'Nur ein Entwurf kann eingereicht werden.', en: 'Only a draft can be submitted.' }, 'not_draft');
  if (input.windowOverrideReason && !allows('funding.staff', principal.role)) {
    throw new AppError('forbidden-role', {
      de: 'Nur die Koordinierungsstelle des Landespräventionsrates kann außerhalb der Frist einreichen.',
      en: 'Only council staff can submit outside the window.',
    });
  }
  const rules = rulesOf(await requireProgrammeRow(db, row.programme_id));
  const items = (await repo.listCostItems(db, id)).map(toCostItem);
  const violations = (await draftViolations(db, row, rules, items)).filter(
    (v) => !(v.rule === 'application_window' && input.windowOverrideReason),
  );
  if (violations.length) throw rulesRefused(violations);
  // The requested sums of the budget overview change: its cache key moves on.
  await repo.lockProgramme(db, row.programme_id);
  const ok = await repo.updateApplicationVersioned(
    db,
    id,
    input.version,
    {
      status: 'submitted',
      submitted_at: nowIso(),
      submitted_by: actor.userId,
      window_override_reason: insideWindow(todayBerlin(), rules) ? null : input.windowOverrideReason,
    },
    ['draft'],
  );
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'submit',
    entityType: 'funding_application',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status, windowOverrideReason: after.windowOverrideReason },
  });
  await queueApplicationReceived(db, after);
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}
