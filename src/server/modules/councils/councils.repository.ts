import { type Insertable, sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { lockRows } from '../../db/row-lock.ts';
import { isStatewide, whereInScope } from '../../auth/access.ts';
import type { Principal } from '../../auth/principal.ts';
import { likePattern } from '../../db/text-match.ts';
import type {
  CouncilMeetingsTable,
  CouncilMembersTable,
  CouncilsTable,
  CouncilTasksTable,
  MunicipalPrioritiesTable,
} from './councils.tables.ts';

// ---- councils ----

export async function findCouncil(db: DbOrTrx, id: number) {
  return db.selectFrom('councils').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CouncilRow = NonNullable<Awaited<ReturnType<typeof findCouncil>>>;

/** Locks the council row (PostgreSQL) so that concurrent member or meeting writes serialise. */
export async function lockCouncil(db: DbOrTrx, id: number): Promise<void> {
  await lockRows(db, 'councils', 'id', [id]);
}

export async function listCouncilMunicipalities(db: DbOrTrx, councilIds: number[]) {
  if (!councilIds.length) return [];
  return db
    .selectFrom('council_municipalities')
    .innerJoin('municipalities', 'municipalities.ags', 'council_municipalities.ags')
    .select([
      'council_municipalities.council_id',
      'council_municipalities.ags',
      'municipalities.name',
      'municipalities.district_ags',
      'council_municipalities.resolution_event_id',
      'council_municipalities.constituted_event_id',
    ])
    .where('council_municipalities.council_id', 'in', councilIds)
    .orderBy('council_municipalities.ags')
    .execute();
}

export async function findCouncilsOfMunicipalities(db: DbOrTrx, ags: string[]) {
  if (!ags.length) return [];
  return db.selectFrom('council_municipalities').select(['council_id', 'ags']).where('ags', 'in', ags).execute();
}

/** Councils with at least one municipality in the scope. */
export async function listCouncilIds(db: DbOrTrx, principal: Principal, f: { ags?: string; q?: string }, limit: number, offset: number) {
  let q = db.selectFrom('councils');
  if (!isStatewide(principal) || f.ags) {
    q = q.where('councils.id', 'in', (eb) => {
      let sub = whereInScope(eb.selectFrom('council_municipalities').select('council_id'), principal, 'council_municipalities.ags');
      if (f.ags) sub = sub.where('ags', '=', f.ags);
      return sub;
    });
  }
  if (f.q?.trim()) q = q.where(sql<boolean>`lower(councils.name) like ${likePattern(f.q)} escape '\\'`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('councils').orderBy('councils.name').orderBy('councils.id').limit(limit).offset(offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertCouncil(db: DbOrTrx, row: Insertable<CouncilsTable>): Promise<number> {
  const { id } = await db.insertInto('councils').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertCouncilMunicipality(
  db: DbOrTrx,
  row: { council_id: number; ags: string; resolution_event_id: number | null; constituted_event_id: number | null },
) {
  await db.insertInto('council_municipalities').values(row).execute();
}

export async function setConstitutedEvent(db: DbOrTrx, councilId: number, ags: string, eventId: number): Promise<void> {
  await db
    .updateTable('council_municipalities')
    .set({ constituted_event_id: eventId })
    .where('council_id', '=', councilId)
    .where('ags', '=', ags)
    .execute();
}

export async function updateCouncilVersioned(db: DbOrTrx, id: number, version: number, patch: Updateable<CouncilsTable>): Promise<boolean> {
  const r = await db
    .updateTable('councils')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findCouncilByFeedHash(db: DbOrTrx, hash: string) {
  return db.selectFrom('councils').select(['id', 'name']).where('feed_token_hash', '=', hash).executeTakeFirst();
}

// ---- members ----

function membersQuery(db: DbOrTrx) {
  return db
    .selectFrom('council_members')
    .innerJoin('people', 'people.id', 'council_members.person_id')
    .leftJoin('organisations', 'organisations.id', 'council_members.organisation_id')
    .selectAll('council_members')
    .select([
      'people.first_name',
      'people.last_name',
      'people.function',
      'people.email',
      'people.erased_at',
      'organisations.name as organisation_name',
      'organisations.type as organisation_type',
    ]);
}
export type MemberRow = Awaited<ReturnType<ReturnType<typeof membersQuery>['execute']>>[number];

/** Memberships of a council; with `at`, only those in force at that date. */
export async function listMembers(db: DbOrTrx, councilId: number, at?: string): Promise<MemberRow[]> {
  let q = membersQuery(db).where('council_members.council_id', '=', councilId);
  if (at)
    q = q
      .where('council_members.start_date', '<=', at)
      .where((eb) => eb.or([eb('council_members.end_date', 'is', null), eb('council_members.end_date', '>=', at)]));
  return q.orderBy('council_members.role').orderBy('people.last_name').orderBy('council_members.id').execute();
}

export async function findMember(db: DbOrTrx, councilId: number, id: number): Promise<MemberRow | undefined> {
  return membersQuery(db).where('council_members.council_id', '=', councilId).where('council_members.id', '=', id).executeTakeFirst();
}

export async function listMembershipsOfPersonInCouncil(db: DbOrTrx, councilId: number, personId: number) {
  return db
    .selectFrom('council_members')
    .select(['id', 'start_date', 'end_date'])
    .where('council_id', '=', councilId)
    .where('person_id', '=', personId)
    .execute();
}

export async function insertMember(db: DbOrTrx, row: Insertable<CouncilMembersTable>): Promise<number> {
  const { id } = await db.insertInto('council_members').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMemberVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<CouncilMembersTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('council_members')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Members at a date per institution type (organisation type, or none), for the given councils (all without ids). */
export async function countCompositionAt(db: DbOrTrx, councilIds: number[] | null, at: string) {
  let q = db
    .selectFrom('council_members')
    .leftJoin('organisations', 'organisations.id', 'council_members.organisation_id')
    .select((eb) => ['organisations.type', eb.fn.countAll<number>().as('n')])
    .where('council_members.start_date', '<=', at)
    .where((eb) => eb.or([eb('council_members.end_date', 'is', null), eb('council_members.end_date', '>=', at)]))
    .groupBy('organisations.type');
  if (councilIds) q = councilIds.length ? q.where('council_members.council_id', 'in', councilIds) : q.where(sql<boolean>`1 = 0`);
  return (await q.execute()).map((r) => ({ type: r.type, n: Number(r.n) }));
}

// ---- meetings ----

export async function findMeeting(db: DbOrTrx, id: number) {
  return db.selectFrom('council_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Meetings of a council with invitee, attendance and decision counts, newest first (upcoming: soonest first). */
export async function listMeetings(
  db: DbOrTrx,
  councilId: number,
  f: { when: 'upcoming' | 'past' | 'all'; today: string },
  limit: number,
  offset: number,
) {
  let q = db.selectFrom('council_meetings').where('council_meetings.council_id', '=', councilId);
  if (f.when === 'upcoming') q = q.where('council_meetings.date', '>=', f.today);
  if (f.when === 'past') q = q.where('council_meetings.date', '<', f.today);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const dir = f.when === 'upcoming' ? 'asc' : 'desc';
  const rows = await q
    .select([
      'council_meetings.id',
      'council_meetings.council_id',
      'council_meetings.title',
      'council_meetings.date',
      'council_meetings.start_time',
      'council_meetings.end_time',
      'council_meetings.place',
      'council_meetings.status',
      sql<number>`length(council_meetings.minutes)`.as('minutes_length'),
      (eb) =>
        eb
          .selectFrom('council_invitees')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('council_invitees.meeting_id', '=', 'council_meetings.id')
          .as('invitees'),
      (eb) =>
        eb
          .selectFrom('council_invitees')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('council_invitees.meeting_id', '=', 'council_meetings.id')
          .where('council_invitees.attendance', '=', 'present')
          .as('present'),
      (eb) =>
        eb
          .selectFrom('council_decisions')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('council_decisions.meeting_id', '=', 'council_meetings.id')
          .as('decisions'),
    ])
    .orderBy('council_meetings.date', dir)
    .orderBy('council_meetings.start_time', dir)
    .orderBy('council_meetings.id', dir)
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Meetings of a council from a date on, for the calendar feed. */
export async function listMeetingsForFeed(db: DbOrTrx, councilId: number, from: string) {
  return db
    .selectFrom('council_meetings')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('date', '>=', from)
    .orderBy('date')
    .orderBy('start_time')
    .limit(2000)
    .execute();
}

export async function insertMeeting(db: DbOrTrx, row: Insertable<CouncilMeetingsTable>): Promise<number> {
  const { id } = await db.insertInto('council_meetings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMeetingVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<CouncilMeetingsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('council_meetings')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listAgenda(db: DbOrTrx, meetingId: number) {
  return db.selectFrom('council_agenda_items').select(['title', 'notes']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export async function replaceAgenda(db: DbOrTrx, meetingId: number, items: { title: string; notes: string }[]): Promise<void> {
  await db.deleteFrom('council_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (items.length)
    await db
      .insertInto('council_agenda_items')
      .values(items.map((a, i) => ({ meeting_id: meetingId, position: i + 1, title: a.title, notes: a.notes })))
      .execute();
}

export async function listDecisions(db: DbOrTrx, meetingId: number) {
  return db.selectFrom('council_decisions').select(['text']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export async function replaceDecisions(db: DbOrTrx, meetingId: number, items: { text: string }[]): Promise<void> {
  await db.deleteFrom('council_decisions').where('meeting_id', '=', meetingId).execute();
  if (items.length)
    await db
      .insertInto('council_decisions')
      .values(items.map((d, i) => ({ meeting_id: meetingId, position: i + 1, text: d.text })))
      .execute();
}

export async function listInvitees(db: DbOrTrx, meetingId: number) {
  return db
    .selectFrom('council_invitees')
    .innerJoin('people', 'people.id', 'council_invitees.person_id')
    .select(['council_invitees.person_id', 'council_invitees.attendance', 'people.first_name', 'people.last_name', 'people.erased_at'])
    .where('council_invitees.meeting_id', '=', meetingId)
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('people.id')
    .execute();
}

/**
 * The invitees of a meeting who can be written to: a person with an e-mail address, not erased,
 * with the active account of the same address when there is one (for its language and settings).
 */
export async function listInviteeAddresses(db: DbOrTrx, meetingId: number) {
  return db
    .selectFrom('council_invitees')
    .innerJoin('people', 'people.id', 'council_invitees.person_id')
    .leftJoin('users', (j) => j.on((eb) => eb('users.email', '=', eb.fn<string>('lower', ['people.email']))).on('users.active', '=', 1))
    .select([
      'council_invitees.person_id',
      'people.first_name',
      'people.last_name',
      'people.email',
      'users.id as user_id',
      'users.locale as user_locale',
    ])
    .where('council_invitees.meeting_id', '=', meetingId)
    .where('people.erased_at', 'is', null)
    .where('people.email', 'is not', null)
    .where('people.email', '<>', '')
    .orderBy('people.id')
    .execute();
}
export type InviteeAddress = Awaited<ReturnType<typeof listInviteeAddresses>>[number];

export async function replaceInvitees(db: DbOrTrx, meetingId: number, items: { personId: number; attendance: string }[]): Promise<void> {
  await db.deleteFrom('council_invitees').where('meeting_id', '=', meetingId).execute();
  for (let i = 0; i < items.length; i += 400) {
    await db
      .insertInto('council_invitees')
      .values(items.slice(i, i + 400).map((x) => ({ meeting_id: meetingId, person_id: x.personId, attendance: x.attendance })))
      .execute();
  }
}

export async function countMeetingsByYear(db: DbOrTrx) {
  const rows = await db
    .selectFrom('council_meetings')
    .select((eb) => [sql<string>`substr(date, 1, 4)`.as('year'), eb.fn.countAll<number>().as('n')])
    .where('status', '<>', 'cancelled')
    .groupBy(sql`substr(date, 1, 4)`)
    .orderBy(sql`substr(date, 1, 4)`)
    .execute();
  return rows.map((r) => ({ year: Number(r.year), meetings: Number(r.n) }));
}

// ---- tasks ----

function tasksQuery(db: DbOrTrx) {
  return db
    .selectFrom('council_tasks')
    .innerJoin('councils', 'councils.id', 'council_tasks.council_id')
    .leftJoin('council_meetings', 'council_meetings.id', 'council_tasks.meeting_id')
    .leftJoin('people', 'people.id', 'council_tasks.owner_person_id')
    .selectAll('council_tasks')
    .select([
      'councils.name as council_name',
      'council_meetings.date as meeting_date',
      'people.first_name',
      'people.last_name',
      'people.erased_at',
    ]);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof tasksQuery>['execute']>>[number];

export async function findTask(db: DbOrTrx, id: number): Promise<TaskRow | undefined> {
  return tasksQuery(db).where('council_tasks.id', '=', id).executeTakeFirst();
}

export type TaskFilter = 'open' | 'in_progress' | 'done' | 'unfinished' | 'overdue' | 'all';

function filterTasks<QB extends { where: (...a: any[]) => any }>(q: QB, status: TaskFilter, today: string): QB {
  switch (status) {
    case 'open':
    case 'in_progress':
    case 'done':
      return q.where('council_tasks.status', '=', status);
    case 'unfinished':
      return q.where('council_tasks.status', '<>', 'done');
    case 'overdue':
      return q.where('council_tasks.status', '<>', 'done').where('council_tasks.due_date', '<', today);
    default:
      return q;
  }
}

export async function listTasks(db: DbOrTrx, councilId: number, status: TaskFilter, today: string, limit: number, offset: number) {
  const base = filterTasks(db.selectFrom('council_tasks').where('council_tasks.council_id', '=', councilId), status, today);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filterTasks(tasksQuery(db).where('council_tasks.council_id', '=', councilId), status, today)
    .orderBy('council_tasks.due_date')
    .orderBy('council_tasks.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function listTasksOfMeeting(db: DbOrTrx, meetingId: number): Promise<TaskRow[]> {
  return tasksQuery(db)
    .where('council_tasks.meeting_id', '=', meetingId)
    .orderBy('council_tasks.due_date')
    .orderBy('council_tasks.id')
    .execute();
}

/** Limits a task query to the councils of the principal's scope (a council is in scope when one of its municipalities is). */
function tasksInScope<QB extends { where: (...a: any[]) => any }>(q: QB, principal: Principal): QB {
  if (isStatewide(principal)) return q;
  return q.where('council_tasks.council_id', 'in', (eb: any) =>
    whereInScope(eb.selectFrom('council_municipalities').select('council_id'), principal, 'council_municipalities.ags'),
  );
}

/** Overdue tasks of the councils of the scope, soonest due first. */
export async function listOverdueTasks(db: DbOrTrx, principal: Principal, today: string, limit: number) {
  return tasksInScope(filterTasks(tasksQuery(db), 'overdue', today), principal)
    .orderBy('council_tasks.due_date')
    .orderBy('council_tasks.id')
    .limit(limit)
    .execute();
}

/** Unfinished tasks of the councils of the scope due in [from, to] (either end open), soonest first, with their number. */
export async function listUnfinishedTasksDue(
  db: DbOrTrx,
  principal: Principal,
  due: { from?: string; to?: string },
  limit: number,
): Promise<{ rows: TaskRow[]; total: number }> {
  const range = <QB extends { where: (...a: any[]) => any }>(q: QB): QB => {
    let r = tasksInScope(filterTasks(q, 'unfinished', ''), principal);
    if (due.from) r = r.where('council_tasks.due_date', '>=', due.from);
    if (due.to) r = r.where('council_tasks.due_date', '<=', due.to);
    return r;
  };
  const total = await range(db.selectFrom('council_tasks'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await range(tasksQuery(db)).orderBy('council_tasks.due_date').orderBy('council_tasks.id').limit(limit).execute();
  return { rows, total: Number(total.n) };
}

export async function insertTask(db: DbOrTrx, row: Insertable<CouncilTasksTable>): Promise<number> {
  const { id } = await db.insertInto('council_tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTaskVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<CouncilTasksTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('council_tasks')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counts for the council page: current members, meetings, open and overdue tasks. */
export async function councilCounts(db: DbOrTrx, councilId: number, today: string) {
  const [members, meetings, tasks] = await Promise.all([
    db
      .selectFrom('council_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('council_id', '=', councilId)
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('council_meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('council_id', '=', councilId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('council_tasks')
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(sql`case when due_date < ${today} then 1 else 0 end`).as('overdue'),
      ])
      .where('council_id', '=', councilId)
      .where('status', '<>', 'done')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    currentMembers: Number(members.n),
    meetings: Number(meetings.n),
    openTasks: Number(tasks.open),
    overdueTasks: Number(tasks.overdue ?? 0),
  };
}

/** Statewide counts of councils, members and tasks (no names). */
export async function statewideCounts(db: DbOrTrx, today: string) {
  const councils = await db
    .selectFrom('councils')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const perCouncil = await db
    .selectFrom('council_municipalities')
    .select((eb) => ['council_id', eb.fn.countAll<number>().as('n')])
    .groupBy('council_id')
    .execute();
  const members = await db
    .selectFrom('council_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .executeTakeFirstOrThrow();
  const tasks = await db
    .selectFrom('council_tasks')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(sql`case when due_date < ${today} then 1 else 0 end`).as('overdue'),
    ])
    .where('status', '<>', 'done')
    .executeTakeFirstOrThrow();
  return {
    councils: Number(councils.n),
    jointCouncils: perCouncil.filter((r) => Number(r.n) > 1).length,
    municipalitiesWithCouncil: perCouncil.reduce((s, r) => s + Number(r.n), 0),
    currentMembers: Number(members.n),
    openTasks: Number(tasks.open),
    overdueTasks: Number(tasks.overdue ?? 0),
  };
}

// ---- priorities ----

export async function listPriorities(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('municipal_priorities')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'municipal_priorities.field_id')
    .selectAll('municipal_priorities')
    .select(['fields_of_action.name as field_name'])
    .where('municipal_priorities.ags', '=', ags)
    .orderBy('municipal_priorities.kind')
    .orderBy('municipal_priorities.identified_on')
    .orderBy('municipal_priorities.id')
    .execute();
}
export type PriorityRow = Awaited<ReturnType<typeof listPriorities>>[number];

export async function findPriority(db: DbOrTrx, id: number): Promise<PriorityRow | undefined> {
  return db
    .selectFrom('municipal_priorities')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'municipal_priorities.field_id')
    .selectAll('municipal_priorities')
    .select(['fields_of_action.name as field_name'])
    .where('municipal_priorities.id', '=', id)
    .executeTakeFirst();
}

export async function insertPriority(db: DbOrTrx, row: Insertable<MunicipalPrioritiesTable>): Promise<number> {
  const { id } = await db.insertInto('municipal_priorities').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePriorityVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<MunicipalPrioritiesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('municipal_priorities')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listFieldsOfAction(db: DbOrTrx) {
  return db.selectFrom('fields_of_action').select(['id', 'name', 'name_en', 'active']).orderBy('position').orderBy('id').execute();
}

/** Every municipality of a constituted council with the alliance event linked to it (for the consistency check). */
export async function listConstitutedLinks(db: DbOrTrx) {
  return db
    .selectFrom('council_municipalities')
    .innerJoin('councils', 'councils.id', 'council_municipalities.council_id')
    .select([
      'councils.id',
      'councils.name',
      'councils.constituted_on',
      'council_municipalities.ags',
      'council_municipalities.constituted_event_id',
    ])
    .where('councils.constituted_on', 'is not', null)
    .orderBy('councils.id')
    .orderBy('council_municipalities.ags')
    .execute();
}
