import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import { COMMITTED_STATUSES } from '../../../shared/funding.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import { whereInScope } from '../../auth/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type {
  FundingApplicationsTable,
  FundingCostItemsTable,
  FundingPaymentsTable,
  FundingProgrammesTable,
  FundingProgrammeVersionsTable,
  FundingProjectsTable,
  FundingProofsTable,
} from './funding.tables.ts';
import { nowIso } from '../../../shared/time.ts';

/*
 * The only place that builds SQL for projects and funding. Row scoping of lists goes through
 * `whereInScope` (the queries join `municipalities`); single rows are checked by the service.
 */

const now = () => nowIso();

// ---- fields of action (the shared catalogue) ----

export async function listFieldsOfAction(db: DbOrTrx) {
  return db
    .selectFrom('fields_of_action')
    .select(['id', 'code', 'name', 'name_en'])
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findFieldsOfAction(db: DbOrTrx, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('fields_of_action').select(['id', 'code', 'name', 'name_en', 'active']).where('id', 'in', ids).execute();
}

// ---- places ----

export async function findPlace(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('municipalities')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .select(['municipalities.ags', 'municipalities.name', 'municipalities.district_ags', 'districts.name as district_name'])
    .where('municipalities.ags', '=', ags)
    .executeTakeFirst();
}

// ---- projects ----

function projectsQuery(db: DbOrTrx) {
  return db
    .selectFrom('funding_projects')
    .innerJoin('municipalities', 'municipalities.ags', 'funding_projects.ags')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .selectAll('funding_projects')
    .select(['municipalities.name as municipality_name', 'municipalities.district_ags', 'districts.name as district_name']);
}
export type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectsQuery>['execute']>>[number];

export async function findProjectRow(db: DbOrTrx, id: number): Promise<ProjectRow | undefined> {
  return projectsQuery(db).where('funding_projects.id', '=', id).executeTakeFirst();
}

export interface ProjectFilter {
  ags?: string;
  status?: string;
  fieldId?: number;
  q?: string;
}

function filterProjects<QB extends SelectQueryBuilder<Database, 'funding_projects' | 'municipalities' | 'districts', any>>(
  qb: QB,
  principal: Principal,
  f: ProjectFilter,
): QB {
  let q = whereInScope(qb, principal, 'municipalities.ags', { district: 'municipalities.district_ags' });
  if (f.ags) q = q.where('funding_projects.ags', '=', f.ags) as QB;
  if (f.status) q = q.where('funding_projects.status', '=', f.status) as QB;
  if (f.fieldId)
    q = q.where('funding_projects.id', 'in', (eb: any) =>
      eb.selectFrom('funding_project_fields').select('project_id').where('field_id', '=', f.fieldId),
    ) as QB;
  if (f.q)
    q = q.where(
      sql<boolean>`lower(funding_projects.title) like ${`%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    ) as QB;
  return q;
}

export async function listProjectRows(db: DbOrTrx, principal: Principal, f: ProjectFilter, limit: number, offset: number) {
  const rows = await filterProjects(projectsQuery(db), principal, f)
    .orderBy('funding_projects.updated_at', 'desc')
    .orderBy('funding_projects.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await filterProjects(
    db
      .selectFrom('funding_projects')
      .innerJoin('municipalities', 'municipalities.ags', 'funding_projects.ags')
      .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
      .select((eb) => eb.fn.countAll<number>().as('n')),
    principal,
    f,
  ).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertProject(db: DbOrTrx, row: Insertable<FundingProjectsTable>): Promise<number> {
  const { id } = await db.insertInto('funding_projects').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates a project only if its version matches; false when stale. */
export async function updateProjectVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<FundingProjectsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('funding_projects')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listProjectFields(db: DbOrTrx, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('funding_project_fields')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'funding_project_fields.field_id')
    .select([
      'funding_project_fields.project_id',
      'fields_of_action.id',
      'fields_of_action.code',
      'fields_of_action.name',
      'fields_of_action.name_en',
    ])
    .where('funding_project_fields.project_id', 'in', projectIds)
    .orderBy('fields_of_action.position')
    .execute();
}

export async function replaceProjectFields(db: DbOrTrx, projectId: number, fieldIds: number[]): Promise<void> {
  await db.deleteFrom('funding_project_fields').where('project_id', '=', projectId).execute();
  if (fieldIds.length)
    await db
      .insertInto('funding_project_fields')
      .values(fieldIds.map((field_id) => ({ project_id: projectId, field_id })))
      .execute();
}

export async function listApplicationRefsOfProject(db: DbOrTrx, projectId: number) {
  return db
    .selectFrom('funding_applications')
    .innerJoin('funding_programmes', 'funding_programmes.id', 'funding_applications.programme_id')
    .select([
      'funding_applications.id',
      'funding_programmes.year',
      'funding_applications.status',
      'funding_applications.requested_cents',
      'funding_applications.approved_cents',
      'funding_applications.paid_cents',
      'funding_applications.repayment_cents',
      'funding_applications.decided_at',
      'funding_applications.total_cost_cents',
      'funding_applications.eligible_cost_cents',
    ])
    .where('funding_applications.project_id', '=', projectId)
    .orderBy('funding_programmes.year')
    .orderBy('funding_applications.id')
    .execute();
}

// ---- programmes ----

export async function listProgrammeRows(db: DbOrTrx) {
  return db.selectFrom('funding_programmes').selectAll().orderBy('year', 'desc').execute();
}

export async function findProgrammeRow(db: DbOrTrx, id: number) {
  return db.selectFrom('funding_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProgrammeByYear(db: DbOrTrx, year: number) {
  return db.selectFrom('funding_programmes').selectAll().where('year', '=', year).executeTakeFirst();
}
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgrammeRow>>>;

export async function insertProgramme(db: DbOrTrx, row: Insertable<FundingProgrammesTable>): Promise<number> {
  const { id } = await db.insertInto('funding_programmes').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateProgrammeVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<FundingProgrammesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('funding_programmes')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertProgrammeVersion(db: DbOrTrx, row: Insertable<FundingProgrammeVersionsTable>): Promise<void> {
  await db.insertInto('funding_programme_versions').values(row).execute();
}

export async function listProgrammeVersions(db: DbOrTrx, programmeId: number) {
  return db
    .selectFrom('funding_programme_versions')
    .leftJoin('users', 'users.id', 'funding_programme_versions.changed_by')
    .selectAll('funding_programme_versions')
    .select('users.display_name as changer_name')
    .where('programme_id', '=', programmeId)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * The budget lock. Every transaction that changes commitments (or the budget and quotas they are
 * checked against) runs this as its FIRST statement: an UPDATE of the programme row. On PostgreSQL
 * it holds the row lock until commit, so concurrent deciders queue on it and, in READ COMMITTED,
 * each later statement sees the commitments of those before. On SQLite every transaction already
 * holds the database's write lock from its BEGIN IMMEDIATE (db/transaction.ts), so deciders of
 * several processes queue there. Decision 012.
 * Returns false when the programme does not exist.
 */
export async function lockProgramme(db: DbOrTrx, programmeId: number): Promise<boolean> {
  const r = await db
    .updateTable('funding_programmes')
    .set({ commitment_seq: sql<number>`commitment_seq + 1` })
    .where('id', '=', programmeId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The budget lock of the programme an application belongs to, in one statement (see lockProgramme). */
export async function lockProgrammeOfApplication(db: DbOrTrx, applicationId: number): Promise<boolean> {
  const r = await db
    .updateTable('funding_programmes')
    .set({ commitment_seq: sql<number>`commitment_seq + 1` })
    .where('id', '=', (eb) =>
      eb.selectFrom('funding_applications').select('programme_id').where('funding_applications.id', '=', applicationId),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The budget lock of the programme a payment belongs to, in one statement (see lockProgramme). */
export async function lockProgrammeOfPayment(db: DbOrTrx, paymentId: number): Promise<boolean> {
  const r = await db
    .updateTable('funding_programmes')
    .set({ commitment_seq: sql<number>`commitment_seq + 1` })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('funding_applications')
        .select('programme_id')
        .where('funding_applications.id', '=', (eb2) =>
          eb2.selectFrom('funding_payments').select('application_id').where('funding_payments.id', '=', paymentId),
        ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Committed (approved) cents of a programme, in total and per field of action. */
export async function sumCommitments(db: DbOrTrx, programmeId: number): Promise<{ total: number; byField: Map<number, number> }> {
  const rows = await db
    .selectFrom('funding_applications')
    .select((eb) => ['field_id', eb.fn.sum<number>('approved_cents').as('s')])
    .where('programme_id', '=', programmeId)
    .where('status', 'in', [...COMMITTED_STATUSES])
    .groupBy('field_id')
    .execute();
  const byField = new Map(rows.map((r) => [r.field_id, Number(r.s ?? 0)]));
  return { total: [...byField.values()].reduce((a, b) => a + b, 0), byField };
}

// ---- applications ----

function applicationsQuery(db: DbOrTrx) {
  return db
    .selectFrom('funding_applications')
    .innerJoin('funding_programmes', 'funding_programmes.id', 'funding_applications.programme_id')
    .innerJoin('funding_projects', 'funding_projects.id', 'funding_applications.project_id')
    .innerJoin('municipalities', 'municipalities.ags', 'funding_applications.ags')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'funding_applications.field_id')
    .leftJoin('users as submitter', 'submitter.id', 'funding_applications.submitted_by')
    .leftJoin('users as decider', 'decider.id', 'funding_applications.decided_by')
    .selectAll('funding_applications')
    .select([
      'funding_programmes.year as programme_year',
      'funding_projects.title as project_title',
      'funding_projects.steps_json',
      'municipalities.name as municipality_name',
      'municipalities.district_ags',
      'districts.name as district_name',
      'fields_of_action.code as field_code',
      'fields_of_action.name as field_name',
      'fields_of_action.name_en as field_name_en',
      'submitter.display_name as submitter_name',
      'decider.display_name as decider_name',
    ]);
}
export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationsQuery>['execute']>>[number];

export async function findApplicationRow(db: DbOrTrx, id: number): Promise<ApplicationRow | undefined> {
  return applicationsQuery(db).where('funding_applications.id', '=', id).executeTakeFirst();
}

export interface ApplicationFilter {
  programmeId?: number;
  status?: string;
  ags?: string;
  fieldId?: number;
  projectId?: number;
}

export async function listApplicationRows(db: DbOrTrx, principal: Principal, f: ApplicationFilter, limit: number, offset: number) {
  const filter = <
    QB extends SelectQueryBuilder<Database, 'funding_applications' | 'municipalities' | 'funding_programmes' | 'funding_projects', any>,
  >(
    qb: QB,
  ): QB => {
    let q = whereInScope(qb, principal, 'municipalities.ags', { district: 'municipalities.district_ags' });
    if (f.programmeId) q = q.where('funding_applications.programme_id', '=', f.programmeId) as QB;
    if (f.status) q = q.where('funding_applications.status', '=', f.status) as QB;
    if (f.ags) q = q.where('funding_applications.ags', '=', f.ags) as QB;
    if (f.fieldId) q = q.where('funding_applications.field_id', '=', f.fieldId) as QB;
    if (f.projectId) q = q.where('funding_applications.project_id', '=', f.projectId) as QB;
    return q;
  };
  const rows = await filter(
    db
      .selectFrom('funding_applications')
      .innerJoin('funding_programmes', 'funding_programmes.id', 'funding_applications.programme_id')
      .innerJoin('funding_projects', 'funding_projects.id', 'funding_applications.project_id')
      .innerJoin('municipalities', 'municipalities.ags', 'funding_applications.ags')
      .select([
        'funding_applications.id',
        'funding_programmes.year as programme_year',
        'funding_applications.project_id',
        'funding_applications.title',
        'funding_applications.ags',
        'municipalities.name as municipality_name',
        'funding_applications.field_id',
        'funding_applications.status',
        'funding_applications.requested_cents',
        'funding_applications.approved_cents',
        'funding_applications.paid_cents',
        'funding_applications.submitted_at',
        'funding_applications.updated_at',
      ]),
  )
    .orderBy('funding_applications.updated_at', 'desc')
    .orderBy('funding_applications.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await filter(
    db
      .selectFrom('funding_applications')
      .innerJoin('funding_programmes', 'funding_programmes.id', 'funding_applications.programme_id')
      .innerJoin('funding_projects', 'funding_projects.id', 'funding_applications.project_id')
      .innerJoin('municipalities', 'municipalities.ags', 'funding_applications.ags')
      .select((eb) => eb.fn.countAll<number>().as('n')),
  ).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertApplication(db: DbOrTrx, row: Insertable<FundingApplicationsTable>): Promise<number> {
  const { id } = await db.insertInto('funding_applications').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates an application if its version matches (and, when given, its status is one of `statusIn`); false otherwise. */
export async function updateApplicationVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<FundingApplicationsTable>,
  statusIn?: readonly string[],
): Promise<boolean> {
  let q = db
    .updateTable('funding_applications')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', version);
  if (statusIn) q = q.where('status', 'in', [...statusIn]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds to an application's paid or reclaimed sums (kept beside the rows they summarise). */
export async function addToApplicationSums(db: DbOrTrx, id: number, add: { paidCents?: number; repaymentCents?: number }): Promise<void> {
  await db
    .updateTable('funding_applications')
    .set({
      paid_cents: sql<number>`paid_cents + ${add.paidCents ?? 0}`,
      repayment_cents: sql<number>`repayment_cents + ${add.repaymentCents ?? 0}`,
      version: sql<number>`version + 1`,
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listCostItems(db: DbOrTrx, applicationId: number) {
  return db.selectFrom('funding_cost_items').selectAll().where('application_id', '=', applicationId).orderBy('position').execute();
}

export async function replaceCostItems(
  db: DbOrTrx,
  applicationId: number,
  items: Omit<Insertable<FundingCostItemsTable>, 'application_id' | 'position'>[],
): Promise<void> {
  await db.deleteFrom('funding_cost_items').where('application_id', '=', applicationId).execute();
  const rows = items.map((i, n) => ({ ...i, application_id: applicationId, position: n + 1 }));
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('funding_cost_items')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** The next grant notice number of a year ("ZB-2027-0001"); call under the budget lock. */
export async function countNoticesOfYear(db: DbOrTrx, year: number): Promise<number> {
  const r = await db
    .selectFrom('funding_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('notice_number', 'like', `ZB-${year}-%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- reviews ----

export async function listReviewers(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('role', 'in', ['admin', 'lpr'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
}

/** The applicants of an application: the active accounts that created or submitted it. */
export async function listApplicantUsers(db: DbOrTrx, applicationId: number) {
  const app = await db
    .selectFrom('funding_applications')
    .select(['created_by', 'submitted_by'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  const ids = [...new Set([app?.created_by, app?.submitted_by].filter((x): x is number => typeof x === 'number'))];
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale'])
    .where('id', 'in', ids)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}

export async function findUserRole(db: DbOrTrx, id: number) {
  return db.selectFrom('users').select(['id', 'role', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
}

export async function listReviews(db: DbOrTrx, applicationId: number) {
  return db
    .selectFrom('funding_reviews')
    .leftJoin('users', 'users.id', 'funding_reviews.reviewer_id')
    .selectAll('funding_reviews')
    .select('users.display_name as reviewer_name')
    .where('application_id', '=', applicationId)
    .orderBy('funding_reviews.id')
    .execute();
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];

export async function insertReview(
  db: DbOrTrx,
  row: { application_id: number; reviewer_id: number; assigned_by: number | null; assigned_at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('funding_reviews')
    .values({ ...row, status: 'assigned', comment: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateReviewVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: { scores_json: string; comment: string; submitted_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('funding_reviews')
    .set({ ...patch, status: 'submitted', version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- payments ----

export async function listPayments(db: DbOrTrx, applicationId: number) {
  return db.selectFrom('funding_payments').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
}

export async function findPayment(db: DbOrTrx, id: number) {
  return db.selectFrom('funding_payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPayment(db: DbOrTrx, row: Insertable<FundingPaymentsTable>): Promise<number> {
  const { id } = await db.insertInto('funding_payments').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function markPaymentPaid(db: DbOrTrx, id: number, version: number, paidCents: number, paidOn: string): Promise<boolean> {
  const r = await db
    .updateTable('funding_payments')
    .set({ status: 'paid', paid_cents: paidCents, paid_on: paidOn, updated_at: now(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- proof of use ----

export async function findProof(db: DbOrTrx, applicationId: number) {
  return db.selectFrom('funding_proofs').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export async function insertProof(db: DbOrTrx, row: Insertable<FundingProofsTable>): Promise<number> {
  const { id } = await db.insertInto('funding_proofs').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateProofVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<FundingProofsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('funding_proofs')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- reports ----

/**
 * The sums behind the budget overview: one row per status × field of action × municipality,
 * grouped in the order of the covering index (programme, status, field, AGS), so the database
 * streams it from the index without a sort or a join.
 */
export async function aggregateProgramme(db: DbOrTrx, programmeId: number) {
  const rows = await db
    .selectFrom('funding_applications')
    .select((eb) => [
      'status',
      'field_id',
      'ags',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('requested_cents').as('requested'),
      eb.fn.sum<number>(eb.fn.coalesce('approved_cents', sql<number>`0`)).as('approved'),
      eb.fn.sum<number>('paid_cents').as('paid'),
      eb.fn.sum<number>('repayment_cents').as('repaid'),
    ])
    .where('programme_id', '=', programmeId)
    .groupBy(['status', 'field_id', 'ags'])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    fieldId: r.field_id,
    ags: r.ags,
    count: Number(r.n),
    requested: Number(r.requested ?? 0),
    approved: Number(r.approved ?? 0),
    paid: Number(r.paid ?? 0),
    repaid: Number(r.repaid ?? 0),
  }));
}

/** District (AGS and name) of each given municipality. */
export async function listDistrictsOfMunicipalities(db: DbOrTrx, ags: string[]): Promise<Map<string, { ags: string; name: string }>> {
  const out = new Map<string, { ags: string; name: string }>();
  for (let i = 0; i < ags.length; i += 500) {
    const rows = await db
      .selectFrom('municipalities')
      .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
      .select(['municipalities.ags', 'districts.ags as district_ags', 'districts.name'])
      .where('municipalities.ags', 'in', ags.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.ags, { ags: r.district_ags, name: r.name });
  }
  return out;
}

/** Approved applications of a programme with project, municipality and field, by municipality and title. */
export async function listFundedRows(db: DbOrTrx, programmeId: number) {
  return db
    .selectFrom('funding_applications')
    .innerJoin('funding_projects', 'funding_projects.id', 'funding_applications.project_id')
    .innerJoin('municipalities', 'municipalities.ags', 'funding_applications.ags')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'funding_applications.field_id')
    .select([
      'funding_applications.id',
      'funding_applications.project_id',
      'funding_applications.title',
      'funding_applications.ags',
      'municipalities.name as municipality_name',
      'districts.name as district_name',
      'funding_applications.field_id',
      'fields_of_action.code as field_code',
      'fields_of_action.name as field_name',
      'fields_of_action.name_en as field_name_en',
      'funding_applications.approved_cents',
      'funding_applications.paid_cents',
      'funding_applications.status',
      'funding_applications.decided_at',
    ])
    .where('funding_applications.programme_id', '=', programmeId)
    .where('funding_applications.status', 'in', [...COMMITTED_STATUSES])
    .orderBy('municipalities.name')
    .orderBy('funding_applications.title')
    .orderBy('funding_applications.id')
    .execute();
}

// ---- consistency check (decision 026) ----

/** Applications with their project's status and the number of completed reviews. */
export async function listApplicationsForCheck(db: DbOrTrx) {
  return db
    .selectFrom('funding_applications')
    .innerJoin('funding_projects', 'funding_projects.id', 'funding_applications.project_id')
    .select((eb) => [
      'funding_applications.id',
      'funding_applications.ags',
      'funding_applications.title',
      'funding_applications.status',
      'funding_applications.submitted_at',
      'funding_applications.decided_at',
      'funding_applications.project_id',
      'funding_projects.title as project_title',
      'funding_projects.status as project_status',
      eb
        .selectFrom('funding_reviews')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('funding_reviews.application_id', '=', 'funding_applications.id')
        .where('funding_reviews.status', '=', 'submitted')
        .as('reviews_done'),
    ])
    .orderBy('funding_applications.id')
    .execute();
}

/** Payments with their application. */
export async function listPaymentsForCheck(db: DbOrTrx) {
  return db
    .selectFrom('funding_payments')
    .innerJoin('funding_applications', 'funding_applications.id', 'funding_payments.application_id')
    .select([
      'funding_payments.id',
      'funding_payments.application_id',
      'funding_payments.requested_on',
      'funding_payments.paid_on',
      'funding_applications.ags',
      'funding_applications.title',
    ])
    .orderBy('funding_payments.id')
    .execute();
}
