import type {
  Application, ApplicationListQuery, CreateApplicationInput, CreateProgrammeInput, DecisionInput, PaymentRequestInput, Programme, ProgrammeVersion,
  ProofInput, RecommendationInput, ReviewInput, SubmitApplicationInput, UpdateApplicationInput, UpdateProgrammeInput,
} from '../../../shared/funding.schema.ts';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus, REVIEW_CRITERIA, type ReviewCriterion } from '../../../shared/funding.schema.ts';
import {
  checkPlan, COST_CATEGORIES, type CostItem, defaultRules, formatEuro, insideWindow, itemEligible, planTotals, type ProgrammeRules, type RuleViolation,
  settleProof, violation,
} from '../../../shared/funding.rules.ts';
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
import { isUniqueViolation } from '../../db/errors.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

/*
 * The funding programme: rules as data with versions, applications checked against them, review,
 * decision under the budget lock, payments and proof of use. Every rule that refuses a request
 * names itself in the message (funding.rules.ts). Decision 012 explains money and concurrency.
 */

type Text = { de: string; en: string };

/** A 422 carrying every violated rule as a field error whose code is the rule. */
export function rulesRefused(violations: RuleViolation[]): AppError {
  const detail = violations.length === 1
    ? violations[0]!.message
    : { de: `${violations.length} Regeln sind verletzt: ${violations.map((v) => v.message.de).join(' ')}`, en: `${violations.length} rules are broken: ${violations.map((v) => v.message.en).join(' ')}` };
  return new AppError('rule-violation', detail, violations.map((v) => ({ field: v.field, code: v.rule, message: v.message })));
}

/** A 409 for a commitment the budget or a quota cannot carry; `current` holds the figures. */
function fundsExhausted(v: RuleViolation, current: Record<string, unknown>): AppError {
  return new AppError('conflict', v.message, [{ field: v.field, code: v.rule, message: v.message }], current);
}

const stateError = (text: Text, code = 'status') => new AppError('rule-violation', text, [{ field: 'status', code, message: text }]);

// ---- programmes ----

const parseJson = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

/** The rules of a programme row. */
export function rulesOf(row: repo.ProgrammeRow): ProgrammeRules {
  const d = defaultRules(row.year, row.budget_cents);
  return {
    budgetCents: row.budget_cents, windowOpens: row.window_opens, windowCloses: row.window_closes, maxFundingShareBp: row.max_share_bp,
    minOwnShareBp: row.min_own_share_bp, minGrantCents: row.min_grant_cents, reimbursementThresholdCents: row.reimbursement_threshold_cents,
    staffCaps: { ...d.staffCaps, ...parseJson(row.staff_caps_json, {}) }, quotas: parseJson(row.quotas_json, []),
  };
}

function presentProgramme(row: repo.ProgrammeRow, committedCents: number): Programme {
  const rules = rulesOf(row);
  return {
    id: row.id, year: row.year, name: row.name, ...rules, publicList: row.public_list === 1, committedCents,
    windowOpenToday: insideWindow(todayBerlin(), rules), version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

async function requireProgrammeRow(db: DbOrTrx, id: number): Promise<repo.ProgrammeRow> {
  const row = await repo.findProgrammeRow(db, id);
  if (!row) throw notFound({ de: `Kein Förderprogramm Nr. ${id}.`, en: `No funding programme no. ${id}.` });
  return row;
}

export async function listProgrammes(db: DbOrTrx): Promise<Programme[]> {
  const rows = await repo.listProgrammeRows(db);
  return Promise.all(rows.map(async (r) => presentProgramme(r, (await repo.sumCommitments(db, r.id)).total)));
}

export async function getProgramme(db: DbOrTrx, id: number): Promise<Programme> {
  const row = await requireProgrammeRow(db, id);
  return presentProgramme(row, (await repo.sumCommitments(db, id)).total);
}

/** Refuses rules that contradict themselves or the commitments already made. */
async function assertRules(db: DbOrTrx, rules: ProgrammeRules, committed: { total: number; byField: Map<number, number> }): Promise<void> {
  if (rules.windowCloses < rules.windowOpens) throw fieldError('windowCloses', { de: 'Die Antragsfrist endet vor ihrem Beginn.', en: 'The application window closes before it opens.' }, 'range');
  const ids = rules.quotas.map((q) => q.fieldId);
  if (new Set(ids).size !== ids.length) throw fieldError('quotas', { de: 'Jedes Handlungsfeld höchstens ein Kontingent.', en: 'At most one quota per field of action.' }, 'duplicate');
  const found = await repo.findFieldsOfAction(db, ids);
  const unknown = ids.filter((id) => !found.some((f) => f.id === id));
  if (unknown.length) throw fieldError('quotas', { de: `Unbekanntes Handlungsfeld: ${unknown.join(', ')}.`, en: `Unknown field of action: ${unknown.join(', ')}.` }, 'unknown');
  const sum = rules.quotas.reduce((a, q) => a + q.quotaCents, 0);
  if (sum > rules.budgetCents) {
    throw fieldError('quotas', { de: `Die Kontingente (${formatEuro(sum)}) übersteigen das Budget (${formatEuro(rules.budgetCents)}).`, en: `The quotas (${formatEuro(sum, 'en')}) exceed the budget (${formatEuro(rules.budgetCents, 'en')}).` }, 'quotas_exceed_budget');
  }
  if (rules.budgetCents < committed.total) {
    throw fieldError('budgetCents', { de: `Bereits ${formatEuro(committed.total)} bewilligt: Das Budget kann nicht darunter sinken.`, en: `${formatEuro(committed.total, 'en')} already committed: the budget cannot fall below.` }, 'below_commitments');
  }
  for (const q of rules.quotas) {
    const c = committed.byField.get(q.fieldId) ?? 0;
    if (q.quotaCents < c) {
      throw fieldError('quotas', { de: `Im Handlungsfeld ${q.fieldId} sind bereits ${formatEuro(c)} bewilligt.`, en: `${formatEuro(c, 'en')} are already committed in field ${q.fieldId}.` }, 'below_commitments');
    }
  }
}

const versionRow = (programmeId: number, version: number, name: string, rules: ProgrammeRules, reason: string, actor: Actor) => ({
  programme_id: programmeId, version, rules_json: JSON.stringify({ name, ...rules }), reason, changed_by: actor.userId, changed_by_label: actor.label,
  changed_at: nowIso(),
});

/** Opens the programme of a year, with the default rules for whatever the input leaves out. */
export async function createProgramme(db: DbOrTrx, actor: Actor, input: CreateProgrammeInput): Promise<Programme> {
  const d = defaultRules(input.year, input.budgetCents);
  const rules: ProgrammeRules = {
    budgetCents: input.budgetCents, windowOpens: input.windowOpens ?? d.windowOpens, windowCloses: input.windowCloses ?? d.windowCloses,
    maxFundingShareBp: input.maxFundingShareBp ?? d.maxFundingShareBp, minOwnShareBp: input.minOwnShareBp ?? d.minOwnShareBp,
    minGrantCents: input.minGrantCents ?? d.minGrantCents, reimbursementThresholdCents: input.reimbursementThresholdCents ?? d.reimbursementThresholdCents,
    staffCaps: input.staffCaps ?? d.staffCaps, quotas: input.quotas ?? [],
  };
  await assertRules(db, rules, { total: 0, byField: new Map() });
  if (await repo.findProgrammeByYear(db, input.year)) throw duplicateYear(input.year);
  const name = input.name ?? `Förderprogramm Kommunale Kriminalprävention ${input.year}`;
  const at = nowIso();
  let id: number;
  try {
    id = await repo.insertProgramme(db, { year: input.year, name, ...ruleColumns(rules), public_list: 0, created_at: at, updated_at: at });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateYear(input.year);
    throw err;
  }
  await repo.insertProgrammeVersion(db, versionRow(id, 1, name, rules, 'Angelegt / created', actor));
  const after = await getProgramme(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'funding_programme', entityId: id, after });
  return after;
}

function duplicateYear(year: number): AppError {
  const text = { de: `Für ${year} gibt es bereits ein Förderprogramm.`, en: `There already is a funding programme for ${year}.` };
  return new AppError('duplicate', text, [{ field: 'year', code: 'duplicate', message: text }]);
}

function ruleColumns(r: ProgrammeRules) {
  return {
    budget_cents: r.budgetCents, window_opens: r.windowOpens, window_closes: r.windowCloses, max_share_bp: r.maxFundingShareBp,
    min_own_share_bp: r.minOwnShareBp, min_grant_cents: r.minGrantCents, reimbursement_threshold_cents: r.reimbursementThresholdCents,
    staff_caps_json: JSON.stringify(r.staffCaps), quotas_json: JSON.stringify(r.quotas),
  };
}

/**
 * Changes a programme's rules as a new version (with its reason). Runs under the budget lock, so a
 * budget cut and a concurrent approval cannot both pass their checks.
 */
export async function updateProgramme(db: DbOrTrx, actor: Actor, id: number, input: UpdateProgrammeInput): Promise<Programme> {
  if (!(await repo.lockProgramme(db, id))) throw notFound({ de: `Kein Förderprogramm Nr. ${id}.`, en: `No funding programme no. ${id}.` });
  const row = await requireProgrammeRow(db, id);
  const committed = await repo.sumCommitments(db, id);
  const before = presentProgramme(row, committed.total);
  if (row.version !== input.version) throw conflict(before);
  const current = rulesOf(row);
  const { version: _v, reason, name, ...changes } = input;
  const rules: ProgrammeRules = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  await assertRules(db, rules, committed);
  const nextName = name ?? row.name;
  const ok = await repo.updateProgrammeVersioned(db, id, input.version, { name: nextName, ...ruleColumns(rules), updated_at: nowIso() });
  if (!ok) throw conflict(before);
  await repo.insertProgrammeVersion(db, versionRow(id, input.version + 1, nextName, rules, reason, actor));
  const after = await getProgramme(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'funding_programme', entityId: id, before, after: { ...after, reason } });
  return after;
}

/** Publishes (or withdraws) the list of funded projects of a programme. */
export async function setPublication(db: DbOrTrx, actor: Actor, id: number, input: { version: number; publicList: boolean }): Promise<Programme> {
  const before = await getProgramme(db, id);
  if (before.version !== input.version) throw conflict(before);
  const ok = await repo.updateProgrammeVersioned(db, id, input.version, { public_list: input.publicList ? 1 : 0, updated_at: nowIso() });
  if (!ok) throw conflict(await getProgramme(db, id));
  const after = await getProgramme(db, id);
  await recordAudit(db, actor, { action: input.publicList ? 'publish' : 'unpublish', entityType: 'funding_programme', entityId: id, before: { publicList: before.publicList }, after: { publicList: after.publicList } });
  return after;
}

export async function listProgrammeVersions(db: DbOrTrx, id: number): Promise<ProgrammeVersion[]> {
  await requireProgrammeRow(db, id);
  const rows = await repo.listProgrammeVersions(db, id);
  return rows.map((r) => {
    const { name, ...rules } = parseJson<ProgrammeRules & { name: string }>(r.rules_json, {} as ProgrammeRules & { name: string });
    return {
      version: r.version, name: name ?? '', rules, reason: r.reason, changedAt: r.changed_at,
      changedBy: r.changed_by === null ? { id: 0, name: r.changed_by_label } : { id: r.changed_by, name: r.changer_name ?? r.changed_by_label },
    };
  });
}

// ---- applications: presenting ----

const toCostItem = (r: Awaited<ReturnType<typeof repo.listCostItems>>[number]): CostItem & { id: number; position: number; eligible: boolean } => ({
  id: r.id, position: r.position, category: r.category as CostItem['category'], description: r.description, amountCents: r.amount_cents,
  payGrade: r.pay_grade as CostItem['payGrade'], months: r.months, eligible: r.eligible === 1,
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
  ownCents: row.own_cents, ownInKindCents: row.own_in_kind_cents, thirdPartyCents: row.third_party_cents, requestedCents: row.requested_cents,
});

async function presentApplication(db: DbOrTrx, row: repo.ApplicationRow, principal: Principal | null): Promise<Application> {
  const programme = await requireProgrammeRow(db, row.programme_id);
  const rules = rulesOf(programme);
  const [itemRows, reviewRows, payments, proof, documents] = await Promise.all([
    repo.listCostItems(db, row.id), repo.listReviews(db, row.id), repo.listPayments(db, row.id), repo.findProof(db, row.id),
    listDocumentsOfOwners(db, 'funding_application', [row.id]),
  ]);
  const items = itemRows.map(toCostItem);
  const staffView = principal === null || allows('funding.staff', principal.role);
  const reviews = reviewRows.map((r) => ({
    id: r.id, reviewer: person(r.reviewer_id, r.reviewer_name), status: r.status as 'assigned' | 'submitted',
    scores: r.scores_json ? parseJson<Record<ReviewCriterion, number> | null>(r.scores_json, null) : null, comment: r.comment, assignedAt: r.assigned_at, submittedAt: r.submitted_at, version: r.version,
  }));
  const submitted = reviews.filter((r) => r.status === 'submitted' && r.scores);
  const averageScores = submitted.length
    ? Object.fromEntries(REVIEW_CRITERIA.map((c) => [c, Math.round((submitted.reduce((a, r) => a + r.scores![c], 0) / submitted.length) * 10) / 10]))
    : null;
  return {
    id: row.id, programmeId: row.programme_id, programmeYear: row.programme_year, projectId: row.project_id, projectTitle: row.project_title,
    ags: row.ags, municipalityName: row.municipality_name, districtAgs: row.district_ags, districtName: row.district_name,
    field: { id: row.field_id, code: row.field_code, name: row.field_name, nameEn: row.field_name_en },
    title: row.title, status: row.status as ApplicationStatus, costItems: items,
    totals: planTotals(items), financing: financingOf(row), smallGrantJustification: row.small_grant_justification,
    violations: row.status === 'draft' ? await draftViolations(db, row, rules, items) : [],
    beccaria: parseSteps(row.steps_json),
    submittedAt: row.submitted_at, submittedBy: person(row.submitted_by, row.submitter_name), windowOverrideReason: row.window_override_reason,
    reviews: staffView ? reviews : [],
    averageScores: staffView ? averageScores : null,
    recommendation: staffView && row.recommendation
      ? { recommendation: row.recommendation as 'approve', amountCents: row.recommended_cents, summary: row.recommendation_summary ?? '' }
      : null,
    decision: row.decided_at && row.notice_number
      ? {
        outcome: outcomeOf(row),
        approvedCents: row.approved_cents ?? 0, reason: row.decision_reason ?? '', smallGrantException: row.small_grant_exception,
        decidedAt: row.decided_at, decidedBy: person(row.decided_by, row.decider_name), noticeNumber: row.notice_number,
      }
      : null,
    payments: payments.map((p) => ({
      id: p.id, applicationId: p.application_id, kind: p.kind as 'advance', status: p.status as 'paid', requestedCents: p.requested_cents,
      provenCostsCents: p.proven_costs_cents, requestedOn: p.requested_on, note: p.note, paidCents: p.paid_cents, paidOn: p.paid_on, version: p.version,
    })),
    proof: proof ? {
      id: proof.id, actualCosts: parseJson(proof.actual_json, {}), actualTotalCents: proof.actual_total_cents, actualEligibleCents: proof.actual_eligible_cents,
      report: proof.report, status: proof.status as 'submitted', submittedAt: proof.submitted_at, checkedEligibleCents: proof.checked_eligible_cents,
      entitledCents: proof.entitled_cents, repaymentCents: proof.repayment_cents, checkNote: proof.check_note, checkedAt: proof.checked_at, version: proof.version,
    } : null,
    documents,
    paidCents: row.paid_cents, repaymentCents: row.repayment_cents,
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Outcome of a decided application, from its stored amounts. */
export function outcomeOf(row: { approved_cents: number | null; requested_cents: number }): 'approved' | 'partly_approved' | 'rejected' {
  return !row.approved_cents ? 'rejected' : row.approved_cents >= row.requested_cents ? 'approved' : 'partly_approved';
}

async function requireApplicationRow(db: DbOrTrx, id: number): Promise<repo.ApplicationRow> {
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

async function requireWritableApplication(db: DbOrTrx, principal: Principal, id: number): Promise<repo.ApplicationRow> {
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
      id: r.id, programmeYear: r.programme_year, projectId: r.project_id, title: r.title, ags: r.ags, municipalityName: r.municipality_name,
      fieldId: r.field_id, status: r.status as ApplicationStatus, requestedCents: r.requested_cents, approvedCents: r.approved_cents,
      paidCents: r.paid_cents, submittedAt: r.submitted_at, updatedAt: r.updated_at,
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

// ---- applications: rules beyond the plan ----

function beccariaViolations(steps: ReturnType<typeof parseSteps>): RuleViolation[] {
  const missing = missingForApplication(steps);
  if (!missing.length) return [];
  return [violation('beccaria_description', 'projectId', {
    de: `Die Projektbeschreibung ist in diesen Schritten unvollständig: ${missing.map((s) => BECCARIA_STEP_LABELS[s].de).join('; ')}.`,
    en: `The project description is incomplete in these steps: ${missing.map((s) => BECCARIA_STEP_LABELS[s].en).join('; ')}.`,
  })];
}

/** The municipality must have been advised (an active consultation event) on or before today. */
async function consultationViolations(db: DbOrTrx, ags: string): Promise<RuleViolation[]> {
  const day = todayBerlin();
  const advised = (await listTimeline(db, ags)).some((e) => e.type === 'consultation' && e.date <= day);
  return advised ? [] : [violation('prior_consultation', 'projectId', {
    de: 'Für die Kommune ist keine Beratung durch den Landespräventionsrat erfasst; ohne sie ist kein Antrag möglich.',
    en: 'No consultation of the municipality by the state prevention council is recorded; without it no application is possible.',
  })];
}

function windowViolation(rules: ProgrammeRules): RuleViolation {
  return violation('application_window', 'submittedAt', {
    de: `Anträge nur vom ${rules.windowOpens} bis ${rules.windowCloses}; heute ist ${todayBerlin()}.`,
    en: `Applications only from ${rules.windowOpens} to ${rules.windowCloses}; today is ${todayBerlin()}.`,
  });
}

function itemColumns(items: CreateApplicationInput['costItems']) {
  return items.map((i) => ({
    category: i.category, description: i.description, amount_cents: i.amountCents,
    pay_grade: i.category === 'staff' ? i.payGrade : null, months: i.category === 'staff' ? i.months : null, eligible: itemEligible(i) ? 1 : 0,
  }));
}

/** Checks an application's content; throws 422 with every violated rule. */
async function assertApplicationContent(
  db: DbOrTrx, rules: ProgrammeRules, project: repo.ProjectRow, fieldId: number,
  plan: { costItems: CostItem[]; financing: CreateApplicationInput['financing']; smallGrantJustification: string | null },
): Promise<void> {
  const fields = await repo.listProjectFields(db, [project.id]);
  const out: RuleViolation[] = [];
  if (!fields.some((f) => f.id === fieldId)) {
    out.push(violation('field_of_action', 'fieldId', {
      de: 'Das Handlungsfeld des Antrags muss eines der Handlungsfelder des Projekts sein.', en: 'The application\'s field of action must be one of the project\'s fields of action.',
    }));
  }
  out.push(...(await consultationViolations(db, project.ags)));
  out.push(...checkPlan(plan, rules));
  if (out.length) throw rulesRefused(out);
}

/** Creates a draft application for a project, after checking every rule of its content. */
export async function createApplication(db: DbOrTrx, actor: Actor, principal: Principal, input: CreateApplicationInput): Promise<Application> {
  const programme = await repo.findProgrammeRow(db, input.programmeId);
  if (!programme) throw fieldError('programmeId', { de: `Kein Förderprogramm Nr. ${input.programmeId}.`, en: `No funding programme no. ${input.programmeId}.` }, 'unknown');
  const project = await requireVisibleProject(db, principal, input.projectId);
  await requireAccess(db, principal, 'funding.applications', project.ags);
  const existing = await repo.listApplicationRefsOfProject(db, project.id);
  if (existing.some((a) => a.year === programme.year && a.status !== 'rejected')) {
    const text = { de: `Für dieses Projekt gibt es im Programm ${programme.year} bereits einen Antrag.`, en: `This project already has an application in the ${programme.year} programme.` };
    throw new AppError('duplicate', text, [{ field: 'projectId', code: 'duplicate', message: text }]);
  }
  await assertApplicationContent(db, rulesOf(programme), project, input.fieldId, input);
  const t = planTotals(input.costItems);
  const at = nowIso();
  const id = await repo.insertApplication(db, {
    programme_id: programme.id, project_id: project.id, ags: project.ags, field_id: input.fieldId, title: input.title?.trim() || project.title, status: 'draft',
    total_cost_cents: t.totalCents, eligible_cost_cents: t.eligibleCents, own_cents: input.financing.ownCents, own_in_kind_cents: input.financing.ownInKindCents,
    third_party_cents: input.financing.thirdPartyCents, requested_cents: input.financing.requestedCents, small_grant_justification: input.smallGrantJustification,
    created_by: actor.userId, created_at: at, updated_at: at,
  });
  await repo.replaceCostItems(db, id, itemColumns(input.costItems));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'funding_application', entityId: id, after });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/** Changes a draft: field of action, title, cost plan, financing plan or the small-grant justification. */
export async function updateApplication(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: UpdateApplicationInput): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  const before = await getApplicationUnscoped(db, id);
  if (row.version !== input.version) throw conflict(before);
  if (row.status !== 'draft') throw stateError({ de: 'Nur ein Entwurf kann geändert werden.', en: 'Only a draft can be changed.' }, 'not_draft');
  const programme = await requireProgrammeRow(db, row.programme_id);
  const project = (await repo.findProjectRow(db, row.project_id))!;
  const costItems = input.costItems ?? before.costItems;
  const financing = input.financing ?? before.financing;
  const fieldId = input.fieldId ?? row.field_id;
  const smallGrantJustification = input.smallGrantJustification !== undefined ? input.smallGrantJustification : row.small_grant_justification;
  await assertApplicationContent(db, rulesOf(programme), project, fieldId, { costItems, financing, smallGrantJustification });
  const t = planTotals(costItems);
  const ok = await repo.updateApplicationVersioned(db, id, input.version, {
    field_id: fieldId, title: input.title?.trim() || row.title, total_cost_cents: t.totalCents, eligible_cost_cents: t.eligibleCents,
    own_cents: financing.ownCents, own_in_kind_cents: financing.ownInKindCents, third_party_cents: financing.thirdPartyCents,
    requested_cents: financing.requestedCents, small_grant_justification: smallGrantJustification,
  }, ['draft']);
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
export async function submitApplication(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: SubmitApplicationInput): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  const before = await getApplicationUnscoped(db, id);
  if (row.version !== input.version) throw conflict(before);
  if (row.status !== 'draft') throw stateError({ de: 'Nur ein Entwurf kann eingereicht werden.', en: 'Only a draft can be submitted.' }, 'not_draft');
  if (input.windowOverrideReason && !allows('funding.staff', principal.role)) {
    throw new AppError('forbidden-role', { de: 'Nur die Koordinierungsstelle des Landespräventionsrates kann außerhalb der Frist einreichen.', en: 'Only council staff can submit outside the window.' });
  }
  const rules = rulesOf(await requireProgrammeRow(db, row.programme_id));
  const items = (await repo.listCostItems(db, id)).map(toCostItem);
  const violations = (await draftViolations(db, row, rules, items)).filter((v) => !(v.rule === 'application_window' && input.windowOverrideReason));
  if (violations.length) throw rulesRefused(violations);
  // The requested sums of the budget overview change: its cache key moves on.
  await repo.lockProgramme(db, row.programme_id);
  const ok = await repo.updateApplicationVersioned(db, id, input.version, {
    status: 'submitted', submitted_at: nowIso(), submitted_by: actor.userId,
    window_override_reason: insideWindow(todayBerlin(), rules) ? null : input.windowOverrideReason,
  }, ['draft']);
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'submit', entityType: 'funding_application', entityId: id, before: { status: before.status }, after: { status: after.status, windowOverrideReason: after.windowOverrideReason } });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

// ---- review ----

export async function listReviewers(db: DbOrTrx) {
  return (await repo.listReviewers(db)).map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

/** Assigns a reviewer (admin or LPR staff); the application goes into review. */
export async function assignReviewer(db: DbOrTrx, actor: Actor, id: number, input: { version: number; userId: number }): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  if (row.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (row.status !== 'submitted' && row.status !== 'in_review') throw stateError({ de: 'Gutachter nur für eingereichte Anträge.', en: 'Reviewers only for submitted applications.' });
  const user = await repo.findUserRole(db, input.userId);
  if (!user || user.active !== 1 || (user.role !== 'admin' && user.role !== 'lpr')) {
    throw fieldError('userId', { de: 'Gutachter müssen aktive Mitarbeitende des Landespräventionsrates sein.', en: 'Reviewers must be active council staff.' }, 'not_staff');
  }
  const reviews = await repo.listReviews(db, id);
  if (reviews.some((r) => r.reviewer_id === input.userId)) {
    const text = { de: 'Diese Person begutachtet den Antrag bereits.', en: 'This person already reviews the application.' };
    throw new AppError('duplicate', text, [{ field: 'userId', code: 'duplicate', message: text }]);
  }
  const ok = await repo.updateApplicationVersioned(db, id, input.version, { status: 'in_review' }, ['submitted', 'in_review']);
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const reviewId = await repo.insertReview(db, { application_id: id, reviewer_id: input.userId, assigned_by: actor.userId, assigned_at: nowIso() });
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'assign_reviewer', entityType: 'funding_review', entityId: reviewId, after: { applicationId: id, reviewerId: input.userId } });
  return after;
}

/** Records a review's scores and comment: by the assigned reviewer, or an admin. */
export async function submitReview(db: DbOrTrx, actor: Actor, principal: Principal, id: number, reviewId: number, input: ReviewInput): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  const review = (await repo.listReviews(db, id)).find((r) => r.id === reviewId);
  if (!review) throw notFound({ de: `Kein Gutachten Nr. ${reviewId} zu diesem Antrag.`, en: `No review no. ${reviewId} of this application.` });
  if (review.reviewer_id !== principal.id && !allows('funding.reviewForOthers', principal.role)) {
    throw new AppError('forbidden-scope', { de: 'Nur die zugewiesene Person (oder ein Admin) kann dieses Gutachten abgeben.', en: 'Only the assigned reviewer (or an admin) can submit this review.' });
  }
  if (row.status !== 'in_review') throw stateError({ de: 'Der Antrag ist nicht in Prüfung.', en: 'The application is not in review.' });
  if (review.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  const ok = await repo.updateReviewVersioned(db, reviewId, input.version, { scores_json: JSON.stringify(input.scores), comment: input.comment, submitted_at: nowIso() });
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  await recordAudit(db, actor, { action: 'review', entityType: 'funding_review', entityId: reviewId, before: { scores: review.scores_json, comment: review.comment }, after: { scores: input.scores, comment: input.comment } });
  return getApplicationUnscoped(db, id);
}

/** The recommendation summary for the deciding board. */
export async function recommend(db: DbOrTrx, actor: Actor, id: number, input: RecommendationInput): Promise<Application> {
  const row = await requireApplicationRow(db, id);
  if (row.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (row.status !== 'in_review') throw stateError({ de: 'Der Antrag ist nicht in Prüfung.', en: 'The application is not in review.' });
  const amount = input.recommendation === 'reject' ? 0 : input.recommendation === 'approve' ? row.requested_cents : input.amountCents;
  if (input.recommendation === 'approve_partly' && (amount === null || amount <= 0 || amount >= row.requested_cents)) {
    throw rulesRefused([violation('decision_amount', 'amountCents', { de: `Teilbewilligung: ein Betrag über 0 und unter ${formatEuro(row.requested_cents)}.`, en: `Partial approval: an amount above 0 and below ${formatEuro(row.requested_cents, 'en')}.` })]);
  }
  const before = { recommendation: row.recommendation, amountCents: row.recommended_cents, summary: row.recommendation_summary };
  const ok = await repo.updateApplicationVersioned(db, id, input.version, { recommendation: input.recommendation, recommended_cents: amount, recommendation_summary: input.summary }, ['in_review']);
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  await recordAudit(db, actor, { action: 'recommend', entityType: 'funding_application', entityId: id, before, after: { recommendation: input.recommendation, amountCents: amount, summary: input.summary } });
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
    throw stateError(row.decided_at
      ? { de: `Über den Antrag wurde bereits entschieden (${APPLICATION_STATUS_LABELS[row.status as ApplicationStatus].de}).`, en: `The application was already decided (${APPLICATION_STATUS_LABELS[row.status as ApplicationStatus].en}).` }
      : { de: 'Entschieden wird erst nach der Begutachtung (Status „In Prüfung“).', en: 'A decision follows the review (status "in review").' }, row.decided_at ? 'already_decided' : 'not_in_review');
  }
  const programme = await requireProgrammeRow(db, row.programme_id);
  const rules = rulesOf(programme);
  let amount: number;
  if (input.outcome === 'rejected') amount = 0;
  else if (input.outcome === 'approved') amount = row.requested_cents;
  else {
    amount = input.amountCents ?? -1;
    if (amount <= 0 || amount >= row.requested_cents) {
      throw rulesRefused([violation('decision_amount', 'amountCents', { de: `Teilbewilligung: ein Betrag über 0 und unter dem beantragten (${formatEuro(row.requested_cents)}).`, en: `Partial approval: an amount above 0 and below the requested one (${formatEuro(row.requested_cents, 'en')}).` })]);
    }
  }
  if (amount > 0 && amount < rules.minGrantCents && !input.smallGrantException?.trim()) {
    throw rulesRefused([violation('min_grant', 'smallGrantException', {
      de: `${formatEuro(amount)} liegen unter der Mindestzuwendung von ${formatEuro(rules.minGrantCents)}: nur mit begründeter Ausnahme.`,
      en: `${formatEuro(amount, 'en')} are below the minimum grant of ${formatEuro(rules.minGrantCents, 'en')}: only with a justified exception.`,
    })]);
  }
  if (amount > 0) {
    const committed = await repo.sumCommitments(db, programme.id);
    const free = rules.budgetCents - committed.total;
    if (amount > free) {
      throw fundsExhausted(violation('programme_budget', 'amountCents', {
        de: `${formatEuro(amount)} übersteigen die freien Mittel des Programms ${programme.year} (${formatEuro(Math.max(0, free))} von ${formatEuro(rules.budgetCents)}).`,
        en: `${formatEuro(amount, 'en')} exceed the free funds of the ${programme.year} programme (${formatEuro(Math.max(0, free), 'en')} of ${formatEuro(rules.budgetCents, 'en')}).`,
      }), { budgetCents: rules.budgetCents, committedCents: committed.total, freeCents: free, amountCents: amount });
    }
    const quota = rules.quotas.find((q) => q.fieldId === row.field_id);
    if (quota) {
      const used = committed.byField.get(row.field_id) ?? 0;
      if (used + amount > quota.quotaCents) {
        throw fundsExhausted(violation('field_quota', 'amountCents', {
          de: `${formatEuro(amount)} übersteigen das freie Kontingent „${row.field_name}“ (${formatEuro(Math.max(0, quota.quotaCents - used))} von ${formatEuro(quota.quotaCents)}).`,
          en: `${formatEuro(amount, 'en')} exceed the free quota "${row.field_name_en}" (${formatEuro(Math.max(0, quota.quotaCents - used), 'en')} of ${formatEuro(quota.quotaCents, 'en')}).`,
        }), { quotaCents: quota.quotaCents, committedCents: used, freeCents: quota.quotaCents - used, amountCents: amount });
      }
    }
  }
  const before = await getApplicationUnscoped(db, id);
  const noticeNumber = `ZB-${programme.year}-${String((await repo.countNoticesOfYear(db, programme.year)) + 1).padStart(4, '0')}`;
  const ok = await repo.updateApplicationVersioned(db, id, input.version, {
    status: input.outcome, approved_cents: amount, decision_reason: input.reason, small_grant_exception: input.smallGrantException?.trim() || null,
    decided_at: nowIso(), decided_by: actor.userId, notice_number: noticeNumber,
  }, ['in_review']);
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const after = await getApplicationUnscoped(db, id);
  await recordAudit(db, actor, { action: 'decide', entityType: 'funding_application', entityId: id, before: { status: before.status }, after: { status: after.status, decision: after.decision } });
  return after;
}

// ---- payments ----

const grantActive = (status: string) => status === 'approved' || status === 'partly_approved';

/** A payment request: reimbursement of proven costs (the only kind below the threshold) or an advance. */
export async function requestPayment(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: PaymentRequestInput): Promise<Application> {
  if (!(await repo.lockProgrammeOfApplication(db, id))) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  const row = await requireWritableApplication(db, principal, id);
  if (!grantActive(row.status)) throw stateError({ de: 'Auszahlungen nur für bewilligte Anträge vor dem Verwendungsnachweis.', en: 'Payments only for approved applications before the proof of use.' });
  const rules = rulesOf(await requireProgrammeRow(db, row.programme_id));
  const approved = row.approved_cents ?? 0;
  const out: RuleViolation[] = [];
  if (input.requestedCents <= 0) out.push(violation('payments_within_grant', 'requestedCents', { de: 'Bitte einen Betrag über 0 anfordern.', en: 'Please request an amount above 0.' }));
  if (approved < rules.reimbursementThresholdCents && input.kind !== 'reimbursement') {
    out.push(violation('payment_kind', 'kind', {
      de: `Zuwendungen unter ${formatEuro(rules.reimbursementThresholdCents)} werden nur als Erstattung nachgewiesener Ausgaben ausgezahlt.`,
      en: `Grants below ${formatEuro(rules.reimbursementThresholdCents, 'en')} are paid only as reimbursement of proven costs.`,
    }));
  }
  if (input.kind === 'reimbursement' && (input.provenCostsCents === null || input.provenCostsCents < input.requestedCents)) {
    out.push(violation('reimbursement_proven_costs', 'provenCostsCents', { de: 'Eine Erstattung braucht nachgewiesene Ausgaben mindestens in Höhe der Anforderung.', en: 'A reimbursement needs proven costs at least as high as the request.' }));
  }
  const payments = await repo.listPayments(db, id);
  const requestedSoFar = payments.reduce((a, p) => a + (p.status === 'paid' ? (p.paid_cents ?? 0) : p.requested_cents), 0);
  if (requestedSoFar + input.requestedCents > approved) {
    out.push(violation('payments_within_grant', 'requestedCents', {
      de: `Angefordert wären ${formatEuro(requestedSoFar + input.requestedCents)}, bewilligt sind ${formatEuro(approved)}.`,
      en: `Requests would total ${formatEuro(requestedSoFar + input.requestedCents, 'en')}, the grant is ${formatEuro(approved, 'en')}.`,
    }));
  }
  if (out.length) throw rulesRefused(out);
  const at = nowIso();
  const paymentId = await repo.insertPayment(db, {
    application_id: id, kind: input.kind, status: 'requested', requested_cents: input.requestedCents, proven_costs_cents: input.provenCostsCents,
    requested_on: todayBerlin(), note: input.note, created_by: actor.userId, created_at: at, updated_at: at,
  });
  await recordAudit(db, actor, { action: 'request_payment', entityType: 'funding_payment', entityId: paymentId, after: { applicationId: id, ...input } });
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/** Records that a requested payment was paid (at most the requested amount). */
export async function markPaymentPaid(db: DbOrTrx, actor: Actor, paymentId: number, input: { version: number; paidCents: number; paidOn: string }): Promise<Application> {
  const missing = notFound({ de: `Keine Auszahlung Nr. ${paymentId}.`, en: `No payment no. ${paymentId}.` });
  if (!(await repo.lockProgrammeOfPayment(db, paymentId))) throw missing;
  const payment = await repo.findPayment(db, paymentId);
  if (!payment) throw missing;
  if (payment.version !== input.version) throw conflict(await getApplicationUnscoped(db, payment.application_id));
  if (payment.status !== 'requested') throw stateError({ de: 'Diese Auszahlung ist bereits erfasst.', en: 'This payment is already recorded.' });
  if (input.paidCents > payment.requested_cents || input.paidCents <= 0) {
    throw rulesRefused([violation('paid_within_requested', 'paidCents', { de: `Ausgezahlt werden kann 0,01 € bis ${formatEuro(payment.requested_cents)}.`, en: `The amount paid must lie between €0.01 and ${formatEuro(payment.requested_cents, 'en')}.` })]);
  }
  const ok = await repo.markPaymentPaid(db, paymentId, input.version, input.paidCents, input.paidOn);
  if (!ok) throw conflict(await getApplicationUnscoped(db, payment.application_id));
  await repo.addToApplicationSums(db, payment.application_id, { paidCents: input.paidCents });
  await recordAudit(db, actor, { action: 'pay', entityType: 'funding_payment', entityId: paymentId, before: { status: payment.status }, after: { status: 'paid', paidCents: input.paidCents, paidOn: input.paidOn } });
  return getApplicationUnscoped(db, payment.application_id);
}

// ---- proof of use ----

/** Submits (or, before its check, replaces) the proof of use: actual costs by category and the factual report. */
export async function submitProof(db: DbOrTrx, actor: Actor, principal: Principal, id: number, input: ProofInput): Promise<Application> {
  const row = await requireWritableApplication(db, principal, id);
  if (!grantActive(row.status)) throw stateError({ de: 'Ein Verwendungsnachweis gehört zu einem bewilligten Antrag.', en: 'A proof of use belongs to an approved application.' });
  const actual = Object.fromEntries(COST_CATEGORIES.map((c) => [c, input.actualCosts[c] ?? 0]));
  const total = Object.values(actual).reduce((a, b) => a + b, 0);
  const eligible = total - (actual.investment ?? 0);
  const existing = await repo.findProof(db, id);
  const at = nowIso();
  if (!existing) {
    if (input.version !== 0) throw conflict(null);
    const proofId = await repo.insertProof(db, {
      application_id: id, actual_json: JSON.stringify(actual), actual_total_cents: total, actual_eligible_cents: eligible, report: input.report,
      status: 'submitted', submitted_at: at, submitted_by: actor.userId,
    });
    await recordAudit(db, actor, { action: 'submit_proof', entityType: 'funding_proof', entityId: proofId, after: { applicationId: id, actual, report: input.report } });
  } else {
    if (existing.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
    const ok = await repo.updateProofVersioned(db, existing.id, input.version, { actual_json: JSON.stringify(actual), actual_total_cents: total, actual_eligible_cents: eligible, report: input.report, submitted_at: at, submitted_by: actor.userId });
    if (!ok) throw conflict(await getApplicationUnscoped(db, id));
    await recordAudit(db, actor, { action: 'update_proof', entityType: 'funding_proof', entityId: existing.id, before: { actual: parseJson(existing.actual_json, {}), report: existing.report }, after: { actual, report: input.report } });
  }
  return presentApplication(db, await requireApplicationRow(db, id), principal);
}

/**
 * Checks the proof of use: the grant due is the approved share of the checked eligible costs
 * (rounded down, at most the approved amount); what was paid beyond it is demanded back. The
 * application is then closed, or has a repayment demand.
 */
export async function checkProof(db: DbOrTrx, actor: Actor, id: number, input: { version: number; checkedEligibleCents: number; note: string }): Promise<Application> {
  if (!(await repo.lockProgrammeOfApplication(db, id))) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  const row = await requireApplicationRow(db, id);
  const proof = await repo.findProof(db, id);
  if (!proof) throw stateError({ de: 'Es liegt kein Verwendungsnachweis vor.', en: 'No proof of use has been submitted.' }, 'no_proof');
  if (proof.version !== input.version) throw conflict(await getApplicationUnscoped(db, id));
  if (proof.status !== 'submitted') throw stateError({ de: 'Der Verwendungsnachweis ist bereits geprüft.', en: 'The proof of use was already checked.' }, 'already_checked');
  if (input.checkedEligibleCents > proof.actual_eligible_cents) {
    throw fieldError('checkedEligibleCents', { de: `Anerkannt werden höchstens die nachgewiesenen förderfähigen Ausgaben (${formatEuro(proof.actual_eligible_cents)}).`, en: `At most the proven eligible costs can be accepted (${formatEuro(proof.actual_eligible_cents, 'en')}).` }, 'too_big');
  }
  const { entitledCents, repaymentCents } = settleProof({ approvedCents: row.approved_cents ?? 0, plannedEligibleCents: row.eligible_cost_cents, checkedEligibleCents: input.checkedEligibleCents, paidCents: row.paid_cents });
  const outcome = repaymentCents > 0 ? 'repayment_demanded' : 'closed';
  const ok = await repo.updateProofVersioned(db, proof.id, input.version, {
    status: outcome, checked_eligible_cents: input.checkedEligibleCents, entitled_cents: entitledCents, repayment_cents: repaymentCents,
    check_note: input.note, checked_at: nowIso(), checked_by: actor.userId,
  });
  if (!ok) throw conflict(await getApplicationUnscoped(db, id));
  const moved = await repo.updateApplicationVersioned(db, id, row.version, { status: outcome }, ['approved', 'partly_approved']);
  if (!moved) throw conflict(await getApplicationUnscoped(db, id));
  if (repaymentCents) await repo.addToApplicationSums(db, id, { repaymentCents });
  await recordAudit(db, actor, { action: 'check_proof', entityType: 'funding_proof', entityId: proof.id, before: { status: proof.status }, after: { status: outcome, checkedEligibleCents: input.checkedEligibleCents, entitledCents, repaymentCents, note: input.note } });
  return getApplicationUnscoped(db, id);
}

/** Whether the principal may see a project's funding (used by the dossier). */
export async function assertProjectVisible(db: DbOrTrx, principal: Principal, projectId: number): Promise<void> {
  const row = await repo.findProjectRow(db, projectId);
  if (!row) throw notFound({ de: `Kein Projekt Nr. ${projectId}.`, en: `No project no. ${projectId}.` });
  await requireAccess(db, principal, 'funding.readProjects', row.ags);
}
