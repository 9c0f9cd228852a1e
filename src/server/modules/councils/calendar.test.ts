import { describe, expect, it } from 'vitest';
import { buildInvitation, type CalendarMeeting } from './calendar.ts';
import { berlinWallClock, parseCalendar } from './test-support.ts';

const meeting: CalendarMeeting = {
  uid: 'abc-123@praevis',
  title: 'Sitzung des Präventionsrates',
  date: '2026-03-28',
  startTime: '18:00',
  endTime: '20:00',
  place: 'Rathaus, Saal 2',
  status: 'planned',
  sequence: 2,
  councilName: 'Präventionsrat Musterstadt',
  agenda: ['Begrüßung', 'Lagebild'],
  updatedAt: '2026-03-01T10:00:00.000Z',
};
const who = {
  organizer: { name: 'Praevis', email: 'praevis@example.org' },
  attendee: { name: 'Erika Muster', email: 'erika@example.org' },
};

describe('meeting invitations (iCalendar, RFC 5546)', () => {
  it('writes a REQUEST with the meeting UID, its sequence, Berlin times, organiser and attendee', () => {
    const text = buildInvitation(meeting, 'REQUEST', who);
    const { comp, events } = parseCalendar(text);
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.uid).toBe('abc-123@praevis');
    expect(e.sequence).toBe(2);
    expect(e.summary).toBe('Sitzung des Präventionsrates – Präventionsrat Musterstadt');
    expect(e.location).toBe('Rathaus, Saal 2');
    expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(berlinWallClock(e.startDate.toJSDate())).toBe('2026-03-28 18:00');
    expect(berlinWallClock(e.endDate.toJSDate())).toBe('2026-03-28 20:00');
    expect(String(e.component.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:praevis@example.org');
    const attendees = e.attendees.map((a) => String(a.getFirstValue()).toLowerCase());
    expect(attendees).toEqual(['mailto:erika@example.org']);
    expect(e.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('writes a CANCEL with the same UID and the event cancelled', () => {
    const { comp, events } = parseCalendar(buildInvitation({ ...meeting, sequence: 3 }, 'CANCEL', who));
    expect(comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.uid).toBe('abc-123@praevis');
    expect(events[0]!.sequence).toBe(3);
    expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
