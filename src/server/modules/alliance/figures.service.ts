import crypto from 'node:crypto';
import type {
  Agreement, AgreementEventsInput, AllianceEvent, AllianceSettings, CancelInput, CommuneState,
  CorrectEventInput, CreateAgreementInput, EventType, FigureCounts, Figures, MunicipalityDetail, MunicipalityStatusRow,
  RecordEventInput, Series, SeriesQuery, StatusFilter, StatusListQuery, UpdateAgreementInput, UpdateAllianceSettingsInput, WithdrawalKind,
} from '../../../shared/alliance.schema.ts';
import { ALLIANCE_LIMITS, DEFAULT_PROGRAMME_START, EARLIEST_EVENT_DATE } from '../../../shared/alliance.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { allows } from '../../../shared/policies.ts';
import { inScope, requireAccess, scopeOf } from '../../auth/access.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import * as repo from './alliance.repository.ts';
import { type Contradiction, dateOutOfRange, findContradiction, type TimelineEvent } from './alliance.rules.ts';
import {
  aggregateEvents, aggregatesFromIndex, buildEventIndex, communeStates, computeAreaCounts, computeFigures, computeSeries, type CoreState, EMPTY_STATE,
  type EventAggregate, type EventGroup,
  factBoxText, monthlyPoints, monthsBetween, type Place, rankWithinDistricts,
} from './figures.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

type Text = { de: string; en: string };

// ---- settings ----

const SETTINGS_KEY = 'alliance';
const DEFAULT_SETTINGS = { publicPage: false, programmeName: 'Allianz Sichere Sächsische Kommunen', programmeStart: DEFAULT_PROGRAMME_START, councilName: 'Landespräventionsrat Sachsen' };

/** The alliance settings (public page switch, programme name and start, council name). */
export async function getSettings(db: DbOrTrx): Promise<AllianceSettings> {
  const row = await repo.readSetting(db, SETTINGS_KEY);
  let stored: Partial<typeof DEFAULT_SETTINGS> = {};
  try {
    stored = row ? (JSON.parse(row.value_json) as Partial<typeof DEFAULT_SETTINGS>) : {};
  } catch {
    stored = {};
  }
  return { ...DEFAULT_SETTINGS, ...stored, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null };
}

/** Changes the alliance settings; a stale version gets 409 with the current settings. */
export async function updateSettings(db: DbOrTrx, actor: Actor, input: UpdateAllianceSettingsInput): Promise<AllianceSettings> {
  const before = await getSettings(db);
  if (before.version !== input.version) throw conflict(before);
  if (input.programmeStart && input.programmeStart > todayBerlin()) {
    throw fieldError('programmeStart', { de: 'Der Programmstart darf nicht in der Zukunft liegen.', en: 'The programme start must not lie in the future.' }, 'date_in_future');
  }
  const value = {
    publicPage: input.publicPage ?? before.publicPage,
    programmeName: input.programmeName ?? before.programmeName,
    programmeStart: input.programmeStart ?? before.programmeStart,
    councilName: input.councilName ?? before.councilName,
  };
  const ok = await repo.writeSettingVersioned(db, SETTINGS_KEY, input.version, JSON.stringify(value), nowIso());
  if (!ok) throw conflict(await getSettings(db));
  const after = await getSettings(db);
  await recordAudit(db, actor, { action: 'update', entityType: 'setting', entityId: SETTINGS_KEY, before, after });
  return after;
}

/** Throws 404 unless an admin enabled the public page. */
export async function assertPublicPageEnabled(db: DbOrTrx): Promise<AllianceSettings> {
  const s = await getSettings(db);
  if (!s.publicPage) throw notFound({ de: 'Die öffentliche Seite ist nicht freigeschaltet.', en: 'The public page is not enabled.' });
  return s;
}

// ---- presenters ----

const person = (id: number | null, name: string | null | undefined, label?: string) =>
  id === null ? (label ? { id: 0, name: label } : null) : { id, name: name ?? label ?? `#${id}` };

/** The API shape of an event row. */
export function presentEvent(r: repo.EventRow): AllianceEvent {
  return {
    id: r.id, ags: r.ags, type: r.type as EventType, date: r.date, agreementId: r.agreement_id, topic: r.topic, participants: r.participants,
    kind: r.withdrawal_kind as WithdrawalKind | null, notes: r.notes, status: r.status as AllianceEvent['status'],
    correctsId: r.corrects_id, supersededById: r.superseded_by_id, statusReason: r.status_reason, statusChangedAt: r.status_changed_at,
    statusChangedBy: r.status_changed_by === null ? null : person(r.status_changed_by, r.changer_name),
    source: r.source as AllianceEvent['source'], createdBy: person(r.created_by, r.creator_name, r.created_by_label),
    createdAt: r.created_at, version: r.version,
  };
}

async function presentAgreements(db: DbOrTrx, rows: repo.AgreementRow[]): Promise<Agreement[]> {
  const ids = rows.map((r) => r.id);
  const [events, signatories, documents] = await Promise.all([repo.listAgreementEvents(db, ids), repo.listSignatories(db, ids), listDocumentsOfOwners(db, 'alliance_agreement', ids)]);
  return rows.map((r) => {
    const active = events.filter((e) => e.agreement_id === r.id && e.status === 'active');
    const parties = active.filter((e) => e.type === 'agreement_signed').map((s) => ({
      ags: s.ags, name: s.name, signedOn: s.date,
      terminatedOn: active.find((e) => e.ags === s.ags && e.type === 'agreement_terminated')?.date ?? null,
      amendedOn: active.filter((e) => e.ags === s.ags && e.type === 'agreement_amended').map((e) => e.date),
    }));
    const signedOn = parties.length ? parties.map((p) => p.signedOn).sort()[0]! : null;
    const terminatedOn = parties.length && parties.every((p) => p.terminatedOn) ? parties.map((p) => p.terminatedOn!).sort().at(-1)! : null;
    return {
      id: r.id, reference: r.reference, title: r.title, status: r.status as Agreement['status'], statusReason: r.status_reason,
      signedOn, terminatedOn, joint: parties.length > 1, parties,
      directorateId: r.directorate_id, directorateName: r.directorate_name ?? null, councilParty: r.council_party,
      signatories: signatories.filter((s) => s.agreement_id === r.id).map((s) => ({ name: s.name, function: s.function, party: s.party as Agreement['signatories'][number]['party'], ags: s.ags })),
      documents: documents.filter((d) => d.ownerId === r.id),
      notes: r.notes, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
    };
  });
}

// ---- rules ----

function ruleError(field: string, code: string, text: Text): AppError {
  return new AppError('rule-violation', text, [{ field, code, message: text }]);
}

function assertDateAllowed(date: string, field = 'date'): void {
  const problem = dateOutOfRange(date, todayBerlin(), EARLIEST_EVENT_DATE);
  if (problem) throw ruleError(field, problem.code, problem);
}

/** Refuses the change when the municipality's resulting history contradicts itself. */
async function assertConsistent<R>(db: DbOrTrx, ags: string, add: TimelineEvent<R | number>[], removeIds: number[], map: (c: Contradiction<R | number>) => AppError): Promise<void> {
  await repo.lockMunicipality(db, ags);
  const current = (await repo.listTimeline(db, ags)).filter((e) => !removeIds.includes(e.ref));
  const c = findContradiction<R | number>([...current, ...add]);
  if (c) throw map(c);
}

const asIs = (c: Contradiction<unknown>) => ruleError(c.field, c.code, c);

async function requirePlace(db: DbOrTrx, ags: string) {
  const place = await repo.findPlace(db, ags);
  if (!place) throw notFound({ de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` });
  return place;
}

async function requireAgreementRow(db: DbOrTrx, id: number) {
  const row = (await repo.findAgreementRows(db, [id]))[0];
  if (!row) throw notFound({ de: `Keine Kooperationsvereinbarung Nr. ${id}.`, en: `No cooperation agreement no. ${id}.` });
  return row;
}

/** For an event that refers to an agreement: the agreement must exist and not be cancelled. */
async function assertAgreementUsable(db: DbOrTrx, agreementId: number, field = 'agreementId'): Promise<void> {
  const row = (await repo.findAgreementRows(db, [agreementId]))[0];
  if (!row) throw fieldError(field, { de: `Keine Kooperationsvereinbarung Nr. ${agreementId}.`, en: `No cooperation agreement no. ${agreementId}.` }, 'unknown');
  if (row.status !== 'active') throw ruleError(field, 'agreement_cancelled', { de: `Die Vereinbarung Nr. ${agreementId} ist storniert.`, en: `Agreement no. ${agreementId} is cancelled.` });
}

function eventColumns(input: RecordEventInput) {
  return {
    type: input.type, date: input.date, notes: input.notes,
    topic: input.type === 'consultation' ? input.topic || null : null,
    participants: input.type === 'consultation' ? input.participants || null : null,
    withdrawal_kind: input.type === 'withdrawn' ? input.kind : null,
    agreement_id: 'agreementId' in input ? input.agreementId : null,
  };
}

async function loadEvent(db: DbOrTrx, id: number): Promise<AllianceEvent> {
  const row = await repo.findEventById(db, id);
  if (!row) throw notFound({ de: `Kein Ereignis Nr. ${id}.`, en: `No event no. ${id}.` });
  return presentEvent(row);
}

// ---- recording events ----

/** Records one event of a municipality after checking it against the municipality's history. */
export async function recordEvent(db: DbOrTrx, actor: Actor, ags: string, input: RecordEventInput): Promise<AllianceEvent> {
  await requirePlace(db, ags);
  assertDateAllowed(input.date);
  const cols = eventColumns(input);
  if (cols.agreement_id !== null) await assertAgreementUsable(db, cols.agreement_id);
  await assertConsistent(db, ags, [{ ref: 0, type: input.type, date: input.date, agreementId: cols.agreement_id }], [], asIs);
  const id = await repo.insertEvent(db, { ags, ...cols, status: 'active', source: 'api', created_by: actor.userId, created_by_label: actor.label, created_at: nowIso() });
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
    throw ruleError('id', 'not_active', { de: 'Dieses Ereignis wurde bereits berichtigt oder storniert.', en: 'This event was already corrected or cancelled.' });
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
  await assertConsistent(db, before.ags, [{ ref: 0, type: next.type, date: next.date, agreementId: cols.agreement_id }], [id],
    (c) => ruleError(`event.${c.field}`, c.code, c));
  const now = nowIso();
  const newId = await repo.insertEvent(db, {
    ags: before.ags, ...cols, status: 'active', corrects_id: id, source: 'api', created_by: actor.userId, created_by_label: actor.label, created_at: now,
  });
  const ok = await repo.setEventStatus(db, id, input.version, { status: 'corrected', reason: input.reason, at: now, by: actor.userId, supersededById: newId });
  if (!ok) throw conflict(await loadEvent(db, id));
  const after = await loadEvent(db, newId);
  await recordAudit(db, actor, { action: 'correct', entityType: 'alliance_event', entityId: id, before, after: { reason: input.reason, supersededBy: after } });
  return after;
}

/** Cancels an event with a reason; it stays in the history, marked cancelled. */
export async function cancelEvent(db: DbOrTrx, actor: Actor, id: number, input: CancelInput): Promise<AllianceEvent> {
  const before = await requireActiveEvent(db, id, input.version);
  await assertConsistent(db, before.ags, [], [id], (c) => ruleError('id', c.code, {
    de: `Nach der Stornierung wäre die Historie widersprüchlich: ${c.de}`, en: `After the cancellation the history would contradict itself: ${c.en}`,
  }));
  const ok = await repo.setEventStatus(db, id, input.version, { status: 'cancelled', reason: input.reason, at: nowIso(), by: actor.userId });
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

// ---- agreements ----

async function getAgreementUnscoped(db: DbOrTrx, id: number): Promise<Agreement> {
  return (await presentAgreements(db, [await requireAgreementRow(db, id)]))[0]!;
}

/** One agreement, if the principal may see at least one of its municipalities. */
export async function getAgreement(db: DbOrTrx, principal: Principal, id: number): Promise<Agreement> {
  const agreement = await getAgreementUnscoped(db, id);
  await assertAgreementVisible(db, principal, id);
  return agreement;
}

async function assertAgreementVisible(db: DbOrTrx, principal: Principal, id: number): Promise<void> {
  const events = await repo.listAgreementEvents(db, [id]);
  await requireAccess(db, principal, 'alliance.readDetail', { any: events.map((e) => e.ags) });
}

function checkSignatoryAgs(signatories: { ags: string | null }[], parties: string[]): void {
  signatories.forEach((s, i) => {
    if (s.ags !== null && !parties.includes(s.ags)) {
      throw fieldError(`signatories.${i}.ags`, { de: `Die Kommune ${s.ags} ist nicht Partei dieser Vereinbarung.`, en: `Municipality ${s.ags} is not a party of this agreement.` }, 'not_party');
    }
  });
}

function duplicateReference(reference: string): AppError {
  const text = { de: `Das Aktenzeichen „${reference}“ ist bereits vergeben.`, en: `The reference "${reference}" is already in use.` };
  return new AppError('duplicate', text, [{ field: 'reference', code: 'duplicate', message: text }]);
}

async function assertReferenceFree(db: DbOrTrx, reference: string | null, ownId?: number): Promise<void> {
  if (!reference) return;
  const other = await repo.findAgreementByReference(db, reference);
  if (other && other.id !== ownId) throw duplicateReference(reference);
}

/** Inserts an agreement; a concurrent insert of the same reference becomes 409, not 500. */
async function insertAgreementOrDuplicate(db: DbOrTrx, reference: string | null, row: Parameters<typeof repo.insertAgreement>[1]): Promise<number> {
  try {
    return await repo.insertAgreement(db, row);
  } catch (err) {
    if (reference && repo.isUniqueViolation(err)) throw duplicateReference(reference);
    throw err;
  }
}

/** Creates a cooperation agreement: the agreement, a signing event per municipality, the signatories. */
export async function createAgreement(db: DbOrTrx, actor: Actor, input: CreateAgreementInput): Promise<Agreement> {
  assertDateAllowed(input.signedOn, 'signedOn');
  const places = [];
  const unknown: string[] = [];
  for (const ags of input.municipalities) {
    const p = await repo.findPlace(db, ags);
    if (p) places.push(p); else unknown.push(ags);
  }
  if (unknown.length) throw fieldError('municipalities', { de: `Unbekannte AGS: ${unknown.join(', ')}.`, en: `Unknown AGS: ${unknown.join(', ')}.` }, 'unknown');
  let directorateId = input.directorateId;
  if (directorateId !== null) {
    if (!(await repo.findDirectorate(db, directorateId))) throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
  } else {
    directorateId = places[0]!.directorate_id ?? null;
  }
  checkSignatoryAgs(input.signatories, input.municipalities);
  await assertReferenceFree(db, input.reference);
  const councilParty = input.councilParty ?? (await getSettings(db)).councilName;
  const now = nowIso();
  const id = await insertAgreementOrDuplicate(db, input.reference, {
    reference: input.reference, title: input.title, directorate_id: directorateId, council_party: councilParty, notes: input.notes,
    status: 'active', created_by: actor.userId, created_at: now, updated_at: now,
  });
  await repo.lockMunicipalities(db, places.map((p) => p.ags));
  for (const p of places) {
    await assertConsistent(db, p.ags, [{ ref: 0, type: 'agreement_signed', date: input.signedOn, agreementId: id }], [], (c) =>
      ruleError(c.field === 'date' ? 'signedOn' : 'municipalities', c.code, { de: `${p.name}: ${c.de}`, en: `${p.name}: ${c.en}` }));
    const eventId = await repo.insertEvent(db, {
      ags: p.ags, type: 'agreement_signed', date: input.signedOn, agreement_id: id, notes: input.notes, status: 'active', source: 'api',
      created_by: actor.userId, created_by_label: actor.label, created_at: now,
    });
    await recordAudit(db, actor, { action: 'create', entityType: 'alliance_event', entityId: eventId, after: await loadEvent(db, eventId) });
  }
  await repo.replaceSignatories(db, id, input.signatories);
  const agreement = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'alliance_agreement', entityId: id, after: agreement });
  return agreement;
}

/** Changes an agreement's title, reference, parties' directorate, council party, notes or signatories. */
export async function updateAgreement(db: DbOrTrx, actor: Actor, id: number, input: UpdateAgreementInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (before.status !== 'active') throw ruleError('id', 'agreement_cancelled', { de: 'Die Vereinbarung ist storniert.', en: 'The agreement is cancelled.' });
  if (input.directorateId !== undefined && !(await repo.findDirectorate(db, input.directorateId))) {
    throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
  }
  if (input.signatories) checkSignatoryAgs(input.signatories, before.parties.map((p) => p.ags));
  if (input.reference !== undefined) await assertReferenceFree(db, input.reference, id);
  const reference = input.reference !== undefined ? input.reference : before.reference;
  const ok = await repo.updateAgreementVersioned(db, id, input.version, {
    title: input.title ?? before.title, reference, directorate_id: input.directorateId ?? before.directorateId,
    council_party: input.councilParty ?? before.councilParty, notes: input.notes ?? before.notes, updated_at: nowIso(),
  }).catch((err: unknown) => {
    if (reference && repo.isUniqueViolation(err)) throw duplicateReference(reference);
    throw err;
  });
  if (!ok) throw conflict(await getAgreementUnscoped(db, id));
  if (input.signatories) await repo.replaceSignatories(db, id, input.signatories);
  const after = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'alliance_agreement', entityId: id, before, after });
  return after;
}

/** Records an amendment or termination for the agreement's municipalities (all covered ones by default). */
export async function recordAgreementEvents(db: DbOrTrx, actor: Actor, id: number, input: AgreementEventsInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.status !== 'active') throw ruleError('id', 'agreement_cancelled', { de: 'Die Vereinbarung ist storniert.', en: 'The agreement is cancelled.' });
  assertDateAllowed(input.date);
  let targets: string[];
  if (input.municipalities) {
    const foreign = input.municipalities.filter((a) => !before.parties.some((p) => p.ags === a));
    if (foreign.length) throw fieldError('municipalities', { de: `Nicht Partei dieser Vereinbarung: ${foreign.join(', ')}.`, en: `Not a party of this agreement: ${foreign.join(', ')}.` }, 'not_party');
    targets = [...new Set(input.municipalities)];
  } else {
    // Every party that has not left yet; the rules then refuse a date before a party's signing.
    targets = before.parties.filter((p) => p.terminatedOn === null).map((p) => p.ags);
    if (!targets.length) {
      throw ruleError('type', 'already_terminated', { de: 'Die Vereinbarung ist für alle Kommunen bereits beendet.', en: 'The agreement was already terminated for every municipality.' });
    }
  }
  const now = nowIso();
  targets.sort();
  await repo.lockMunicipalities(db, targets);
  for (const ags of targets) {
    const party = before.parties.find((p) => p.ags === ags)!;
    await assertConsistent(db, ags, [{ ref: 0, type: input.type, date: input.date, agreementId: id }], [], (c) =>
      ruleError(c.field === 'agreementId' ? 'municipalities' : c.field, c.code, { de: `${party.name}: ${c.de}`, en: `${party.name}: ${c.en}` }));
    const eventId = await repo.insertEvent(db, {
      ags, type: input.type, date: input.date, agreement_id: id, notes: input.notes, status: 'active', source: 'api',
      created_by: actor.userId, created_by_label: actor.label, created_at: now,
    });
    await recordAudit(db, actor, { action: 'create', entityType: 'alliance_event', entityId: eventId, after: await loadEvent(db, eventId) });
  }
  return getAgreementUnscoped(db, id);
}

/** Cancels an agreement entered by mistake: it and all its events stay, marked cancelled. */
export async function cancelAgreement(db: DbOrTrx, actor: Actor, id: number, input: CancelInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (before.status !== 'active') throw ruleError('id', 'agreement_cancelled', { de: 'Die Vereinbarung ist bereits storniert.', en: 'The agreement is already cancelled.' });
  const events = (await repo.listAgreementEvents(db, [id])).filter((e) => e.status === 'active');
  const ids = events.map((e) => e.id);
  const parties = [...new Set(events.map((e) => e.ags))].sort();
  await repo.lockMunicipalities(db, parties);
  for (const ags of parties) {
    await assertConsistent(db, ags, [], ids, (c) => ruleError('id', c.code, {
      de: `Nach der Stornierung wäre die Historie von ${ags} widersprüchlich: ${c.de}`, en: `After the cancellation the history of ${ags} would contradict itself: ${c.en}`,
    }));
  }
  const now = nowIso();
  await repo.cancelEventsByIds(db, ids, input.reason, now, actor.userId);
  const ok = await repo.updateAgreementVersioned(db, id, input.version, { status: 'cancelled', status_reason: input.reason, updated_at: now });
  if (!ok) throw conflict(await getAgreementUnscoped(db, id));
  const after = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, { action: 'cancel', entityType: 'alliance_agreement', entityId: id, before, after: { ...after, cancelledEvents: ids } });
  return after;
}

// ---- figures ----

/**
 * How the figures load their events; all three are measured by bench/figures.ts (see ADR 005):
 * - `sql`: GROUP BY in the database, per request;
 * - `memory`: the compact event table loaded per request and folded in memory;
 * - `indexed`: the compact table loaded once per change of the events (a counter in the database
 *   says when) into a sorted index kept by the server; per request a binary search per group.
 */
export type FiguresStrategy = 'sql' | 'memory' | 'indexed';
export const FIGURES_STRATEGY: { current: FiguresStrategy } = { current: 'indexed' };

const eventIndexes = new WeakMap<object, { generation: number; index: EventGroup[] }>();

async function indexedAggregates(db: DbOrTrx, at: string): Promise<EventAggregate[]> {
  // Inside a transaction the caller may see its own uncommitted writes: no cache there.
  if (db.isTransaction) return repo.aggregateActiveEvents(db, at);
  // The counter is read before the events, so a cached index is never older than its counter.
  const generation = await repo.readEventsGeneration(db);
  let entry = eventIndexes.get(db);
  if (generation === null || !entry || entry.generation !== generation) {
    entry = { generation: generation ?? -1, index: buildEventIndex(await repo.listActiveEvents(db)) };
    if (generation !== null) eventIndexes.set(db, entry);
  }
  return aggregatesFromIndex(entry.index, at);
}

/** The aggregates of the active events up to `at`. */
export async function loadAggregates(db: DbOrTrx, at: string, strategy: FiguresStrategy = FIGURES_STRATEGY.current): Promise<EventAggregate[]> {
  switch (strategy) {
    case 'sql': return repo.aggregateActiveEvents(db, at);
    case 'memory': return aggregateEvents(await repo.listActiveEvents(db, at), at);
    default: return indexedAggregates(db, at);
  }
}

export interface FigureInputs {
  at: string;
  placeRows: repo.PlaceRow[];
  places: Place[];
  districts: Awaited<ReturnType<typeof repo.listDistricts>>;
  directorates: Awaited<ReturnType<typeof repo.listDirectorates>>;
  states: Map<string, CoreState>;
  ranks: Map<string, number>;
}

const toPlace = (r: repo.PlaceRow): Place => ({ ags: r.ags, name: r.name, districtAgs: r.district_ags, directorateId: r.directorate_id ?? null, active: r.active === 1 });

/** Everything the figures of one date need, loaded once per request. */
export async function loadFigureInputs(db: DbOrTrx, at: string): Promise<FigureInputs> {
  const [placeRows, districts, directorates, aggregates] = await Promise.all([repo.listPlaces(db), repo.listDistricts(db), repo.listDirectorates(db), loadAggregates(db, at)]);
  const places = placeRows.map(toPlace);
  const states = communeStates(aggregates);
  return { at, placeRows, places, districts, directorates, states, ranks: rankWithinDistricts(places, states) };
}

/** The network figures at a date: statewide, per district, per police directorate. */
export async function getFigures(db: DbOrTrx, at: string = todayBerlin()): Promise<Figures> {
  const [inputs, settings] = await Promise.all([loadFigureInputs(db, at), getSettings(db)]);
  return figuresFrom(inputs, settings.programmeStart);
}

export function figuresFrom(inputs: FigureInputs, programmeStart: string): Figures {
  const t = computeFigures(inputs.places, inputs.states, inputs.districts.map((d) => ({ key: d.ags, name: d.name })), inputs.directorates.map((d) => ({ key: d.id, name: d.name })));
  return { at: inputs.at, programmeStart, ...t };
}

function stateWithRank(inputs: FigureInputs, ags: string): CommuneState {
  const { agreementsSigned: _signed, ...s } = inputs.states.get(ags) ?? EMPTY_STATE;
  return { ...s, agreementsInForce: [...s.agreementsInForce], rank: inputs.ranks.get(ags) ?? null };
}

/** Each municipality's status at the date, with the principal's right to open its record. */
export async function statusRows(db: DbOrTrx, principal: Principal | null, inputs: FigureInputs): Promise<MunicipalityStatusRow[]> {
  const scope = principal && allows('alliance.readDetail', principal.role) ? await scopeOf(db, principal) : null;
  return inputs.placeRows
    .filter((r) => r.active === 1 || inputs.states.has(r.ags))
    .map((r) => ({
      ags: r.ags, name: r.name, districtAgs: r.district_ags, districtName: r.district_name, directorateId: r.directorate_id ?? null,
      directorateName: r.directorate_name ?? null, active: r.active === 1, canSeeDetail: scope !== null && inScope(scope, r.ags), ...stateWithRank(inputs, r.ags),
    }));
}

const STATUS_ORDER = ['none', 'advised', 'former', 'collaboration', 'pre_agreement', 'agreement', 'paused', 'withdrawn'];

/** The list of municipalities with their status at a date: filtered, sorted, paged. */
export async function listStatuses(db: DbOrTrx, principal: Principal, q: StatusListQuery) {
  const inputs = await loadFigureInputs(db, q.at ?? todayBerlin());
  const rows = filterStatuses(await statusRows(db, principal, inputs), q);
  const start = (q.page - 1) * q.pageSize;
  return { items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
}

/** Applies the list's filters and order (the list and the export share them). */
export function filterStatuses(all: MunicipalityStatusRow[], q: StatusFilter): MunicipalityStatusRow[] {
  let rows = all;
  if (q.detailOnly === 'true') rows = rows.filter((r) => r.canSeeDetail);
  if (q.district) rows = rows.filter((r) => r.districtAgs === q.district);
  if (q.directorateId) rows = rows.filter((r) => r.directorateId === q.directorateId);
  if (q.status) rows = rows.filter((r) => r.status === q.status);
  if (q.inCollaboration) rows = rows.filter((r) => r.inCollaboration === (q.inCollaboration === 'true'));
  if (q.q) {
    const needle = q.q.trim().toLowerCase();
    rows = rows.filter((r) => (/^\d+$/.test(needle) ? r.ags.startsWith(needle) : r.name.toLowerCase().includes(needle)));
  }
  const dir = q.order === 'asc' ? 1 : -1;
  const key = (r: MunicipalityStatusRow): string | number => {
    switch (q.sort) {
      case 'ags': return r.ags;
      case 'district': return `${r.districtName}\u0000${r.name}`;
      case 'status': return STATUS_ORDER.indexOf(r.status);
      case 'rank': return r.rank ?? Number.MAX_SAFE_INTEGER;
      case 'firstAgreementSignedOn': return r.firstAgreementSignedOn ?? '9999';
      default: return r.name;
    }
  };
  const collator = new Intl.Collator('de');
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
    return c !== 0 ? c * dir : a.ags < b.ags ? -1 : 1;
  });
  return rows;
}

/** A municipality's full record: timeline with corrections, state and rank at the date, agreements. */
export async function getMunicipalityDetail(db: DbOrTrx, principal: Principal, ags: string, at: string = todayBerlin()): Promise<MunicipalityDetail> {
  const place = await requirePlace(db, ags);
  await requireAccess(db, principal, 'alliance.readDetail', ags);
  const rows = await repo.listEventsOfMunicipality(db, ags);
  const events = rows.map(presentEvent);
  const active = events.filter((e) => e.status === 'active').map((e) => ({ ags: e.ags, type: e.type, date: e.date, agreementId: e.agreementId, kind: e.kind }));
  const core = communeStates(aggregateEvents(active, at)).get(ags) ?? EMPTY_STATE;
  const { agreementsSigned: _signed, ...state } = core;
  const firsts = (await repo.listFirstSigningsInDistrict(db, place.district_ags)).filter((f) => f.first <= at)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.ags < b.ags ? -1 : 1));
  const idx = firsts.findIndex((f) => f.ags === ags);
  const agreementRows = await repo.findAgreementRows(db, await repo.listAgreementIdsOfMunicipality(db, ags));
  return {
    at,
    municipality: {
      ags: place.ags, name: place.name, districtAgs: place.district_ags, districtName: place.district_name,
      directorateId: place.directorate_id ?? null, directorateName: place.directorate_name ?? null, population: place.population, active: place.active === 1,
    },
    state: { ...state, agreementsInForce: [...state.agreementsInForce], rank: idx >= 0 ? idx + 1 : null },
    events,
    agreements: await presentAgreements(db, agreementRows),
  };
}

/** Resolves a district or directorate filter to an area predicate and its name. */
async function resolveArea(db: DbOrTrx, q: { district?: string; directorateId?: number }) {
  if (q.district) {
    const d = (await repo.listDistricts(db)).find((x) => x.ags === q.district);
    if (!d) throw fieldError('district', { de: `Unbekannter Kreis ${q.district}.`, en: `Unknown district ${q.district}.` }, 'unknown');
    return { level: 'district' as const, key: d.ags, name: d.name, inArea: (p: Place) => p.districtAgs === d.ags };
  }
  if (q.directorateId) {
    const d = await repo.findDirectorate(db, q.directorateId);
    if (!d) throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
    return { level: 'directorate' as const, key: String(d.id), name: d.name, inArea: (p: Place) => p.directorateId === d.id };
  }
  return { level: 'state' as const, key: null, name: 'Land', inArea: () => true };
}

/** The monthly time series of the figures from the programme start (or `from`) to `to`. */
export async function getSeries(db: DbOrTrx, q: SeriesQuery): Promise<Series> {
  const settings = await getSettings(db);
  const from = q.from ?? settings.programmeStart;
  const to = q.to ?? todayBerlin();
  if (from > to) throw fieldError('from', { de: 'Der Beginn liegt nach dem Ende.', en: 'The start lies after the end.' }, 'range');
  if (monthsBetween(from, to) > ALLIANCE_LIMITS.seriesPointsMax) {
    throw fieldError('from', { de: `Höchstens ${ALLIANCE_LIMITS.seriesPointsMax} Monate.`, en: `At most ${ALLIANCE_LIMITS.seriesPointsMax} months.` }, 'too_big');
  }
  const area = await resolveArea(db, q);
  const [placeRows, events] = await Promise.all([repo.listPlaces(db), repo.listActiveEvents(db, to)]);
  const points = computeSeries(events, monthlyPoints(from, to), placeRows.map(toPlace), area.inArea);
  return { from, to, area: { level: area.level, key: area.key, name: area.name }, points };
}

/** The German (and English) fact box of a press release for a date, optionally naming a municipality's rank. */
export async function getFactBox(db: DbOrTrx, at: string = todayBerlin(), ags?: string): Promise<{ at: string; de: string; en: string; figures: FigureCounts }> {
  const [inputs, settings] = await Promise.all([loadFigureInputs(db, at), getSettings(db)]);
  const counts = computeAreaCounts(inputs.places, inputs.states, () => true);
  let municipality;
  if (ags) {
    const p = inputs.placeRows.find((r) => r.ags === ags);
    if (!p) throw notFound({ de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` });
    municipality = {
      name: p.name, districtName: p.district_name, districtTypeCode: p.district_type,
      rank: inputs.ranks.get(ags) ?? null, firstAgreementSignedOn: inputs.states.get(ags)?.firstAgreementSignedOn ?? null,
    };
  }
  const text = factBoxText({ at, programmeName: settings.programmeName, programmeStart: settings.programmeStart, counts, municipality });
  return { at, ...text, figures: counts };
}
