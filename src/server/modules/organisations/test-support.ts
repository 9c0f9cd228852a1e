/* Helpers shared by the organisations, councils, coaching and training tests (not a test file itself). */
import { expect } from 'vitest';
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
    ags,
    firstName: `Vorname${n}`,
    lastName: `Nachname${n}`,
    function: 'Mitglied',
    email: `person${n}@example.org`,
    phone: null,
    legalBasis: 'public_task',
    purpose: 'Mitgliederverwaltung des Präventionsrates',
    ...o,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; displayName: string };
}
