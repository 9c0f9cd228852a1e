import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/*
 * iCalendar (RFC 5545) files of council meetings, written by ical-generator. Times are local
 * times in Europe/Berlin (TZID=Europe/Berlin with the zone's VTIMEZONE from
 * timezones-ical-library), so a calendar shows 18:00 on both sides of a daylight-saving change.
 */

export const CALENDAR_TZ = 'Europe/Berlin';

export interface CalendarMeeting {
  uid: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  status: string;
  sequence: number;
  councilName: string;
  agenda: string[];
  updatedAt: string;
}

/**
 * A Date whose local fields are the wall-clock time: with a TZID, ical-generator writes a Date's
 * local year … minute as they are. (Only a wall time that the server's own zone skips would shift;
 * servers run in UTC, and such a time does not exist in Europe/Berlin either.)
 */
function wallClock(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm, 0, 0);
}

/** A person on an invitation: the organiser (the sender) or an attendee. */
export interface CalendarPerson {
  name: string;
  email: string;
}

/** What makes a calendar an iTIP message (RFC 5546) rather than a published one. */
interface Scheduling {
  organizer: CalendarPerson;
  attendee: CalendarPerson;
}

/** Builds a calendar with the meetings; `name` becomes the calendar's name in subscribing programs. */
export function buildCalendar(name: string, meetings: CalendarMeeting[], opts: { method?: 'publish'; url?: string } = {}): string {
  const cal = newCalendar(name);
  if (opts.method) cal.method(ICalCalendarMethod.PUBLISH);
  if (opts.url) cal.url(opts.url);
  cal.ttl(60 * 60);
  for (const m of meetings) addMeeting(cal, m);
  return withZone(cal.toString());
}

/**
 * The invitation of one attendee to a meeting (RFC 5546): `REQUEST` for a new or changed meeting,
 * `CANCEL` for a cancelled one. The UID is the meeting's own and the SEQUENCE grows with every
 * change, so a calendar program replaces the earlier invitation instead of adding a second event.
 */
export function buildInvitation(meeting: CalendarMeeting, method: 'REQUEST' | 'CANCEL', who: Scheduling): string {
  const cal = newCalendar(meeting.councilName);
  cal.method(method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  const event = addMeeting(cal, method === 'CANCEL' ? { ...meeting, status: 'cancelled' } : meeting);
  event.organizer({ name: who.organizer.name, email: who.organizer.email });
  event.createAttendee({
    name: who.attendee.name,
    email: who.attendee.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: method === 'REQUEST',
  });
  return withZone(cal.toString());
}

function newCalendar(name: string): ICalCalendar {
  // No calendar-wide zone: then DTSTAMP and LAST-MODIFIED stay UTC (as RFC 5545 requires) while
  // DTSTART/DTEND carry TZID=Europe/Berlin; the zone's VTIMEZONE is added by withZone.
  const cal = ical({ name, prodId: { company: 'Praevis', product: 'Praevis Präventionsrat', language: 'DE' } });
  cal.x('X-WR-TIMEZONE', CALENDAR_TZ);
  return cal;
}

function addMeeting(cal: ICalCalendar, m: CalendarMeeting) {
  return cal.createEvent({
    id: m.uid,
    sequence: m.sequence,
    // Wall-clock times: the library writes them with TZID=Europe/Berlin as given.
    start: wallClock(m.date, m.startTime),
    end: wallClock(m.date, m.endTime),
    timezone: CALENDAR_TZ,
    stamp: new Date(m.updatedAt),
    lastModified: new Date(m.updatedAt),
    summary: `${m.title} – ${m.councilName}`,
    location: m.place || undefined,
    description: m.agenda.length ? `Tagesordnung:\n${m.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n')}` : undefined,
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/** Inserts the VTIMEZONE once, before the first event. */
function withZone(text: string): string {
  const at = text.indexOf('BEGIN:VEVENT');
  return at < 0 ? text : `${text.slice(0, at)}${vtimezone()}\r\n${text.slice(at)}`;
}

let cachedZone: string | undefined;
/** The VTIMEZONE component of Europe/Berlin (the library's current IANA data). */
function vtimezone(): string {
  cachedZone ??= tzlib_get_ical_block(CALENDAR_TZ)[0]!;
  return cachedZone;
}
