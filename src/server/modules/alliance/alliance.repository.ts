import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { AgreementKind, EventType, WithdrawalKind } from '../../../shared/alliance.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { lockRows } from '../../db/row-lock.ts';
import type { AllianceAgreementsTable, AllianceEventsTable, Database } from '../../db/schema.ts';
import type { CompactEvent, EventAggregate } from './figures.ts';

// ---- territory as the alliance sees it ----

/** Municipalities joined with their district and police directorate: the alliance's view of a place. */
function placesQuery(db: DbOrTrx) {
  return db
    .selectFrom('municipalities')
    .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .leftJoin('directorate_districts', 'directorate_districts.district_ags', 'municipalities.district_ags')
    .leftJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id')
    .select([
      'municipalities.ags',
      'municipalities.name',
      'municipalities.district_ags',
      'districts.name as district_name',
      'districts.type_code as district_type',
      'directorate_districts.directorate_id',
      'police_directorates.name as directorate_name',
      'municipalities.population',
      'municipalities.active',
    ]);
}

/** Every municipality with its district and police directorate, by AGS. */
export async function listPlaces(db: DbOrTrx) {
  return placesQuery(db).orderBy('municipalities.ags').execute();
}
export type PlaceRow = Awaited<ReturnType<typeof listPlaces>>[number];

export async function findPlace(db: DbOrTrx, ags: string): Promise<PlaceRow | undefined> {
  return placesQuery(db).where('municipalities.ags', '=', ags).executeTakeFirst();
}

/** Districts that have municipalities, by AGS. */
export async function listDistricts(db: DbOrTrx) {
  return db
    .selectFrom('districts')
    .select(['ags', 'name', 'type_code'])
    .where('ags', 'in', (eb) => eb.selectFrom('municipalities').select('district_ags'))
    .orderBy('ags')
    .execute();
}

export async function listDirectorates(db: DbOrTrx) {
  return db.selectFrom('police_directorates').select(['id', 'name']).orderBy('name').execute();
}

export async function findDirectorate(db: DbOrTrx, id: number) {
  return db.selectFrom('police_directorates').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findExistingAgs(db: DbOrTrx, ags: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ags.length; i += 500) {
    const rows = await db
      .selectFrom('municipalities')
      .select('ags')
      .where('ags', 'in', ags.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.ags);
  }
  return found;
}

export async function countMunicipalities(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('municipalities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Serialises writers of one municipality's history, so that two concurrent requests cannot both
 * pass the contradiction check. SQLite has one writer at a time already; PostgreSQL locks the row.
 */
export async function lockMunicipality(db: DbOrTrx, ags: string): Promise<void> {
  await lockRows(db, 'municipalities', 'ags', [ags]);
}

/** Locks many municipalities, always in AGS order, so that two writers cannot deadlock. */
export async function lockMunicipalities(db: DbOrTrx, ags: string[]): Promise<void> {
  await lockRows(db, 'municipalities', 'ags', ags);
}

export { isUniqueViolation } from '../../db/errors.ts';

// ---- events ----

/**
 * Leaves out the events of amending and additional agreements: only cooperation agreements count
 * in the figures (decision 005).
 */
function onlyCountedAgreements(eb: ExpressionBuilder<Database, 'alliance_events'>) {
  return eb.or([
    eb('alliance_events.agreement_id', 'is', null),
    eb(
      'alliance_events.agreement_id',
      'not in',
      eb.selectFrom('alliance_agreements').select('alliance_agreements.id').where('alliance_agreements.kind', '<>', 'cooperation'),
    ),
  ]);
}

/** The compact table of active events dated on or before `to` (all of them without `to`). */
export async function listActiveEvents(db: DbOrTrx, to?: string): Promise<CompactEvent[]> {
  let q = db
    .selectFrom('alliance_events')
    .select(['ags', 'type', 'date', 'agreement_id', 'withdrawal_kind'])
    .where('status', '=', 'active')
    .where(onlyCountedAgreements);
  if (to) q = q.where('date', '<=', to);
  const rows = await q.execute();
  return rows.map((r) => ({
    ags: r.ags,
    type: r.type as EventType,
    date: r.date,
    agreementId: r.agreement_id,
    kind: r.withdrawal_kind as WithdrawalKind | null,
  }));
}

/** The same events folded in SQL: one row per (municipality, type, agreement, withdrawal kind). */
export async function aggregateActiveEvents(db: DbOrTrx, to: string): Promise<EventAggregate[]> {
  const rows = await db
    .selectFrom('alliance_events')
    .select((eb) => [
      'ags',
      'type',
      'agreement_id',
      'withdrawal_kind',
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('date').as('first_date'),
      eb.fn.max('date').as('last_date'),
    ])
    .where('status', '=', 'active')
    .where('date', '<=', to)
    .where(onlyCountedAgreements)
    .groupBy(['ags', 'type', 'agreement_id', 'withdrawal_kind'])
    .execute();
  return rows.map((r) => ({
    ags: r.ags,
    type: r.type as EventType,
    agreementId: r.agreement_id,
    kind: r.withdrawal_kind as WithdrawalKind | null,
    count: Number(r.n),
    firstDate: r.first_date,
    lastDate: r.last_date,
  }));
}

/** The active events of one municipality, for the contradiction check. */
export async function listTimeline(db: DbOrTrx, ags: string) {
  const rows = await db
    .selectFrom('alliance_events')
    .leftJoin('alliance_agreements', 'alliance_agreements.id', 'alliance_events.agreement_id')
    .select([
      'alliance_events.id',
      'alliance_events.type',
      'alliance_events.date',
      'alliance_events.agreement_id',
      'alliance_agreements.kind',
    ])
    .where('alliance_events.ags', '=', ags)
    .where('alliance_events.status', '=', 'active')
    .execute();
  return rows.map((r) => ({
    ref: r.id,
    type: r.type as EventType,
    date: r.date,
    agreementId: r.agreement_id,
    agreementKind: (r.kind ?? 'cooperation') as AgreementKind,
  }));
}

/** The kinds of the given agreements. */
export async function findAgreementKinds(db: DbOrTrx, ids: number[]): Promise<Map<number, AgreementKind>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('alliance_agreements').select(['id', 'kind']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.kind as AgreementKind]));
}

/** Active events of many municipalities, for the contradiction check of an import. */
export async function listTimelines(db: DbOrTrx, ags: string[]) {
  const out: { id: number; ags: string; type: EventType; date: string; agreementId: number | null; agreementKind: AgreementKind }[] = [];
  for (let i = 0; i < ags.length; i += 500) {
    const rows = await db
      .selectFrom('alliance_events')
      .leftJoin('alliance_agreements', 'alliance_agreements.id', 'alliance_events.agreement_id')
      .select([
        'alliance_events.id',
        'alliance_events.ags',
        'alliance_events.type',
        'alliance_events.date',
        'alliance_events.agreement_id',
        'alliance_agreements.kind',
      ])
      .where('alliance_events.ags', 'in', ags.slice(i, i + 500))
      .where('alliance_events.status', '=', 'active')
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        ags: r.ags,
        type: r.type as EventType,
        date: r.date,
        agreementId: r.agreement_id,
        agreementKind: (r.kind ?? 'cooperation') as AgreementKind,
      });
  }
  return out;
}

function eventsWithNames(db: DbOrTrx) {
  return db
    .selectFrom('alliance_events')
    .leftJoin('users as creator', 'creator.id', 'alliance_events.created_by')
    .leftJoin('users as changer', 'changer.id', 'alliance_events.status_changed_by')
    .selectAll('alliance_events')
    .select(['creator.display_name as creator_name', 'changer.display_name as changer_name']);
}
export type EventRow = Awaited<ReturnType<ReturnType<typeof eventsWithNames>['execute']>>[number];

export async function findEventById(db: DbOrTrx, id: number): Promise<EventRow | undefined> {
  return eventsWithNames(db).where('alliance_events.id', '=', id).executeTakeFirst();
}

/** Every event of a municipality, including corrected and cancelled ones, by date. */
export async function listEventsOfMunicipality(db: DbOrTrx, ags: string): Promise<EventRow[]> {
  return eventsWithNames(db).where('alliance_events.ags', '=', ags).orderBy('alliance_events.date').orderBy('alliance_events.id').execute();
}

const GENERATION_KEY = 'alliance.events.generation';

/**
 * Counts changes of alliance_events. Every write below bumps it in the writer's transaction, so a
 * server that cached an index of the events knows when to reload it (also across processes).
 */
async function bumpEventsGeneration(db: DbOrTrx): Promise<void> {
  await db
    .updateTable('settings')
    .set({ version: sql<number>`version + 1` })
    .where('key', '=', GENERATION_KEY)
    .execute();
}

/** The current change counter of alliance_events; null when it is missing (then nothing is cached). */
export async function readEventsGeneration(db: DbOrTrx): Promise<number | null> {
  const r = await db.selectFrom('settings').select('version').where('key', '=', GENERATION_KEY).executeTakeFirst();
  return r ? r.version : null;
}

export async function insertEvent(db: DbOrTrx, row: Insertable<AllianceEventsTable>): Promise<number> {
  const { id } = await db.insertInto('alliance_events').values(row).returning('id').executeTakeFirstOrThrow();
  await bumpEventsGeneration(db);
  return id;
}

/** Inserts many events in chunks (bulk import). */
export async function insertEvents(db: DbOrTrx, rows: Insertable<AllianceEventsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('alliance_events')
      .values(rows.slice(i, i + 400))
      .execute();
  await bumpEventsGeneration(db);
}

/** Marks an active event corrected or cancelled, if its version still matches; false when stale. */
export async function setEventStatus(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: { status: 'corrected' | 'cancelled'; reason: string; at: string; by: number | null; supersededById?: number | null },
): Promise<boolean> {
  const r = await db
    .updateTable('alliance_events')
    .set({
      status: patch.status,
      status_reason: patch.reason,
      status_changed_at: patch.at,
      status_changed_by: patch.by,
      superseded_by_id: patch.supersededById ?? null,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .executeTakeFirst();
  await bumpEventsGeneration(db);
  return Number(r.numUpdatedRows) === 1;
}

/** Ids of the active events of the given source (the demo's), and the agreements they refer to. */
/** The active events of the given types, for the consistency check (decision 026). */
export async function listActiveEventsOfTypes(db: DbOrTrx, types: EventType[]) {
  if (!types.length) return [];
  const rows = await db
    .selectFrom('alliance_events')
    .select(['id', 'ags', 'type', 'date'])
    .where('status', '=', 'active')
    .where('type', 'in', types)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, ags: r.ags, type: r.type as EventType, date: r.date }));
}

/** The active events dated after `date`. */
export async function listActiveEventsAfter(db: DbOrTrx, date: string) {
  const rows = await db
    .selectFrom('alliance_events')
    .select(['id', 'ags', 'type', 'date'])
    .where('status', '=', 'active')
    .where('date', '>', date)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, ags: r.ags, type: r.type as EventType, date: r.date }));
}

export async function listActiveEventsOfSource(db: DbOrTrx, source: string) {
  return db
    .selectFrom('alliance_events')
    .select(['id', 'agreement_id'])
    .where('source', '=', source)
    .where('status', '=', 'active')
    .execute();
}

export async function cancelEventsByIds(db: DbOrTrx, ids: number[], reason: string, at: string, by: number | null): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('alliance_events')
      .set({ status: 'cancelled', status_reason: reason, status_changed_at: at, status_changed_by: by, version: sql<number>`version + 1` })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
  }
  await bumpEventsGeneration(db);
}

/** Municipalities with active events of any source other than the given one. */
export async function listAgsWithEventsNotOfSource(db: DbOrTrx, source: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('alliance_events')
    .select('ags')
    .distinct()
    .where('status', '=', 'active')
    .where('source', '<>', source)
    .execute();
  return new Set(rows.map((r) => r.ags));
}

// ---- agreements ----

export async function insertAgreement(db: DbOrTrx, row: Insertable<AllianceAgreementsTable>): Promise<number> {
  const { id } = await db.insertInto('alliance_agreements').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findAgreementRows(db: DbOrTrx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('alliance_agreements')
    .leftJoin('police_directorates', 'police_directorates.id', 'alliance_agreements.directorate_id')
    .selectAll('alliance_agreements')
    .select('police_directorates.name as directorate_name')
    .where('alliance_agreements.id', 'in', ids)
    .orderBy('alliance_agreements.id')
    .execute();
}
export type AgreementRow = Awaited<ReturnType<typeof findAgreementRows>>[number];

export async function findAgreementsByReferences(db: DbOrTrx, refs: string[]) {
  if (!refs.length) return [];
  return db.selectFrom('alliance_agreements').select(['id', 'reference', 'status', 'kind']).where('reference', 'in', refs).execute();
}

export async function findAgreementByReference(db: DbOrTrx, ref: string) {
  return db.selectFrom('alliance_agreements').select(['id']).where('reference', '=', ref).executeTakeFirst();
}

export async function countAgreementsWithReferenceLike(db: DbOrTrx, pattern: string): Promise<number> {
  const r = await db
    .selectFrom('alliance_agreements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reference', 'like', pattern)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Updates an agreement only if the stored version matches; false when stale. */
export async function updateAgreementVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Partial<Insertable<AllianceAgreementsTable>>,
): Promise<boolean> {
  const r = await db
    .updateTable('alliance_agreements')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The agreement events (all statuses) of the given agreements, with the municipality's name. */
/** The first active signing of each agreement, by agreement id. */
export async function listFirstSigningsOfAgreements(db: DbOrTrx, agreementIds: number[]): Promise<Map<number, string>> {
  if (!agreementIds.length) return new Map();
  const rows = await db
    .selectFrom('alliance_events')
    .select(['agreement_id', (eb) => eb.fn.min<string>('date').as('first')])
    .where('agreement_id', 'in', agreementIds)
    .where('type', '=', 'agreement_signed')
    .where('status', '=', 'active')
    .groupBy('agreement_id')
    .execute();
  return new Map(rows.map((r) => [r.agreement_id!, r.first]));
}

export async function listAgreementEvents(db: DbOrTrx, agreementIds: number[]) {
  if (!agreementIds.length) return [];
  return db
    .selectFrom('alliance_events')
    .innerJoin('municipalities', 'municipalities.ags', 'alliance_events.ags')
    .select([
      'alliance_events.id',
      'alliance_events.agreement_id',
      'alliance_events.ags',
      'municipalities.name',
      'municipalities.district_ags',
      'alliance_events.type',
      'alliance_events.date',
      'alliance_events.status',
    ])
    .where('alliance_events.agreement_id', 'in', agreementIds)
    .orderBy('alliance_events.date')
    .orderBy('alliance_events.id')
    .execute();
}

/** Agreements a municipality has events of (any status). */
export async function listAgreementIdsOfMunicipality(db: DbOrTrx, ags: string): Promise<number[]> {
  const rows = await db
    .selectFrom('alliance_events')
    .select('agreement_id')
    .distinct()
    .where('ags', '=', ags)
    .where('agreement_id', 'is not', null)
    .execute();
  return rows.map((r) => r.agreement_id!).sort((a, b) => a - b);
}

export async function listSignatories(db: DbOrTrx, agreementIds: number[]) {
  if (!agreementIds.length) return [];
  return db
    .selectFrom('alliance_signatories')
    .selectAll()
    .where('agreement_id', 'in', agreementIds)
    .orderBy('agreement_id')
    .orderBy('position')
    .execute();
}

export async function replaceSignatories(
  db: DbOrTrx,
  agreementId: number,
  list: { name: string; function: string; party: string; ags: string | null }[],
): Promise<void> {
  await db.deleteFrom('alliance_signatories').where('agreement_id', '=', agreementId).execute();
  if (list.length) {
    await db
      .insertInto('alliance_signatories')
      .values(
        list.map((s, i) => ({
          agreement_id: agreementId,
          position: i + 1,
          name: s.name,
          function: s.function,
          party: s.party,
          ags: s.ags,
        })),
      )
      .execute();
  }
}

// ---- rank ----

/** First agreement signing date of every municipality of a district that signed one. */
export async function listFirstSigningsInDistrict(db: DbOrTrx, districtAgs: string) {
  return db
    .selectFrom('alliance_events')
    .innerJoin('municipalities', 'municipalities.ags', 'alliance_events.ags')
    .select((eb) => ['alliance_events.ags', eb.fn.min('alliance_events.date').as('first')])
    .where('municipalities.district_ags', '=', districtAgs)
    .where('alliance_events.type', '=', 'agreement_signed')
    .where('alliance_events.status', '=', 'active')
    .groupBy('alliance_events.ags')
    .execute();
}

// ---- settings ----

export async function readSetting(db: DbOrTrx, key: string) {
  return db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Writes a setting if its version matches (0 = not stored yet); false when stale. */
export async function writeSettingVersioned(db: DbOrTrx, key: string, version: number, valueJson: string, at: string): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('settings')
      .values({ key, value_json: valueJson, version: 1, updated_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('settings')
    .set({ value_json: valueJson, updated_at: at, version: sql<number>`version + 1` })
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks agreements cancelled (the demo's, when it is replaced). */
export async function cancelAgreementsByIds(db: DbOrTrx, ids: number[], reason: string, at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('alliance_agreements')
      .set({ status: 'cancelled', status_reason: reason, updated_at: at, version: sql<number>`version + 1` })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
  }
}
