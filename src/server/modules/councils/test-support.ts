/* Helpers of the councils tests (not a test file itself). */
import ICAL from 'ical.js';
import { expect } from 'vitest';
import type { Client } from '../../test/harness.ts';

export { createOrganisation, createPerson } from '../organisations/test-support.ts';

let seq = 0;

/** Founds a council through the API. */
export async function foundCouncil(client: Client, municipalities: string[], o: Record<string, unknown> = {}) {
  const res = await client.post('/api/councils', {
    name: `Präventionsrat ${++seq}`,
    municipalities,
    foundingResolutionDate: '2024-03-14',
    ...o,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

/** Parses iCalendar text with ical.js (an independent parser) and registers its time zones. */
export function parseCalendar(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(tz);
    if (!ICAL.TimezoneService.has(zone.tzid)) ICAL.TimezoneService.register(zone);
  }
  return { comp, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

/** The wall-clock time of an instant in Europe/Berlin, `YYYY-MM-DD HH:MM`. */
export function berlinWallClock(d: Date): string {
  const p = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  return p.replace(',', '');
}
