import type { AllianceEvent, CancelInput, CorrectEventInput, RecordEventInput } from '../../../shared/alliance.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './alliance.repository.ts';
import { nowIso } from '../../../shared/time.ts';
import {
  asIs,
  assertAgreementUsable,
  assertConsistent,
  assertDateAllowed,
  eventColumns,
  loadEvent,
  presentEvent,
  requirePlace,
  ruleError,
} from './alliance.shared.ts';

/* The events of a municipality: recording, correcting and cancelling them against its history, and reading them. */

/** Records one event of a municipality after checking it against the municipality's history. */
export async function recordEvent(db: DbOrTrx, actor: Actor, ags: string, input: RecordEventInput): Promise<AllianceEvent> {
  await requirePlace(db, ags);
  assertDateAllowed(input.date);
  const cols = eventColumns(input);
  if (cols.agreement_id !== null) await assertAgreementUsable(db, cols.agreement_id);
  await assertConsistent(db, ags, [{ ref: 0, type: input.type, date: input.date, agreementId: cols.agreement_id }], [], asIs);
  const id = await repo.insertEvent(db, {
    ags,
    ...cols,
    status: 'active',
    source: 'api',
    created_by: actor.userId,
    created_by_label: actor.label,
    created_at: nowIso(),
  });
  const event = await loadEvent(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'alliance_event', entityId: id, after: event });
  return event;
}

async function requireActiveEvent(db: DbOrTrx, id: number, version: number) {
  const row = await repo.findEventById(db, id);
  if (!row) throw notFound({ de: `Kein Ereignis Nr. ${id}.`, en: `No event no. ${id}.` });
  const current = presentEvent(row);
  if (row.version !== version) throw conflict(current);
  if (row.status !== 'active') {
    throw ruleError('id', 'not_active', {
      de: 'Dieses Ereignis wurde bereits berichtigt oder storniert.',
      en: 'This event was already corrected or cancelled.',
    });
  }
  return current;
}

/** Corrects an event: the corrected version is a new row, the old one stays, marked corrected and linked. */
export async function correctEvent(db: DbOrTrx, actor: Actor, id: number, input: CorrectEventInput): Promise<AllianceEvent> {
  const before = await requireActiveEvent(db, id, input.version);
  const next = input.event;
  assertDateAllowed(next.date, 'event.date');
  const cols = eventColumns(next);
  if (cols.agreement_id !== null) await assertAgreementUsable(db, cols.agreement_id, 'event.agreementId');
  await assertConsistent(db, before.ags, [{ ref: 0, type: next.type, date: next.date, agreementId: cols.agreement_id }], [id], (c) =>
    ruleError(`event.${c.field}`, c.code, c),
  );
  const now = nowIso();
  const newId = await repo.insertEvent(db, {
    ags: before.ags,
    ...cols,
    status: 'active',
    corrects_id: id,
    source: 'api',
    created_by: actor.userId,
    created_by_label: actor.label,
    created_at: now,
  });
  const ok = await repo.setEventStatus(db, id, input.version, {
    status: 'corrected',
    reason: input.reason,
    at: now,
    by: actor.userId,
    supersededById: newId,
  });
  if (!ok) throw conflict(await loadEvent(db, id));
  const after = await loadEvent(db, newId);
  await recordAudit(db, actor, {
    action: 'correct',
    entityType: 'alliance_event',
    entityId: id,
    before,
    after: { reason: input.reason, supersededBy: after },
  });
  return after;
}

/** Cancels an event with a reason; it stays in the history, marked cancelled. */
export async function cancelEvent(db: DbOrTrx, actor: Actor, id: number, input: CancelInput): Promise<AllianceEvent> {
  const before = await requireActiveEvent(db, id, input.version);
  await assertConsistent(db, before.ags, [], [id], (c) =>
    ruleError('id', c.code, {
      de: `Nach der Stornierung wäre die Historie widersprüchlich: ${c.de}`,
      en: `After the cancellation the history would contradict itself: ${c.en}`,
    }),
  );
  const ok = await repo.setEventStatus(db, id, input.version, {
    status: 'cancelled',
    reason: input.reason,
    at: nowIso(),
    by: actor.userId,
  });
  if (!ok) throw conflict(await loadEvent(db, id));
  const after = await loadEvent(db, id);
  await recordAudit(db, actor, { action: 'cancel', entityType: 'alliance_event', entityId: id, before, after });
  return after;
}

/** The active events of one municipality (milestones link to an event already recorded for the same day). */
export async function listTimeline(db: DbOrTrx, ags: string) {
  return repo.listTimeline(db, ags);
}

/** Every active event dated on or before `to` (all of them without `to`), compact. */
export async function listActiveEvents(db: DbOrTrx, to?: string) {
  return repo.listActiveEvents(db, to);
}

/** One event, for the principal's scope. */
export async function getEvent(db: DbOrTrx, principal: Principal, id: number): Promise<AllianceEvent> {
  const event = await loadEvent(db, id);
  await requirePlace(db, event.ags);
  await requireAccess(db, principal, 'alliance.readDetail', event.ags);
  return event;
}
