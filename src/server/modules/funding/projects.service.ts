import {
  type BeccariaSteps,
  beccariaCompleteness,
  type CreateProjectInput,
  emptySteps,
  type FieldOfAction,
  locationSchema,
  missingForApplication,
  partnerSchema,
  type Project,
  type ProjectListItem,
  type ProjectListQuery,
  PROJECT_STATUS_LABELS,
  PROJECT_TRANSITIONS,
  type ProjectStatus,
  stepsSchema,
  type UpdateProjectInput,
} from '../../../shared/projects.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { allows } from '../../../shared/policies.ts';
import { requireAccess } from '../../auth/access.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import * as repo from './funding.repository.ts';
import { nowIso } from '../../../shared/time.ts';

/*
 * Projects of a municipality after the Beccaria standard: the seven steps, fields of action,
 * partners, locations (GeoJSON, validated by the shared schema), documents and the status with its
 * allowed transitions. Completeness per step is computed, never stored.
 */

type Text = { de: string; en: string };
const ruleError = (field: string, code: string, text: Text) => new AppError('rule-violation', text, [{ field, code, message: text }]);

// ---- presenters ----

/** The steps stored as JSON, read back through the schema (defaults fill what an older row lacks). */
export function parseSteps(json: string): BeccariaSteps {
  try {
    const r = stepsSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : emptySteps();
  } catch {
    return emptySteps();
  }
}

function parseList<T>(json: string, item: { safeParse(v: unknown): { success: boolean; data?: T } }): T[] {
  try {
    const raw = JSON.parse(json) as unknown[];
    return Array.isArray(raw)
      ? raw.flatMap((v) => {
          const r = item.safeParse(v);
          return r.success ? [r.data as T] : [];
        })
      : [];
  } catch {
    return [];
  }
}

export const presentField = (f: { id: number; code: string; name: string; name_en: string }): FieldOfAction => ({
  id: f.id,
  code: f.code,
  name: f.name,
  nameEn: f.name_en,
});

async function presentProject(db: DbOrTrx, row: repo.ProjectRow): Promise<Project> {
  const [fields, applications] = await Promise.all([repo.listProjectFields(db, [row.id]), repo.listApplicationRefsOfProject(db, row.id)]);
  // The project's own documents, then those of its applications' proofs of use.
  const documents = [
    ...(await listDocumentsOfOwners(db, 'funding_project', [row.id])),
    ...(await listDocumentsOfOwners(
      db,
      'funding_application',
      applications.map((a) => a.id),
    )),
  ];
  const status = row.status as ProjectStatus;
  const steps = parseSteps(row.steps_json);
  return {
    id: row.id,
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtAgs: row.district_ags,
    districtName: row.district_name,
    title: row.title,
    status,
    allowedTransitions: [...PROJECT_TRANSITIONS[status]],
    fields: fields.map(presentField),
    startDate: row.start_date,
    endDate: row.end_date,
    steps,
    completeness: beccariaCompleteness(steps, status),
    readyForApplication: missingForApplication(steps).length === 0,
    partners: parseList(row.partners_json, partnerSchema),
    locations: parseList(row.locations_json, locationSchema),
    documents,
    applications: applications.map((a) => ({
      id: a.id,
      programmeYear: a.year,
      status: a.status,
      requestedCents: a.requested_cents,
      approvedCents: a.approved_cents,
      paidCents: a.paid_cents,
    })),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// ---- reading ----

/** The project row, if it exists and the principal may see it (404 / 403 otherwise). */
export async function requireVisibleProject(db: DbOrTrx, principal: Principal, id: number): Promise<repo.ProjectRow> {
  const row = await repo.findProjectRow(db, id);
  if (!row) throw notFound({ de: `Kein Projekt Nr. ${id}.`, en: `No project no. ${id}.` });
  await requireAccess(db, principal, 'funding.readProjects', row.ags);
  return row;
}

async function requireWritableProject(db: DbOrTrx, principal: Principal, id: number): Promise<repo.ProjectRow> {
  const row = await requireVisibleProject(db, principal, id);
  await requireAccess(db, principal, 'funding.writeProjects', row.ags);
  return row;
}

export async function getProject(db: DbOrTrx, principal: Principal, id: number): Promise<Project> {
  const project = await presentProject(db, await requireVisibleProject(db, principal, id));
  // Police read the project, not its funding.
  return allows('funding.projectFunding', principal.role) ? project : { ...project, applications: [] };
}

async function getProjectUnscoped(db: DbOrTrx, id: number): Promise<Project> {
  const row = await repo.findProjectRow(db, id);
  if (!row) throw notFound({ de: `Kein Projekt Nr. ${id}.`, en: `No project no. ${id}.` });
  return presentProject(db, row);
}

/** The principal's projects (coordinator: own communes; police: its directorate), newest change first. */
export async function listProjects(db: DbOrTrx, principal: Principal, q: ProjectListQuery) {
  const { rows, total } = await repo.listProjectRows(db, principal, q, q.pageSize, (q.page - 1) * q.pageSize);
  const fields = await repo.listProjectFields(
    db,
    rows.map((r) => r.id),
  );
  const items: ProjectListItem[] = rows.map((r) => {
    const steps = parseSteps(r.steps_json);
    const completeness = beccariaCompleteness(steps, r.status as ProjectStatus);
    return {
      id: r.id,
      ags: r.ags,
      municipalityName: r.municipality_name,
      title: r.title,
      status: r.status as ProjectStatus,
      fieldIds: fields.filter((f) => f.project_id === r.id).map((f) => f.id),
      completeSteps: completeness.filter((c) => c.state === 'complete').length,
      readyForApplication: missingForApplication(steps).length === 0,
      updatedAt: r.updated_at,
    };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function listFields(db: DbOrTrx): Promise<FieldOfAction[]> {
  return (await repo.listFieldsOfAction(db)).map(presentField);
}

// ---- writing ----

async function assertFields(db: DbOrTrx, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = await repo.findFieldsOfAction(db, unique);
  const missing = unique.filter((id) => !found.some((f) => f.id === id && f.active === 1));
  if (missing.length)
    throw fieldError(
      'fieldIds',
      { de: `Unbekanntes Handlungsfeld: ${missing.join(', ')}.`, en: `Unknown field of action: ${missing.join(', ')}.` },
      'unknown',
    );
  return unique;
}

function assertDates(start: string | null, end: string | null): void {
  if (start && end && end < start)
    throw fieldError('endDate', { de: 'Das Ende liegt vor dem Beginn.', en: 'The end lies before the start.' }, 'range');
}

/** Creates a project of a municipality the principal manages. */
export async function createProject(db: DbOrTrx, actor: Actor, principal: Principal, input: CreateProjectInput): Promise<Project> {
  const place = await repo.findPlace(db, input.ags);
  if (!place)
    throw fieldError('ags', { de: `Keine Kommune mit dem AGS ${input.ags}.`, en: `No municipality with AGS ${input.ags}.` }, 'unknown');
  await requireAccess(db, principal, 'funding.writeProjects', input.ags);
  const fieldIds = await assertFields(db, input.fieldIds);
  assertDates(input.startDate, input.endDate);
  const at = nowIso();
  const id = await repo.insertProject(db, {
    ags: input.ags,
    title: input.title,
    status: 'idea',
    start_date: input.startDate,
    end_date: input.endDate,
    steps_json: JSON.stringify(input.steps),
    partners_json: JSON.stringify(input.partners),
    locations_json: JSON.stringify(input.locations),
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  });
  await repo.replaceProjectFields(db, id, fieldIds);
  const after = await getProjectUnscoped(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'funding_project', entityId: id, after: auditView(after) });
  return after;
}

/** The audit trail keeps the content, not the document list (documents are audited on their own). */
const auditView = (p: Project) => ({
  ...p,
  documents: p.documents.map((d) => d.id),
  completeness: undefined,
  allowedTransitions: undefined,
});

/** Changes title, fields, dates, steps (those given), partners or locations; a stale version gets 409. */
export async function updateProject(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: UpdateProjectInput,
): Promise<Project> {
  const row = await requireWritableProject(db, principal, id);
  const before = await presentProject(db, row);
  if (before.version !== input.version) throw conflict(before);
  const fieldIds = input.fieldIds ? await assertFields(db, input.fieldIds) : undefined;
  const start = input.startDate !== undefined ? input.startDate : before.startDate;
  const end = input.endDate !== undefined ? input.endDate : before.endDate;
  assertDates(start, end);
  const steps = {
    ...before.steps,
    ...Object.fromEntries(Object.entries(input.steps ?? {}).filter(([, v]) => v !== undefined)),
  } as BeccariaSteps;
  const ok = await repo.updateProjectVersioned(db, id, input.version, {
    title: input.title ?? before.title,
    start_date: start,
    end_date: end,
    steps_json: JSON.stringify(steps),
    partners_json: JSON.stringify(input.partners ?? before.partners),
    locations_json: JSON.stringify(input.locations ?? before.locations),
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(await getProjectUnscoped(db, id));
  if (fieldIds) await repo.replaceProjectFields(db, id, fieldIds);
  const after = await getProjectUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'update',
    entityType: 'funding_project',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

/** Moves a project along idea → planned → running → completed → evaluated (planned may go back to idea). */
export async function changeProjectStatus(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: { version: number; status: ProjectStatus },
): Promise<Project> {
  const row = await requireWritableProject(db, principal, id);
  const before = await presentProject(db, row);
  if (before.version !== input.version) throw conflict(before);
  if (!PROJECT_TRANSITIONS[before.status].includes(input.status)) {
    const from = PROJECT_STATUS_LABELS[before.status];
    const to = PROJECT_STATUS_LABELS[input.status];
    throw ruleError('status', 'transition_not_allowed', {
      de: `Von „${from.de}“ geht es nicht zu „${to.de}“.`,
      en: `A project cannot go from "${from.en}" to "${to.en}".`,
    });
  }
  if (input.status === 'evaluated') {
    const open = beccariaCompleteness(before.steps, 'evaluated')
      .filter((c) => c.state !== 'complete')
      .map((c) => c.step);
    if (open.length) {
      throw ruleError('status', 'beccaria_incomplete', {
        de: `Evaluiert erst, wenn alle sieben Beccaria-Schritte vollständig sind (offen: ${open.join(', ')}).`,
        en: `Evaluated only once all seven Beccaria steps are complete (open: ${open.join(', ')}).`,
      });
    }
  }
  const ok = await repo.updateProjectVersioned(db, id, input.version, { status: input.status, updated_at: nowIso() });
  if (!ok) throw conflict(await getProjectUnscoped(db, id));
  const after = await getProjectUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'status',
    entityType: 'funding_project',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status },
  });
  return after;
}
