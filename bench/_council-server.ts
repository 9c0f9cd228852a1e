/*
 * The server under test for bench/council-page.ts, in its own process: one council of Annaberg-
 * Buchholz with 200 members (from eight institution types), 500 meetings (each with three agenda
 * items and every member invited) and 2,000 tasks, and the coordinator of that commune. Prints one
 * JSON line with the URL, the session cookie and the council id.
 */
import type { AddressInfo } from 'node:net';
import { ORGANISATION_TYPES } from '../src/shared/organisations.schema.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { addDays, nowIso, todayBerlin } from '../src/shared/time.ts';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const ctx = await createTestContext(dialect);
const A = ctx.territory.annaberg;
const db = ctx.db;
const now = nowIso();
const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>, size = 500) => {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
};

const { id: councilId } = await db
  .insertInto('councils')
  .values({
    name: 'Kriminalpräventiver Rat (Bench)',
    founding_resolution_date: '2015-01-10',
    constituted_on: '2015-03-01',
    steering_group: '',
    coordination_office: '',
    notes: '',
    created_by: null,
    created_at: now,
    updated_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('council_municipalities')
  .values({ council_id: councilId, ags: A, resolution_event_id: null, constituted_event_id: null })
  .execute();
const orgIds: number[] = [];
for (const type of ORGANISATION_TYPES)
  orgIds.push(
    (
      await db
        .insertInto('organisations')
        .values({
          ags: A,
          name: `Bench ${type}`,
          type,
          street: '',
          postcode: '',
          city: '',
          notes: '',
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
const people = Array.from({ length: 200 }, (_, i) => ({
  ags: A,
  organisation_id: orgIds[i % orgIds.length]!,
  first_name: `Vorname${i}`,
  last_name: `Nachname${String(i).padStart(3, '0')}`,
  function: 'Mitglied',
  email: `p${i}@example.org`,
  phone: null,
  legal_basis: 'public_task',
  purpose: 'KPR',
  consent_given_on: null,
  notes: '',
  erased_at: null,
  created_by: null,
  created_at: now,
  updated_at: now,
}));
const personIds: number[] = [];
await chunk(
  people,
  async (part) => {
    for (const r of await db.insertInto('people').values(part).returning('id').execute()) personIds.push(r.id);
  },
  100,
);
const roles = ['chair', 'coordinator', 'permanent', 'advisory', 'guest'];
await chunk(
  personIds.map((pid, i) => ({
    council_id: councilId,
    person_id: pid,
    role: roles[i % roles.length]!,
    organisation_id: orgIds[i % orgIds.length]!,
    steering_group: i < 5 ? 1 : 0,
    start_date: '2015-03-01',
    end_date: i % 10 === 9 ? '2020-12-31' : null,
    created_at: now,
    updated_at: now,
  })),
  (part) => db.insertInto('council_members').values(part).execute(),
  100,
);
const meetingIds: number[] = [];
const meetings = Array.from({ length: 500 }, (_, i) => {
  const d = addDays('2010-01-05', i * 14);
  return {
    council_id: councilId,
    uid: `bench-${i}@praevis`,
    title: 'Sitzung',
    date: d,
    start_time: '17:00',
    end_time: '19:00',
    place: 'Rathaus',
    status: 'held',
    minutes: 'Protokoll '.repeat(50),
    created_at: now,
    updated_at: now,
  };
});
await chunk(
  meetings,
  async (part) => {
    for (const r of await db.insertInto('council_meetings').values(part).returning('id').execute()) meetingIds.push(r.id);
  },
  100,
);
await chunk(
  meetingIds.flatMap((mid) => [1, 2, 3].map((p) => ({ meeting_id: mid, position: p, title: `Punkt ${p}`, notes: '' }))),
  (part) => db.insertInto('council_agenda_items').values(part).execute(),
);
await chunk(
  meetingIds.map((mid) => ({ meeting_id: mid, position: 1, text: 'Beschluss' })),
  (part) => db.insertInto('council_decisions').values(part).execute(),
);
await chunk(
  meetingIds.flatMap((mid, k) =>
    personIds.map((pid, i) => ({ meeting_id: mid, person_id: pid, attendance: (i + k) % 4 === 0 ? 'excused' : 'present' })),
  ),
  (part) => db.insertInto('council_invitees').values(part).execute(),
  1000,
);
const today = todayBerlin();
await chunk(
  Array.from({ length: 2000 }, (_, i) => ({
    council_id: councilId,
    meeting_id: meetingIds[i % meetingIds.length]!,
    title: `Aufgabe ${i}`,
    owner_person_id: personIds[i % personIds.length]!,
    due_date: addDays(today, i - 1500),
    status: i % 3 === 0 ? 'done' : 'open',
    completed_on: null,
    notes: '',
    created_at: now,
    updated_at: now,
  })),
  (part) => db.insertInto('council_tasks').values(part).execute(),
  200,
);

const coordinator = await ctx.as('coordinator', { communes: [A] });
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: `praevis_session=${coordinator.cookie}`, councilId })}\n`);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
