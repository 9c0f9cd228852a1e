import { type Insertable, sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { CoachesTable, CoachingProcessesTable } from './coaching.tables.ts';
import { whereInScope } from '../../auth/access.ts';
import type { Principal } from '../../auth/principal.ts';

function coachesQuery(db: DbOrTrx) {
  return db
    .selectFrom('coaches')
    .innerJoin('people', 'people.id', 'coaches.person_id')
    .selectAll('coaches')
    .select((eb) => [
      'people.first_name',
      'people.last_name',
      'people.email',
      'people.erased_at',
      eb
        .selectFrom('coaching_processes')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('coaching_processes.coach_id', '=', 'coaches.id')
        .where('coaching_processes.ended_on', 'is', null)
        .as('running'),
    ]);
}
export type CoachRow = Awaited<ReturnType<ReturnType<typeof coachesQuery>['execute']>>[number];

export async function listCoaches(db: DbOrTrx): Promise<CoachRow[]> {
  return coachesQuery(db).orderBy('people.last_name').orderBy('people.first_name').orderBy('coaches.id').execute();
}

export async function findCoach(db: DbOrTrx, id: number): Promise<CoachRow | undefined> {
  return coachesQuery(db).where('coaches.id', '=', id).executeTakeFirst();
}

export async function findCoachByPerson(db: DbOrTrx, personId: number) {
  return db.selectFrom('coaches').select('id').where('person_id', '=', personId).executeTakeFirst();
}

export async function insertCoach(db: DbOrTrx, row: Insertable<CoachesTable>): Promise<number> {
  const { id } = await db.insertInto('coaches').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCoachVersioned(db: DbOrTrx, id: number, version: number, patch: Updateable<CoachesTable>): Promise<boolean> {
  const r = await db
    .updateTable('coaches')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function processesQuery(db: DbOrTrx) {
  return db
    .selectFrom('coaching_processes')
    .innerJoin('municipalities', 'municipalities.ags', 'coaching_processes.ags')
    .innerJoin('coaches', 'coaches.id', 'coaching_processes.coach_id')
    .innerJoin('people', 'people.id', 'coaches.person_id')
    .selectAll('coaching_processes')
    .select(['municipalities.name as municipality_name', 'people.first_name', 'people.last_name', 'people.erased_at', 'coaches.person_id']);
}
export type ProcessRow = Awaited<ReturnType<ReturnType<typeof processesQuery>['execute']>>[number];

export async function findProcess(db: DbOrTrx, id: number): Promise<ProcessRow | undefined> {
  return processesQuery(db).where('coaching_processes.id', '=', id).executeTakeFirst();
}

export async function listProcesses(
  db: DbOrTrx,
  principal: Principal,
  f: { ags?: string; status: 'running' | 'ended' | 'all'; runningAt?: string; startedBy?: string },
  limit: number,
  offset: number,
) {
  let q = whereInScope(db.selectFrom('coaching_processes'), principal, 'coaching_processes.ags');
  if (f.ags) q = q.where('coaching_processes.ags', '=', f.ags);
  const at = f.runningAt;
  if (at !== undefined)
    q = q
      .where('coaching_processes.started_on', '<=', at)
      .where((eb) => eb.or([eb('coaching_processes.ended_on', 'is', null), eb('coaching_processes.ended_on', '>', at)]));
  if (f.startedBy !== undefined) q = q.where('coaching_processes.started_on', '<=', f.startedBy);
  if (f.status === 'running') q = q.where('coaching_processes.ended_on', 'is', null);
  if (f.status === 'ended') q = q.where('coaching_processes.ended_on', 'is not', null);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = (
    await q
      .select('coaching_processes.id')
      .orderBy('coaching_processes.started_on', 'desc')
      .orderBy('coaching_processes.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute()
  ).map((r) => r.id);
  const rows = ids.length
    ? await processesQuery(db)
        .where('coaching_processes.id', 'in', ids)
        .orderBy('coaching_processes.started_on', 'desc')
        .orderBy('coaching_processes.id', 'desc')
        .execute()
    : [];
  return { rows, total: Number(total.n) };
}

export async function findRunningProcess(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('coaching_processes')
    .select(['id', 'started_on'])
    .where('ags', '=', ags)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export async function insertProcess(db: DbOrTrx, row: Insertable<CoachingProcessesTable>): Promise<number> {
  const { id } = await db.insertInto('coaching_processes').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateProcessVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<CoachingProcessesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('coaching_processes')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listSessions(db: DbOrTrx, processIds: number[]) {
  if (!processIds.length) return [];
  return db
    .selectFrom('coaching_sessions')
    .select(['id', 'process_id', 'date', 'notes'])
    .where('process_id', 'in', processIds)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

export async function insertSession(
  db: DbOrTrx,
  row: { process_id: number; date: string; notes: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('coaching_sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Event ids already linked to a coaching process (so an existing alliance event is linked only once). */
export async function listLinkedEventIds(db: DbOrTrx, ags: string): Promise<number[]> {
  const rows = await db.selectFrom('coaching_processes').select(['start_event_id', 'end_event_id']).where('ags', '=', ags).execute();
  return rows.flatMap((r) => [r.start_event_id, r.end_event_id]).filter((x): x is number => x !== null);
}

/** Every alliance event id a coaching process stands for. */
export async function listAllLinkedEventIds(db: DbOrTrx): Promise<Set<number>> {
  const rows = await db.selectFrom('coaching_processes').select(['start_event_id', 'end_event_id']).execute();
  return new Set(rows.flatMap((r) => [r.start_event_id, r.end_event_id]).filter((x): x is number => x !== null));
}

/** Every coaching process with the alliance events linked to it (for the consistency check). */
export async function listProcessEventLinks(db: DbOrTrx) {
  return db
    .selectFrom('coaching_processes')
    .select(['id', 'ags', 'started_on', 'ended_on', 'start_event_id', 'end_event_id'])
    .orderBy('id')
    .execute();
}
