import type { CreateProgrammeInput, Programme, ProgrammeVersion, UpdateProgrammeInput } from '../../../shared/funding.schema.ts';
import { defaultRules, formatEuro, insideWindow, type ProgrammeRules } from '../../../shared/funding.rules.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './funding.repository.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';
import { parseJson } from './funding.shared.ts';

/* Funding programmes: the rules of a year as data, changed as versions with a reason, and the publication of the funded list. */

/** The rules of a programme row. */
export function rulesOf(row: repo.ProgrammeRow): ProgrammeRules {
  const d = defaultRules(row.year, row.budget_cents);
  return {
    budgetCents: row.budget_cents,
    windowOpens: row.window_opens,
    windowCloses: row.window_closes,
    maxFundingShareBp: row.max_share_bp,
    minOwnShareBp: row.min_own_share_bp,
    minGrantCents: row.min_grant_cents,
    reimbursementThresholdCents: row.reimbursement_threshold_cents,
    staffCaps: { ...d.staffCaps, ...parseJson(row.staff_caps_json, {}) },
    quotas: parseJson(row.quotas_json, []),
  };
}

function presentProgramme(row: repo.ProgrammeRow, committedCents: number): Programme {
  const rules = rulesOf(row);
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    ...rules,
    publicList: row.public_list === 1,
    committedCents,
    windowOpenToday: insideWindow(todayBerlin(), rules),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The programme row, or 404. */
export async function requireProgrammeRow(db: DbOrTrx, id: number): Promise<repo.ProgrammeRow> {
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
  if (rules.windowCloses < rules.windowOpens)
    throw fieldError(
      'windowCloses',
      { de: 'Die Antragsfrist endet vor ihrem Beginn.', en: 'The application window closes before it opens.' },
      'range',
    );
  const ids = rules.quotas.map((q) => q.fieldId);
  if (new Set(ids).size !== ids.length)
    throw fieldError(
      'quotas',
      { de: 'Jedes Handlungsfeld höchstens ein Kontingent.', en: 'At most one quota per field of action.' },
      'duplicate',
    );
  const found = await repo.findFieldsOfAction(db, ids);
  const unknown = ids.filter((id) => !found.some((f) => f.id === id));
  if (unknown.length)
    throw fieldError(
      'quotas',
      { de: `Unbekanntes Handlungsfeld: ${unknown.join(', ')}.`, en: `Unknown field of action: ${unknown.join(', ')}.` },
      'unknown',
    );
  const sum = rules.quotas.reduce((a, q) => a + q.quotaCents, 0);
  if (sum > rules.budgetCents) {
    throw fieldError(
      'quotas',
      {
        de: `Die Kontingente (${formatEuro(sum)}) übersteigen das Budget (${formatEuro(rules.budgetCents)}).`,
        en: `The quotas (${formatEuro(sum, 'en')}) exceed the budget (${formatEuro(rules.budgetCents, 'en')}).`,
      },
      'quotas_exceed_budget',
    );
  }
  if (rules.budgetCents < committed.total) {
    throw fieldError(
      'budgetCents',
      {
        de: `Bereits ${formatEuro(committed.total)} bewilligt: Das Budget kann nicht darunter sinken.`,
        en: `${formatEuro(committed.total, 'en')} already committed: the budget cannot fall below.`,
      },
      'below_commitments',
    );
  }
  for (const q of rules.quotas) {
    const c = committed.byField.get(q.fieldId) ?? 0;
    if (q.quotaCents < c) {
      throw fieldError(
        'quotas',
        {
          de: `Im Handlungsfeld ${q.fieldId} sind bereits ${formatEuro(c)} bewilligt.`,
          en: `${formatEuro(c, 'en')} are already committed in field ${q.fieldId}.`,
        },
        'below_commitments',
      );
    }
  }
}

const versionRow = (programmeId: number, version: number, name: string, rules: ProgrammeRules, reason: string, actor: Actor) => ({
  programme_id: programmeId,
  version,
  rules_json: JSON.stringify({ name, ...rules }),
  reason,
  changed_by: actor.userId,
  changed_by_label: actor.label,
  changed_at: nowIso(),
});

/** Opens the programme of a year, with the default rules for whatever the input leaves out. */
export async function createProgramme(db: DbOrTrx, actor: Actor, input: CreateProgrammeInput): Promise<Programme> {
  const d = defaultRules(input.year, input.budgetCents);
  const rules: ProgrammeRules = {
    budgetCents: input.budgetCents,
    windowOpens: input.windowOpens ?? d.windowOpens,
    windowCloses: input.windowCloses ?? d.windowCloses,
    maxFundingShareBp: input.maxFundingShareBp ?? d.maxFundingShareBp,
    minOwnShareBp: input.minOwnShareBp ?? d.minOwnShareBp,
    minGrantCents: input.minGrantCents ?? d.minGrantCents,
    reimbursementThresholdCents: input.reimbursementThresholdCents ?? d.reimbursementThresholdCents,
    staffCaps: input.staffCaps ?? d.staffCaps,
    quotas: input.quotas ?? [],
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
    budget_cents: r.budgetCents,
    window_opens: r.windowOpens,
    window_closes: r.windowCloses,
    max_share_bp: r.maxFundingShareBp,
    min_own_share_bp: r.minOwnShareBp,
    min_grant_cents: r.minGrantCents,
    reimbursement_threshold_cents: r.reimbursementThresholdCents,
    staff_caps_json: JSON.stringify(r.staffCaps),
    quotas_json: JSON.stringify(r.quotas),
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
export async function setPublication(
  db: DbOrTrx,
  actor: Actor,
  id: number,
  input: { version: number; publicList: boolean },
): Promise<Programme> {
  const before = await getProgramme(db, id);
  if (before.version !== input.version) throw conflict(before);
  const ok = await repo.updateProgrammeVersioned(db, id, input.version, { public_list: input.publicList ? 1 : 0, updated_at: nowIso() });
  if (!ok) throw conflict(await getProgramme(db, id));
  const after = await getProgramme(db, id);
  await recordAudit(db, actor, {
    action: input.publicList ? 'publish' : 'unpublish',
    entityType: 'funding_programme',
    entityId: id,
    before: { publicList: before.publicList },
    after: { publicList: after.publicList },
  });
  return after;
}

export async function listProgrammeVersions(db: DbOrTrx, id: number): Promise<ProgrammeVersion[]> {
  await requireProgrammeRow(db, id);
  const rows = await repo.listProgrammeVersions(db, id);
  return rows.map((r) => {
    const { name, ...rules } = parseJson<ProgrammeRules & { name: string }>(r.rules_json, {} as ProgrammeRules & { name: string });
    return {
      version: r.version,
      name: name ?? '',
      rules,
      reason: r.reason,
      changedAt: r.changed_at,
      changedBy:
        r.changed_by === null ? { id: 0, name: r.changed_by_label } : { id: r.changed_by, name: r.changer_name ?? r.changed_by_label },
    };
  });
}
