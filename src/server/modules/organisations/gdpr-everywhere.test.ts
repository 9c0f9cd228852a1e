import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { dumpAllTables } from '../../test/dump-tables.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { nowIso } from '../../../shared/time.ts';
import { addDemoData } from '../demo/index.ts';
import { NOT_PERSONAL, NOT_PERSONAL_NAMES, PERSONAL_COLUMNS } from './gdpr.registry.ts';
import { createOrganisation, createPerson } from './test-support.ts';

/*
 * The erasure finds a person everywhere: the name, an initial and surname, an upper-case copy, a
 * copy without diacritics, the e-mail address and the phone number written differently are
 * planted in every registered column of every module (through the API where a route shows them,
 * by SQL elsewhere, in rows of the demo data). The export lists every planted mention; after the
 * erasure none is left in any table, nor in what the routes serve.
 */

const PERSON = {
  firstName: 'Jürgen',
  lastName: 'Weißgärber-Öztürk',
  email: 'j.weissgaerber-oeztuerk@praeventionsrat.example',
  phone: '+49 351 47114711',
};
/** The spellings planted, each of which the export must list and the erasure must remove. */
const VARIANTS = [
  'Jürgen Weißgärber-Öztürk',
  'J. Weißgärber-Öztürk',
  'JÜRGEN WEISSGÄRBER-ÖZTÜRK',
  'Juergen Weissgaerber-Oeztuerk',
  'Herr Weissgarber-Ozturk',
  'J.Weissgaerber-Oeztuerk@Praeventionsrat.EXAMPLE',
  '0351/4711 4711',
];
const PLANT = `Rücksprache: ${VARIANTS.join('; ')}.`;
/** What must not be left anywhere: any spelling of the surname, the phone digits. */
const LEFT_OVER = [/wei(ss|ß)g(a|ä|ae)rber/i, /öztürk|oeztuerk|ozturk/i, /4711\D{0,3}4711/, /@praeventionsrat\.example/i];

/** The text columns of the database (for the registry's completeness). */
async function textColumns(ctx: TestContext): Promise<{ table: string; column: string }[]> {
  if (ctx.dialect === 'sqlite') {
    const tables = (
      await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(ctx.db)
    ).rows;
    const out: { table: string; column: string }[] = [];
    for (const t of tables) {
      const cols = (await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${t.name})`.execute(ctx.db)).rows;
      for (const c of cols) if (/text/i.test(c.type)) out.push({ table: t.name, column: c.name });
    }
    return out;
  }
  return (
    await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying')`.execute(ctx.db)
  ).rows;
}

/** Gives every table of the registry a row: the demo data, then the API for councils, and SQL for what the demo leaves empty. */
async function fillTables(ctx: TestContext, coordinator: Client, A: string): Promise<void> {
  await addDemoData(ctx.db, SYSTEM_ACTOR, { force: true, seed: 7 });
  const db = ctx.db as unknown as Kysely<any>;
  const now = nowIso();
  const first = async (table: string) =>
    (await db.selectFrom(table).selectAll().limit(1).executeTakeFirst()) as Record<string, any> | undefined;
  await createOrganisation(coordinator, A, 'school', 'Grundschule Nord');
  const member = await createPerson(coordinator, A, { firstName: 'Erika', lastName: 'Beispiel' });
  const council = await coordinator.post('/api/councils', { municipalities: [A], foundingResolutionDate: '2024-03-14', name: 'KPR Nord' });
  expect(council.statusCode, council.body).toBe(201);
  const meeting = await coordinator.post(`/api/councils/${council.json().id}/meetings`, {
    date: '2024-09-10',
    startTime: '17:00',
    endTime: '18:00',
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const meetingId = meeting.json().id as number;
  const task = await coordinator.post(`/api/councils/${council.json().id}/tasks`, {
    title: 'Aufgabe',
    ownerPersonId: member.id,
    meetingId,
    dueDate: '2024-10-01',
  });
  expect(task.statusCode, task.body).toBe(201);
  await db.insertInto('council_agenda_items').values({ meeting_id: meetingId, position: 1, title: 'Punkt' }).execute();
  await db.insertInto('council_decisions').values({ meeting_id: meetingId, position: 1, text: 'Beschluss' }).execute();
  const agreement = await db
    .insertInto('alliance_agreements')
    .values({ council_party: 'Stadt', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('alliance_signatories')
    .values({ agreement_id: agreement.id, position: 1, name: 'N', function: 'F', party: 'other' })
    .execute();
  const field = (await first('fields_of_action'))!;
  await db
    .insertInto('municipal_priorities')
    .values({
      ags: A,
      kind: 'problem_field',
      field_id: field.id,
      title: 'T',
      priority: 'high',
      source: 'consultation',
      identified_on: '2024-01-01',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const coach = await db
    .insertInto('coaches')
    .values({ person_id: member.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const process = await db
    .insertInto('coaching_processes')
    .values({ ags: A, coach_id: coach.id, started_on: '2024-01-01', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('coaching_sessions').values({ process_id: process.id, date: '2024-02-01', created_at: now }).execute();
  await db
    .insertInto('effect_comparisons')
    .values({
      intervention_kind: 'coaching',
      intervention_id: process.id,
      field_code: 'graffiti',
      units_json: '[]',
      reason: 'Vergleich',
      chosen_by_label: 'test',
      chosen_at: now,
    })
    .execute();
  const application = (await first('funding_applications'))!;
  await db
    .insertInto('funding_proofs')
    .values({
      application_id: application.id,
      actual_json: '{}',
      actual_total_cents: 0,
      actual_eligible_cents: 0,
      report: 'Bericht',
      submitted_at: now,
    })
    .execute();
  const analysis = (await first('security_analyses'))!;
  await db.insertInto('municipality_areas').values({ ags: analysis.ags, position: 99, name: 'Bereich' }).execute();
  const survey = (await first('surveys'))!;
  await db
    .insertInto('survey_drafts')
    .values({ code_hash: 'GDPRTEST', survey_id: survey.id, questionnaire_version: 1, answers_json: '{}', saved_on: '2024-01-01' })
    .execute();
  await db
    .insertInto('survey_paper_entries')
    .values({ survey_id: survey.id, sheet: 'GDPR-1', questionnaire_version: 1, answers_json: '{}', entered_on: '2024-01-01' })
    .execute();
  await db
    .insertInto('mail_outbox')
    .values({
      kind: 'meeting.invitation',
      category: 'meetings',
      recipient: 'person@example.org',
      language: 'de',
      subject: 'Einladung',
      html: '<p>Einladung</p>',
      text: 'Einladung',
      ical_method: 'REQUEST',
      ical: 'BEGIN:VCALENDAR',
      status: 'kept',
      attempts: 0,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('annual_report_versions')
    .values({ year: 2025, number: 1, snapshot_json: '{}', content_sha256: 'x', created_by: 'system', created_at: now })
    .execute();
  await db
    .insertInto('documents')
    .values({
      owner_type: 'funding_project',
      owner_id: 1,
      kind: 'project',
      file_name: 'a.pdf',
      content_type: 'application/pdf',
      size_bytes: 1,
      sha256: 'x',
      content: Buffer.from('x'),
      uploaded_at: now,
    })
    .execute();
}

describe.each(DIALECTS)('GDPR: a person found and erased everywhere on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client;
  let lpr: Client;
  let A: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    coordinator = await ctx.as('coordinator', { communes: [A] });
    lpr = await ctx.as('lpr');
    await fillTables(ctx, coordinator, A);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('registers every text column of the database as personal or not, with the reason', async () => {
    const registered = new Set(PERSONAL_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const unclassified = (await textColumns(ctx))
      .filter((c) => !c.table.startsWith('kysely_'))
      .filter((c) => !registered.has(`${c.table}.${c.column}`) && !NOT_PERSONAL[c.table] && !NOT_PERSONAL[`${c.table}.${c.column}`])
      .filter((c) => !NOT_PERSONAL_NAMES.test(c.column))
      .map((c) => `${c.table}.${c.column}`);
    expect(unclassified).toEqual([]);
  });

  it('the export lists every planted spelling in every registered column; after erasure none is left in any table or route', async () => {
    const p = await createPerson(coordinator, A, { ...PERSON, notes: '' });

    // Through the API, where a route serves the text: the consultation event, the project (partners, steps, locations).
    const event = await lpr.post(`/api/alliance/municipalities/${A}/events`, {
      type: 'consultation',
      date: '2024-05-02',
      topic: PLANT,
      participants: PLANT,
      notes: PLANT,
    });
    expect(event.statusCode, event.body).toBe(201);
    const eventId = event.json().id as number;
    const project = await coordinator.post('/api/projects', {
      ags: A,
      title: `Projekt ${PLANT}`.slice(0, 300),
      partners: [{ name: PLANT, role: PLANT }],
      locations: [{ label: PLANT, geometry: { type: 'Point', coordinates: [13.0025, 50.5794] } }],
      steps: { problem: { description: PLANT } },
    });
    expect(project.statusCode, project.body).toBe(201);
    const projectId = project.json().id as number;
    const served = async () => [
      (await lpr.get(`/api/alliance/events/${eventId}`)).body,
      (await coordinator.get(`/api/projects/${projectId}`)).body,
      (await pdfText((await coordinator.get(`/api/projects/${projectId}/dossier.pdf`)).rawPayload)).text,
    ];
    for (const text of await served()) expect(text).toContain('Weißgärber-Öztürk'); // the check after the erasure can fail

    // Everywhere else by SQL, in the first row of each registered column (the demo data fills the tables).
    const planted: { table: string; recordId: string; column: string }[] = [];
    const empty: string[] = [];
    for (const c of PERSONAL_COLUMNS) {
      if (c.table === 'funding_projects' || c.table === 'alliance_events') continue;
      const keys = c.key.map((k) => sql.ref(k));
      const row = (
        await sql<Record<string, unknown>>`select ${sql.join(keys)} from ${sql.table(c.table)} order by ${sql.join(keys)} limit 1`.execute(
          ctx.db,
        )
      ).rows[0];
      if (!row) {
        empty.push(c.table);
        continue;
      }
      const key = c.key.map((k) => row[k]);
      const value = c.format === 'json' ? JSON.stringify({ text: PLANT, nested: [{ value: PLANT }] }) : PLANT;
      await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${value} where ${sql.join(
        c.key.map((k, i) => sql`${sql.ref(k)} = ${key[i]}`),
        sql` and `,
      )}`.execute(ctx.db);
      planted.push({ table: c.table, recordId: key.map(String).join('/'), column: c.column });
    }
    expect(empty).toEqual([]);
    for (const column of ['topic', 'participants', 'notes']) planted.push({ table: 'alliance_events', recordId: String(eventId), column });
    for (const column of ['title', 'partners_json', 'locations_json', 'steps_json'])
      planted.push({ table: 'funding_projects', recordId: String(projectId), column });

    // The export lists each spelling at each place.
    const exported = await coordinator.get(`/api/people/${p.id}/export?format=json`);
    expect(exported.statusCode, exported.body).toBe(200);
    const mentions = exported.json().mentions as { table: string; recordId: string; column: string; excerpt: string }[];
    const missing: string[] = [];
    for (const at of planted) {
      const here = mentions.filter((m) => m.table === at.table && m.recordId === at.recordId && m.column === at.column);
      for (const v of VARIANTS)
        if (!here.some((m) => m.excerpt.includes(v))) missing.push(`${at.table}.${at.column} #${at.recordId}: ${v}`);
    }
    expect(missing).toEqual([]);

    const person = (await coordinator.get(`/api/people/${p.id}`)).json();
    const erased = await coordinator.post(`/api/people/${p.id}/erase`, { version: person.version, reason: 'Antrag nach Art. 17 DSGVO' });
    expect(erased.statusCode, erased.body).toBe(200);

    const leftInTables: string[] = [];
    for (const [table, text] of await dumpAllTables(ctx.db, dialect))
      for (const re of LEFT_OVER) if (re.test(text)) leftInTables.push(`${table}: ${text.match(re)![0]}`);
    expect(leftInTables).toEqual([]);
    const leftInRoutes = (await served()).flatMap((text) => LEFT_OVER.filter((re) => re.test(text)).map(String));
    expect(leftInRoutes).toEqual([]);
    // The rest of the text stays.
    expect((await lpr.get(`/api/alliance/events/${eventId}`)).json().topic).toBe(
      `Rücksprache: ${VARIANTS.map(() => '[gelöscht]').join('; ')}.`,
    );
  }, 120_000);
});
