import crypto from 'node:crypto';
import type {
  CreateMeetingInput,
  CreateTaskInput,
  Meeting,
  MeetingSummary,
  Task,
  TaskStatus,
  UpdateMeetingInput,
  UpdateTaskInput,
} from '../../../shared/councils.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { personName, requirePerson } from '../organisations/index.ts';
import { buildCalendar } from './calendar.ts';
import { calendarMeetingOf, meetingMailState, queueMeetingChanged, queueMeetingCreated } from './meetings.mail.ts';
import * as repo from './councils.repository.ts';
import { type CouncilAccess, councilAccess, hashToken } from './councils.service.ts';
import { addDays, berlinInstant, formatDate, nowIso, todayBerlin } from '../../../shared/time.ts';

// ---- presenters ----

type SummaryRow = Awaited<ReturnType<typeof repo.listMeetings>>['rows'][number];

function presentSummary(r: SummaryRow): MeetingSummary {
  return {
    id: r.id,
    councilId: r.council_id,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    status: r.status as MeetingSummary['status'],
    invitees: Number(r.invitees ?? 0),
    present: Number(r.present ?? 0),
    hasMinutes: Number(r.minutes_length ?? 0) > 0,
    decisions: Number(r.decisions ?? 0),
  };
}

export function presentTask(r: repo.TaskRow, t = todayBerlin()): Task {
  return {
    id: r.id,
    councilId: r.council_id,
    councilName: r.council_name,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date ?? null,
    title: r.title,
    ownerPersonId: r.owner_person_id,
    ownerName:
      r.owner_person_id === null
        ? null
        : personName({
            id: r.owner_person_id,
            first_name: r.first_name ?? '',
            last_name: r.last_name ?? '',
            erased_at: r.erased_at ?? null,
          }),
    dueDate: r.due_date,
    status: r.status as TaskStatus,
    completedOn: r.completed_on,
    overdue: r.status !== 'done' && r.due_date < t,
    notes: r.notes,
    version: r.version,
  };
}

async function loadMeeting(db: DbOrTrx, access: CouncilAccess, row: repo.MeetingRow): Promise<Meeting> {
  const [agenda, invitees, decisions, tasks] = await Promise.all([
    repo.listAgenda(db, row.id),
    repo.listInvitees(db, row.id),
    repo.listDecisions(db, row.id),
    repo.listTasksOfMeeting(db, row.id),
  ]);
  return {
    id: row.id,
    councilId: row.council_id,
    councilName: access.council.name,
    title: row.title,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    place: row.place,
    status: row.status as Meeting['status'],
    invitees: invitees.length,
    present: invitees.filter((i) => i.attendance === 'present').length,
    hasMinutes: row.minutes.length > 0,
    decisions: decisions.length,
    agenda,
    inviteeList: invitees.map((i) => ({
      personId: i.person_id,
      personName: personName({ id: i.person_id, first_name: i.first_name, last_name: i.last_name, erased_at: i.erased_at }),
      attendance: i.attendance as Meeting['inviteeList'][number]['attendance'],
    })),
    minutes: row.minutes,
    decisionList: decisions,
    tasks: tasks.map((t) => presentTask(t)),
    canEdit: access.canWrite,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

async function meetingAccess(db: DbOrTrx, principal: Principal, id: number, write = false) {
  const row = await repo.findMeeting(db, id);
  if (!row) throw notFound({ de: `Keine Sitzung Nr. ${id}.`, en: `No meeting no. ${id}.` });
  const access = await councilAccess(db, principal, row.council_id, write);
  return { row, access };
}

// ---- rules ----

function assertTimes(date: string, start: string, end: string): void {
  if (end <= start) {
    throw fieldError(
      'endTime',
      {
        de: `Die Sitzung muss nach ihrem Beginn enden (Beginn ${start} Uhr, Ende ${end} Uhr).`,
        en: `The meeting must end after it starts (start ${start}, end ${end}).`,
      },
      'end_before_start',
    );
  }
  for (const [field, time] of [
    ['startTime', start],
    ['endTime', end],
  ] as const) {
    if (!berlinInstant(date, time)) {
      throw fieldError(
        field,
        {
          de: `${time} Uhr gibt es am ${formatDate(date, 'de')} nicht: die Uhren werden in dieser Nacht vorgestellt.`,
          en: `${time} does not exist on ${formatDate(date, 'en')}: clocks go forward that night.`,
        },
        'nonexistent_time',
      );
    }
  }
}

async function checkInvitees(db: DbOrTrx, access: CouncilAccess, invitees: { personId: number; attendance: string }[]) {
  const seen = new Set<number>();
  for (const [i, inv] of invitees.entries()) {
    if (seen.has(inv.personId))
      throw fieldError(
        `invitees.${i}.personId`,
        { de: 'Diese Person ist bereits eingeladen.', en: 'This person is already invited.' },
        'duplicate',
      );
    seen.add(inv.personId);
    const person = await requirePerson(db, access.principal, inv.personId, `invitees.${i}.personId`);
    if (person.ags !== null && !access.municipalities.some((m) => m.ags === person.ags)) {
      throw fieldError(
        `invitees.${i}.personId`,
        {
          de: 'Die Person gehört zu einer Kommune außerhalb dieses Rates.',
          en: 'The person belongs to a municipality outside this council.',
        },
        'other_municipality',
      );
    }
  }
}

// ---- meetings ----

export async function listMeetings(
  db: DbOrTrx,
  principal: Principal,
  councilId: number,
  q: { when: 'upcoming' | 'past' | 'all'; page: number; pageSize: number },
) {
  await councilAccess(db, principal, councilId);
  const { rows, total } = await repo.listMeetings(
    db,
    councilId,
    { when: q.when, today: todayBerlin() },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(presentSummary), total, page: q.page, pageSize: q.pageSize };
}

export async function getMeeting(db: DbOrTrx, principal: Principal, id: number): Promise<Meeting> {
  const { row, access } = await meetingAccess(db, principal, id);
  return loadMeeting(db, access, row);
}

/** Schedules a meeting; without an invitee list every member at the meeting date is invited. */
export async function createMeeting(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  councilId: number,
  input: CreateMeetingInput,
): Promise<Meeting> {
  const access = await councilAccess(db, principal, councilId, true);
  assertTimes(input.date, input.startTime, input.endTime);
  let invitees = input.invitees;
  if (invitees) await checkInvitees(db, access, invitees);
  else
    invitees = [...new Set((await repo.listMembers(db, councilId, input.date)).filter((m) => !m.erased_at).map((m) => m.person_id))].map(
      (personId) => ({ personId, attendance: 'invited' as const }),
    );
  const now = nowIso();
  const id = await repo.insertMeeting(db, {
    council_id: councilId,
    uid: `${crypto.randomUUID()}@praevis`,
    title: input.title,
    date: input.date,
    start_time: input.startTime,
    end_time: input.endTime,
    place: input.place,
    status: 'planned',
    minutes: '',
    created_at: now,
    updated_at: now,
  });
  await repo.replaceAgenda(db, id, input.agenda);
  await repo.replaceInvitees(db, id, invitees);
  await queueMeetingCreated(db, id, access.council.name);
  const meeting = await loadMeeting(db, access, (await repo.findMeeting(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'council_meeting', entityId: id, after: meeting });
  return meeting;
}

/** Changes a meeting: time and place, agenda, invitees with attendance, minutes, decisions (optimistic locking). */
export async function updateMeeting(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: UpdateMeetingInput,
): Promise<Meeting> {
  const { row, access } = await meetingAccess(db, principal, id, true);
  const before = await loadMeeting(db, access, row);
  if (row.version !== input.version) throw conflict(before);
  assertTimes(input.date ?? row.date, input.startTime ?? row.start_time, input.endTime ?? row.end_time);
  if (input.invitees) await checkInvitees(db, access, input.invitees);
  const mailBefore = await meetingMailState(db, id);
  const patch = Object.fromEntries(
    Object.entries({
      title: input.title,
      date: input.date,
      start_time: input.startTime,
      end_time: input.endTime,
      place: input.place,
      status: input.status,
      minutes: input.minutes,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateMeetingVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(await loadMeeting(db, access, (await repo.findMeeting(db, id))!));
  if (input.agenda) await repo.replaceAgenda(db, id, input.agenda);
  if (input.decisions) await repo.replaceDecisions(db, id, input.decisions);
  if (input.invitees) await repo.replaceInvitees(db, id, input.invitees);
  await queueMeetingChanged(db, mailBefore, access.council.name);
  const after = await loadMeeting(db, access, (await repo.findMeeting(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'council_meeting', entityId: id, before, after });
  return after;
}

// ---- calendar ----

/** The iCalendar file of one meeting. */
export async function meetingIcs(db: DbOrTrx, principal: Principal, id: number): Promise<{ fileName: string; body: string }> {
  const { row, access } = await meetingAccess(db, principal, id);
  const agenda = (await repo.listAgenda(db, id)).map((a) => a.title);
  return {
    fileName: `sitzung-${row.date}-${row.id}.ics`,
    body: buildCalendar(access.council.name, [calendarMeetingOf(row, access.council.name, agenda)]),
  };
}

/** The subscribable feed of a council, found by the hash of its secret token; null for an unknown token. */
export async function councilFeed(db: DbOrTrx, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const council = await repo.findCouncilByFeedHash(db, hashToken(token));
  if (!council) return null;
  // A year back and everything ahead: enough for a calendar, bounded for a busy council.
  const from = addDays(todayBerlin(), -366);
  const rows = await repo.listMeetingsForFeed(db, council.id, from);
  return buildCalendar(
    council.name,
    rows.map((r) => calendarMeetingOf(r, council.name, [])),
    { method: 'publish' },
  );
}

// ---- tasks ----

async function checkTaskRefs(db: DbOrTrx, access: CouncilAccess, input: { meetingId?: number | null; ownerPersonId?: number | null }) {
  if (input.meetingId) {
    const m = await repo.findMeeting(db, input.meetingId);
    if (!m || m.council_id !== access.council.id)
      throw fieldError(
        'meetingId',
        { de: 'Diese Sitzung gehört nicht zu diesem Rat.', en: 'This meeting does not belong to this council.' },
        'other_council',
      );
  }
  if (input.ownerPersonId) {
    const p = await requirePerson(db, access.principal, input.ownerPersonId, 'ownerPersonId');
    if (p.ags !== null && !access.municipalities.some((m) => m.ags === p.ags)) {
      throw fieldError(
        'ownerPersonId',
        {
          de: 'Die Person gehört zu einer Kommune außerhalb dieses Rates.',
          en: 'The person belongs to a municipality outside this council.',
        },
        'other_municipality',
      );
    }
    if (p.erased_at) throw fieldError('ownerPersonId', { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' }, 'erased');
  }
}

export async function listTasks(
  db: DbOrTrx,
  principal: Principal,
  councilId: number,
  q: { status: repo.TaskFilter; page: number; pageSize: number },
) {
  await councilAccess(db, principal, councilId);
  const t = todayBerlin();
  const { rows, total } = await repo.listTasks(db, councilId, q.status, t, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentTask(r, t)), total, page: q.page, pageSize: q.pageSize };
}

export async function createTask(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  councilId: number,
  input: CreateTaskInput,
): Promise<Task> {
  const access = await councilAccess(db, principal, councilId, true);
  await checkTaskRefs(db, access, input);
  const now = nowIso();
  const id = await repo.insertTask(db, {
    council_id: councilId,
    meeting_id: input.meetingId,
    title: input.title,
    owner_person_id: input.ownerPersonId,
    due_date: input.dueDate,
    status: input.status,
    completed_on: input.status === 'done' ? todayBerlin() : null,
    notes: input.notes,
    created_at: now,
    updated_at: now,
  });
  const task = presentTask((await repo.findTask(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'council_task', entityId: id, after: task });
  return task;
}

export async function updateTask(db: DbOrTrx, principal: Principal, actor: Actor, id: number, input: UpdateTaskInput): Promise<Task> {
  const row = await repo.findTask(db, id);
  if (!row) throw notFound({ de: `Keine Aufgabe Nr. ${id}.`, en: `No task no. ${id}.` });
  const access = await councilAccess(db, principal, row.council_id, true);
  const before = presentTask(row);
  if (row.version !== input.version) throw conflict(before);
  await checkTaskRefs(db, access, { ownerPersonId: input.ownerPersonId });
  const completed = input.status === undefined ? undefined : input.status === 'done' ? (row.completed_on ?? todayBerlin()) : null;
  const patch = Object.fromEntries(
    Object.entries({
      title: input.title,
      owner_person_id: input.ownerPersonId,
      due_date: input.dueDate,
      status: input.status,
      notes: input.notes,
      completed_on: completed,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateTaskVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(presentTask((await repo.findTask(db, id))!));
  const after = presentTask((await repo.findTask(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'council_task', entityId: id, before, after });
  return after;
}

/** Overdue tasks of the councils in the principal's scope (the coordinator's home page). */
export async function listOverdueTasks(db: DbOrTrx, principal: Principal): Promise<Task[]> {
  const t = todayBerlin();
  return (await repo.listOverdueTasks(db, principal, t, 50)).map((r) => presentTask(r, t));
}
