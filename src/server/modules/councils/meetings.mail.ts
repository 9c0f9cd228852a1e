import type { DbOrTrx } from '../../db/database.ts';
import { mailConfig, publicLink, queueMail } from '../mail/index.ts';
import { formatDate, todayBerlin } from '../../../shared/time.ts';
import { buildInvitation, type CalendarMeeting, type CalendarPerson } from './calendar.ts';
import * as repo from './councils.repository.ts';

/*
 * The invitations of a meeting's invitees by e-mail (issue 19), queued in the transaction of the
 * change (the outbox of the mail module): a new meeting sends each invitee with an e-mail address
 * an invitation with an iCalendar REQUEST; a change of time, place or title sends the update (same
 * UID, higher SEQUENCE); a cancellation sends CANCEL. An invitee added later gets the invitation, one
 * removed gets the cancellation. A person without an account is written to in German; with an
 * account of the same address, in the account's language and only while it keeps the category
 * 'meetings' switched on. Meetings on a past day send nothing (minutes and attendance are recorded
 * afterwards, and a meeting entered after the fact invites nobody).
 */

type Invitee = repo.InviteeAddress;
type Method = 'REQUEST' | 'CANCEL';

/** `Name <address>` or a bare address (MAIL_FROM) as the calendar's organiser. */
export function organizerOf(from: string): CalendarPerson {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { name: m[1]!.trim() || m[2]!.trim(), email: m[2]!.trim() };
  return { name: from.trim(), email: from.trim() };
}

/** The meeting as the calendar writes it; the SEQUENCE is the number of changes so far. */
export function calendarMeetingOf(row: repo.MeetingRow, councilName: string, agenda: string[]): CalendarMeeting {
  return {
    uid: row.uid,
    title: row.title,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    place: row.place,
    status: row.status,
    sequence: row.version - 1,
    councilName,
    agenda,
    updatedAt: row.updated_at,
  };
}

async function queueOne(
  db: DbOrTrx,
  meeting: CalendarMeeting,
  row: repo.MeetingRow,
  who: Invitee,
  method: Method,
  opts: { isUpdate?: boolean; removed?: boolean },
): Promise<void> {
  const email = who.email!;
  const language = who.user_locale === 'en' ? 'en' : 'de';
  const name = `${who.first_name} ${who.last_name}`.trim();
  const content = buildInvitation(meeting, method, {
    organizer: organizerOf(mailConfig().from),
    attendee: { name, email },
  });
  await queueMail(db, {
    kind: method === 'CANCEL' ? 'meeting.cancellation' : opts.isUpdate ? 'meeting.update' : 'meeting.invitation',
    category: 'meetings',
    to: { email, userId: who.user_id ?? null, language },
    template: method === 'CANCEL' ? 'meeting.cancelled' : 'meeting.invitation',
    data: {
      recipientName: name,
      councilName: meeting.councilName,
      title: meeting.title,
      dateText: formatDate(meeting.date, language, 'long'),
      startTime: meeting.startTime,
      endTime: meeting.endTime,
      place: meeting.place || (language === 'en' ? 'not given' : 'nicht angegeben'),
      agenda: meeting.agenda,
      hasAgenda: meeting.agenda.length > 0,
      isUpdate: Boolean(opts.isUpdate),
      removed: Boolean(opts.removed),
      // Only an invitee with an account can open the meeting in Praevis.
      meetingUrl: who.user_id ? publicLink(`/councils/meetings/${row.id}`) : '',
    },
    icalEvent: { method, content },
    // One message per person and state of the meeting: a repeated call queues nothing twice.
    dedupeKey: `meeting:${row.id}:${row.version}:${method}:${who.person_id}`,
  });
}

async function context(db: DbOrTrx, meetingId: number, councilName: string) {
  const row = (await repo.findMeeting(db, meetingId))!;
  const agenda = (await repo.listAgenda(db, meetingId)).map((a) => a.title);
  return { row, meeting: calendarMeetingOf(row, councilName, agenda) };
}

/** Queues the invitations of a meeting just created (call after its invitees are written). */
export async function queueMeetingCreated(db: DbOrTrx, meetingId: number, councilName: string): Promise<void> {
  const { row, meeting } = await context(db, meetingId, councilName);
  if (row.status !== 'planned' || row.date < todayBerlin()) return;
  for (const who of await repo.listInviteeAddresses(db, meetingId)) await queueOne(db, meeting, row, who, 'REQUEST', {});
}

/** What the messages of a change depend on, read before the change. */
export interface MeetingMailState {
  row: repo.MeetingRow;
  invitees: Invitee[];
}

/** Reads the state a later `queueMeetingChanged` compares with. */
export async function meetingMailState(db: DbOrTrx, meetingId: number): Promise<MeetingMailState> {
  return { row: (await repo.findMeeting(db, meetingId))!, invitees: await repo.listInviteeAddresses(db, meetingId) };
}

/**
 * Queues what a change of a meeting means for its invitees: the cancellation when it was
 * cancelled, the update when its time, place or title changed (or it was planned again), the
 * invitation of invitees added and the cancellation for those removed.
 */
export async function queueMeetingChanged(db: DbOrTrx, before: MeetingMailState, councilName: string): Promise<void> {
  const { row, meeting } = await context(db, before.row.id, councilName);
  const today = todayBerlin();
  if (row.date < today && before.row.date < today) return;
  const invitees = await repo.listInviteeAddresses(db, row.id);
  const wasPlanned = before.row.status === 'planned';
  if (row.status === 'cancelled') {
    if (wasPlanned)
      for (const who of new Map([...before.invitees, ...invitees].map((i) => [i.person_id, i])).values())
        await queueOne(db, meeting, row, who, 'CANCEL', {});
    return;
  }
  if (row.status !== 'planned') return;
  const moved =
    !wasPlanned ||
    row.date !== before.row.date ||
    row.start_time !== before.row.start_time ||
    row.end_time !== before.row.end_time ||
    row.place !== before.row.place ||
    row.title !== before.row.title;
  const known = new Set(before.invitees.map((i) => i.person_id));
  const now = new Set(invitees.map((i) => i.person_id));
  if (row.date >= today) {
    for (const who of invitees) {
      if (!known.has(who.person_id)) await queueOne(db, meeting, row, who, 'REQUEST', {});
      else if (moved) await queueOne(db, meeting, row, who, 'REQUEST', { isUpdate: true });
    }
  }
  for (const who of before.invitees) if (!now.has(who.person_id)) await queueOne(db, meeting, row, who, 'CANCEL', { removed: true });
}
