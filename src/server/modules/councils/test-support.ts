/* Helpers shared by the councils, organisations, coaching and training tests (not a test file itself). */
import ICAL from 'ical.js';
import { expect } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { Client } from '../../test/harness.ts';

let seq = 0;

/** Creates an organisation through the API and returns it. */
export async function createOrganisation(client: Client, ags: string | null, type: string, name = `Organisation ${++seq}`) {
  const res = await client.post('/api/organisations', { ags, name, type, street: 'Markt 1', postcode: '09456', city: 'Annaberg-Buchholz' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; type: string };
}

/** Creates a person through the API and returns it. */
export async function createPerson(client: Client, ags: string | null, o: Record<string, unknown> = {}) {
  const n = ++seq;
  const res = await client.post('/api/people', {
    ags, firstName: `Vorname${n}`, lastName: `Nachname${n}`, function: 'Mitglied', email: `person${n}@example.org`, phone: null,
    legalBasis: 'public_task', purpose: 'Mitgliederverwaltung des Präventionsrates', ...o,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; displayName: string };
}

/** Founds a council through the API. */
export async function foundCouncil(client: Client, municipalities: string[], o: Record<string, unknown> = {}) {
  const res = await client.post('/api/councils', { name: `Präventionsrat ${++seq}`, municipalities, foundingResolutionDate: '2024-03-14', ...o });
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
  const p = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
  return p.replace(',', '');
}

/** Every row of every table, as JSON text per table (for the GDPR "nothing remains" check). */
export async function dumpAllTables(db: Db, dialect: 'sqlite' | 'postgres'): Promise<Map<string, string>> {
  const { sql } = await import('kysely');
  const tables = dialect === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name);
  const out = new Map<string, string>();
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    out.set(t, JSON.stringify(rows, (_k, v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v as Uint8Array).toString('latin1') : v)));
  }
  return out;
}
