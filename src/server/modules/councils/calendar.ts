import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
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

/** Builds a calendar with the meetings; `name` becomes the calendar's name in subscribing programs. */
export function buildCalendar(name: string, meetings: CalendarMeeting[], opts: { method?: 'publish'; url?: string } = {}): string {
  // No calendar-wide zone: then DTSTAMP and LAST-MODIFIED stay UTC (as RFC 5545 requires) while
  // DTSTART/DTEND carry TZID=Europe/Berlin; the zone's VTIMEZONE is added below.
  const cal = ical({ name, prodId: { company: 'Praevis', product: 'Praevis Präventionsrat', language: 'DE' } });
  if (opts.method) cal.method(ICalCalendarMethod.PUBLISH);
  if (opts.url) cal.url(opts.url);
  cal.x('X-WR-TIMEZONE', CALENDAR_TZ);
  cal.ttl(60 * 60);
  for (const m of meetings) {
    cal.createEvent({
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
  const text = cal.toString();
  const at = text.indexOf('BEGIN:VEVENT');
  return at < 0 ? text : `${text.slice(0, at)}${vtimezone()}\r\n${text.slice(at)}`;
}

let cachedZone: string | undefined;
/** The VTIMEZONE component of Europe/Berlin (the library's current IANA data). */
function vtimezone(): string {
  cachedZone ??= tzlib_get_ical_block(CALENDAR_TZ)[0]!;
  return cachedZone;
}
