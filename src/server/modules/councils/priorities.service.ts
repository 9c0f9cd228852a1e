import type { CreatePriorityInput, Priorities, Priority, UpdatePriorityInput } from '../../../shared/councils.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { listTimeline, recordMilestone } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAccess } from '../../auth/access.ts';
import { municipalityExists } from '../territory/index.ts';
import * as repo from './councils.repository.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

/*
 * Problem fields and prevention areas of a municipality, each linked to the fields-of-action
 * catalogue. Completing a step ("problem fields identified", "prevention areas defined") records an
 * alliance event, so it shows on the municipality's timeline.
 */

const STEP_EVENT = { problem_field: 'problem_fields_identified', prevention_area: 'prevention_areas_defined' } as const;

function present(r: repo.PriorityRow): Priority {
  return {
    id: r.id,
    ags: r.ags,
    kind: r.kind as Priority['kind'],
    fieldOfActionId: r.field_id,
    fieldOfActionName: r.field_name,
    title: r.title,
    description: r.description,
    priority: r.priority as Priority['priority'],
    source: r.source as Priority['source'],
    identifiedOn: r.identified_on,
    version: r.version,
  };
}

async function requireMunicipalityInScope(db: DbOrTrx, principal: Principal, ags: string, write: boolean) {
  if (!(await municipalityExists(db, ags)))
    throw notFound({ de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` });
  await requireAccess(db, principal, write ? 'councils.write' : 'councils.read', ags);
}

async function assertField(db: DbOrTrx, id: number): Promise<void> {
  const f = (await repo.listFieldsOfAction(db)).find((x) => x.id === id);
  if (!f || f.active !== 1)
    throw fieldError(
      'fieldOfActionId',
      { de: `Kein aktives Handlungsfeld Nr. ${id}.`, en: `No active field of action no. ${id}.` },
      'unknown',
    );
}

export async function getPriorities(db: DbOrTrx, principal: Principal, ags: string): Promise<Priorities> {
  await requireMunicipalityInScope(db, principal, ags, false);
  const [rows, timeline, fields] = await Promise.all([repo.listPriorities(db, ags), listTimeline(db, ags), repo.listFieldsOfAction(db)]);
  const first = (type: string) =>
    timeline
      .filter((e) => e.type === type)
      .map((e) => e.date)
      .sort()[0] ?? null;
  return {
    ags,
    items: rows.map(present),
    steps: { problemFieldsIdentifiedOn: first('problem_fields_identified'), preventionAreasDefinedOn: first('prevention_areas_defined') },
    fieldsOfAction: fields.filter((f) => f.active === 1).map((f) => ({ id: f.id, name: f.name, nameEn: f.name_en })),
  };
}

export async function createPriority(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  ags: string,
  input: CreatePriorityInput,
): Promise<Priority> {
  await requireMunicipalityInScope(db, principal, ags, true);
  await assertField(db, input.fieldOfActionId);
  if (input.identifiedOn > todayBerlin())
    throw fieldError('identifiedOn', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' }, 'date_in_future');
  const now = nowIso();
  const id = await repo.insertPriority(db, {
    ags,
    kind: input.kind,
    field_id: input.fieldOfActionId,
    title: input.title,
    description: input.description,
    priority: input.priority,
    source: input.source,
    identified_on: input.identifiedOn,
    created_at: now,
    updated_at: now,
  });
  const after = present((await repo.findPriority(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'municipal_priority', entityId: id, after });
  return after;
}

export async function updatePriority(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: UpdatePriorityInput,
): Promise<Priority> {
  const row = await repo.findPriority(db, id);
  if (!row) throw notFound({ de: `Kein Eintrag Nr. ${id}.`, en: `No entry no. ${id}.` });
  await requireMunicipalityInScope(db, principal, row.ags, true);
  const before = present(row);
  if (row.version !== input.version) throw conflict(before);
  if (input.fieldOfActionId) await assertField(db, input.fieldOfActionId);
  if (input.identifiedOn && input.identifiedOn > todayBerlin())
    throw fieldError('identifiedOn', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' }, 'date_in_future');
  const patch = Object.fromEntries(
    Object.entries({
      field_id: input.fieldOfActionId,
      title: input.title,
      description: input.description,
      priority: input.priority,
      source: input.source,
      identified_on: input.identifiedOn,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updatePriorityVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(present((await repo.findPriority(db, id))!));
  const after = present((await repo.findPriority(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'municipal_priority', entityId: id, before, after });
  return after;
}

/** Marks a step complete: records the alliance event on the municipality's timeline (once). */
export async function completeStep(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  ags: string,
  input: { step: 'problem_field' | 'prevention_area'; date: string },
): Promise<Priorities> {
  await requireMunicipalityInScope(db, principal, ags, true);
  const items = (await repo.listPriorities(db, ags)).filter((p) => p.kind === input.step);
  if (!items.length) {
    const text =
      input.step === 'problem_field'
        ? { de: 'Es ist noch kein Problemfeld erfasst.', en: 'No problem field has been recorded yet.' }
        : { de: 'Es ist noch kein Präventionsbereich erfasst.', en: 'No prevention area has been recorded yet.' };
    throw new AppError('rule-violation', text, [{ field: 'step', code: 'nothing_recorded', message: text }]);
  }
  const type = STEP_EVENT[input.step];
  if ((await listTimeline(db, ags)).some((e) => e.type === type)) {
    const text = { de: 'Dieser Schritt ist bereits abgeschlossen.', en: 'This step is already complete.' };
    throw new AppError('rule-violation', text, [{ field: 'step', code: 'already_complete', message: text }]);
  }
  const eventId = await recordMilestone(
    db,
    actor,
    ags,
    type,
    input.date,
    'date',
    `${items.length} ${input.step === 'problem_field' ? 'Problemfelder' : 'Präventionsbereiche'}: ${items.map((i) => i.title).join('; ')}`.slice(
      0,
      4000,
    ),
    { linkExisting: false },
  );
  await recordAudit(db, actor, {
    action: 'complete_step',
    entityType: 'municipal_priority',
    entityId: ags,
    after: { step: input.step, date: input.date, allianceEventId: eventId },
  });
  return getPriorities(db, principal, ags);
}
