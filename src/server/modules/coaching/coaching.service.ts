import type {
  AddSessionInput,
  Coach,
  CoachingPage,
  CoachingProcess,
  CoachingQuery,
  CreateCoachInput,
  EndCoachingInput,
  StartCoachingInput,
  UpdateCoachInput,
  UpdateCoachingInput,
} from '../../../shared/coaching.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';

import { findPairedEnd, listHistoricIntervals, recordMilestone } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { inScope, requireAccess, scopeOf } from '../../auth/access.ts';
import { personName, requirePerson } from '../organisations/index.ts';
import { municipalityExists } from '../territory/index.ts';
import * as repo from './coaching.repository.ts';
import { formatDate, nowIso, todayBerlin } from '../../../shared/time.ts';

/*
 * Coaching processes drive the alliance figure "coaching processes running": starting a process
 * records the alliance event coaching_started, ending it records coaching_ended, through the
 * alliance service (its contradiction rules apply, its figures cache follows). An event the state
 * council staff already recorded for the same municipality and day is linked instead of repeated.
 */

const ruleError = (field: string, code: string, text: { de: string; en: string }) =>
  new AppError('rule-violation', text, [{ field, code, message: text }]);

function presentCoach(r: repo.CoachRow): Coach {
  return {
    id: r.id,
    personId: r.person_id,
    name: personName({ id: r.person_id, first_name: r.first_name, last_name: r.last_name, erased_at: r.erased_at }),
    email: r.email,
    region: r.region,
    notes: r.notes,
    active: r.active === 1,
    runningProcesses: Number(r.running ?? 0),
    version: r.version,
  };
}

function presentProcess(r: repo.ProcessRow, sessions: { id: number; process_id: number; date: string; notes: string }[]): CoachingProcess {
  return {
    id: r.id,
    ags: r.ags,
    municipalityName: r.municipality_name,
    coachId: r.coach_id,
    coachName: personName({ id: r.person_id, first_name: r.first_name, last_name: r.last_name, erased_at: r.erased_at }),
    startedOn: r.started_on,
    endedOn: r.ended_on,
    status: r.ended_on ? 'ended' : 'running',
    goals: r.goals,
    endReport: r.end_report,
    startEventId: r.start_event_id,
    endEventId: r.end_event_id,
    sessions: sessions.filter((s) => s.process_id === r.id).map((s) => ({ id: s.id, date: s.date, notes: s.notes })),
    version: r.version,
  };
}

async function loadProcess(db: DbOrTrx, id: number): Promise<CoachingProcess> {
  const row = await repo.findProcess(db, id);
  if (!row) throw notFound({ de: `Kein Coaching-Prozess Nr. ${id}.`, en: `No coaching process no. ${id}.` });
  return presentProcess(row, await repo.listSessions(db, [id]));
}

// ---- coaches ----

export async function listCoaches(db: DbOrTrx): Promise<Coach[]> {
  return (await repo.listCoaches(db)).map(presentCoach);
}

export async function createCoach(db: DbOrTrx, principal: Principal, actor: Actor, input: CreateCoachInput): Promise<Coach> {
  const person = await requirePerson(db, principal, input.personId, 'personId');
  if (person.erased_at) throw fieldError('personId', { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' }, 'erased');
  if (await repo.findCoachByPerson(db, input.personId))
    throw fieldError(
      'personId',
      { de: 'Diese Person ist bereits im Coach-Pool.', en: 'This person is already in the pool of coaches.' },
      'duplicate',
    );
  const now = nowIso();
  const id = await repo.insertCoach(db, {
    person_id: input.personId,
    region: input.region,
    notes: input.notes,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  const coach = presentCoach((await repo.findCoach(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'coach', entityId: id, after: coach });
  return coach;
}

export async function updateCoach(db: DbOrTrx, actor: Actor, id: number, input: UpdateCoachInput): Promise<Coach> {
  const row = await repo.findCoach(db, id);
  if (!row) throw notFound({ de: `Kein Coach Nr. ${id}.`, en: `No coach no. ${id}.` });
  const before = presentCoach(row);
  if (row.version !== input.version) throw conflict(before);
  const patch = Object.fromEntries(
    Object.entries({
      region: input.region,
      notes: input.notes,
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateCoachVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(presentCoach((await repo.findCoach(db, id))!));
  const after = presentCoach((await repo.findCoach(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'coach', entityId: id, before, after });
  return after;
}

// ---- processes ----

/**
 * The processes in the principal's scope (paged), and the historic rows: processes the alliance
 * history holds without a record (decision 035). With `runningAt`, both are the processes the
 * figure "coaching processes running" counts at that date.
 */
export async function listProcesses(db: DbOrTrx, principal: Principal, q: CoachingQuery): Promise<CoachingPage> {
  const { rows, total } = await repo.listProcesses(db, principal, q, q.pageSize, (q.page - 1) * q.pageSize);
  const sessions = await repo.listSessions(
    db,
    rows.map((r) => r.id),
  );
  const [scope, intervals] = await Promise.all([
    scopeOf(db, principal),
    listHistoricIntervals(db, 'coaching_started', 'coaching_ended', await repo.listAllLinkedEventIds(db)),
  ]);
  const at = q.runningAt;
  const historic = intervals
    .filter((iv) => !iv.startLinked && inScope(scope, iv.ags) && (q.ags === undefined || iv.ags === q.ags))
    .filter((iv) => (q.status === 'running' ? iv.endedOn === null : q.status === 'ended' ? iv.endedOn !== null : true))
    .filter((iv) => at === undefined || (iv.startedOn <= at && (iv.endedOn === null || iv.endedOn > at)))
    .filter((iv) => q.startedBy === undefined || iv.startedOn <= q.startedBy)
    .map(({ startLinked: _s, endLinked: _e, ...iv }) => iv);
  return { items: rows.map((r) => presentProcess(r, sessions)), total, page: q.page, pageSize: q.pageSize, historic };
}

export async function getProcess(db: DbOrTrx, principal: Principal, id: number): Promise<CoachingProcess> {
  const p = await loadProcess(db, id);
  await requireAccess(db, principal, 'coaching.read', p.ags);
  return p;
}

/**
 * Starts a coaching process: the alliance event coaching_started is recorded (or linked) in the same
 * transaction; when the history pairs that start with an end event, the process ends with it.
 */
export async function startProcess(db: DbOrTrx, actor: Actor, input: StartCoachingInput): Promise<CoachingProcess> {
  if (!(await municipalityExists(db, input.ags)))
    throw fieldError('ags', { de: `Keine Kommune mit dem AGS ${input.ags}.`, en: `No municipality with AGS ${input.ags}.` }, 'unknown');
  const coach = await repo.findCoach(db, input.coachId);
  if (!coach) throw fieldError('coachId', { de: `Kein Coach Nr. ${input.coachId}.`, en: `No coach no. ${input.coachId}.` }, 'unknown');
  if (coach.active !== 1)
    throw fieldError(
      'coachId',
      { de: 'Dieser Coach ist nicht mehr im aktiven Pool.', en: 'This coach is no longer in the active pool.' },
      'inactive',
    );
  const running = await repo.findRunningProcess(db, input.ags);
  if (running) {
    throw ruleError('startedOn', 'coaching_already_running', {
      de: `Für diese Kommune läuft bereits ein Coaching-Prozess (Nr. ${running.id}, seit ${formatDate(running.started_on, 'de')}).`,
      en: `A coaching process is already running for this municipality (no. ${running.id}, since ${formatDate(running.started_on, 'en')}).`,
    });
  }
  const linked = await repo.listLinkedEventIds(db, input.ags);
  const now = nowIso();
  const id = await repo.insertProcess(db, {
    ags: input.ags,
    coach_id: input.coachId,
    started_on: input.startedOn,
    goals: input.goals,
    end_report: '',
    created_at: now,
    updated_at: now,
  });
  const eventId = await recordMilestone(
    db,
    actor,
    input.ags,
    'coaching_started',
    input.startedOn,
    'startedOn',
    `Coaching-Prozess Nr. ${id}`,
    { exclude: linked },
  );
  // A start the history already ended (an imported "coaching ended"): the record ends with it.
  const end = await findPairedEnd(db, input.ags, 'coaching_started', 'coaching_ended', eventId);
  const ended = end !== null && !linked.includes(end.id) ? { ended_on: end.date, end_event_id: end.id } : {};
  const ok = await repo.updateProcessVersioned(db, id, 1, { start_event_id: eventId, ...ended });
  if (!ok) throw conflict(await loadProcess(db, id));
  const process = await loadProcess(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'coaching_process', entityId: id, after: process });
  return process;
}

export async function updateProcess(db: DbOrTrx, actor: Actor, id: number, input: UpdateCoachingInput): Promise<CoachingProcess> {
  const before = await loadProcess(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (input.coachId !== undefined && !(await repo.findCoach(db, input.coachId)))
    throw fieldError('coachId', { de: `Kein Coach Nr. ${input.coachId}.`, en: `No coach no. ${input.coachId}.` }, 'unknown');
  const patch = Object.fromEntries(
    Object.entries({ coach_id: input.coachId, goals: input.goals, end_report: input.endReport }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateProcessVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(await loadProcess(db, id));
  const after = await loadProcess(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'coaching_process', entityId: id, before, after });
  return after;
}

/** Ends a coaching process with its end report: the alliance event coaching_ended is recorded (or linked). */
export async function endProcess(db: DbOrTrx, actor: Actor, id: number, input: EndCoachingInput): Promise<CoachingProcess> {
  const before = await loadProcess(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (before.endedOn)
    throw ruleError('endedOn', 'already_ended', {
      de: `Der Prozess endete bereits am ${formatDate(before.endedOn, 'de')}.`,
      en: `The process already ended on ${formatDate(before.endedOn, 'en')}.`,
    });
  if (input.endedOn < before.startedOn) {
    throw fieldError(
      'endedOn',
      {
        de: `Das Ende liegt vor dem Beginn (${formatDate(before.startedOn, 'de')}).`,
        en: `The end lies before the start (${formatDate(before.startedOn, 'en')}).`,
      },
      'end_before_start',
    );
  }
  const linked = await repo.listLinkedEventIds(db, before.ags);
  const eventId = await recordMilestone(db, actor, before.ags, 'coaching_ended', input.endedOn, 'endedOn', `Coaching-Prozess Nr. ${id}`, {
    exclude: linked,
  });
  const ok = await repo.updateProcessVersioned(db, id, input.version, {
    ended_on: input.endedOn,
    end_report: input.endReport || before.endReport,
    end_event_id: eventId,
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(await loadProcess(db, id));
  const after = await loadProcess(db, id);
  await recordAudit(db, actor, { action: 'end', entityType: 'coaching_process', entityId: id, before, after });
  return after;
}

export async function addSession(db: DbOrTrx, actor: Actor, id: number, input: AddSessionInput): Promise<CoachingProcess> {
  const p = await loadProcess(db, id);
  if (input.date < p.startedOn || (p.endedOn && input.date > p.endedOn)) {
    throw fieldError(
      'date',
      { de: 'Die Sitzung liegt außerhalb des Coaching-Zeitraums.', en: 'The session lies outside the coaching period.' },
      'outside_period',
    );
  }
  if (input.date > todayBerlin())
    throw fieldError('date', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' }, 'date_in_future');
  const sessionId = await repo.insertSession(db, { process_id: id, date: input.date, notes: input.notes, created_at: nowIso() });
  await recordAudit(db, actor, {
    action: 'create',
    entityType: 'coaching_session',
    entityId: sessionId,
    after: { processId: id, ...input },
  });
  return loadProcess(db, id);
}
