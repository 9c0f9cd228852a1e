import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { dumpAllTables } from '../../test/dump-tables.ts';
import { multipartFile, SAMPLE_PDF } from '../alliance/test-support.ts';
import { createOrganisation, createPerson } from './test-support.ts';

/** Founds a council through the API (its members are people of this register). */
async function foundCouncil(client: Client, municipalities: string[], o: { name: string }) {
  const res = await client.post('/api/councils', { municipalities, foundingResolutionDate: '2024-03-14', ...o });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

describe.each(DIALECTS)('GDPR export and erasure of a person on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client;
  let lpr: Client;
  let A: string;

  // Values nobody else has, so that finding one of them anywhere means it was not erased.
  const PERSON = {
    firstName: 'Wendelgard',
    lastName: 'Quastenhuber',
    function: 'Schulsozialarbeiterin Zwergschule Nord',
    email: 'w.quastenhuber@zwergschule.example',
    phone: '+49 3733 987654',
    notes: 'Erreichbar dienstags Xylophonzimmer',
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    coordinator = await ctx.as('coordinator', { communes: [A] });
    lpr = await ctx.as('lpr');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('exports everything about a person as JSON and as a PDF that pdf.js reads', async () => {
    const org = await createOrganisation(coordinator, A, 'school', 'Grundschule Export');
    const p = await createPerson(coordinator, A, {
      firstName: 'Exporta',
      lastName: 'Auskunftsreich',
      email: 'exporta@example.org',
      function: 'Lehrerin',
      organisationId: org.id,
      legalBasis: 'consent',
      consentGivenOn: '2024-02-01',
    });
    const council = await foundCouncil(coordinator, [A], { name: 'KPR Export' });
    await coordinator.post(`/api/councils/${council.id}/members`, { personId: p.id, role: 'permanent', startDate: '2024-05-01' });
    const file = multipartFile('Einwilligung Auskunftsreich.pdf', SAMPLE_PDF, 'application/pdf');
    const uploaded = await coordinator.post(`/api/documents?ownerType=person&ownerId=${p.id}&kind=consent`, file.payload, {
      headers: file.headers,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const json = await coordinator.get(`/api/people/${p.id}/export?format=json`);
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.person).toMatchObject({
      firstName: 'Exporta',
      lastName: 'Auskunftsreich',
      legalBasis: 'consent',
      consentGivenOn: '2024-02-01',
    });
    expect(data.organisation.name).toBe('Grundschule Export');
    expect(data.memberships).toEqual([expect.objectContaining({ councilName: 'KPR Export', role: 'permanent', startDate: '2024-05-01' })]);
    // The person's documents are listed by name, kind, type, size and date; their content is not exported.
    expect(data.documents).toEqual([
      {
        documentId: uploaded.json().id,
        kind: 'consent',
        fileName: 'Einwilligung Auskunftsreich.pdf',
        contentType: 'application/pdf',
        size: SAMPLE_PDF.length,
        uploadedAt: uploaded.json().uploadedAt,
      },
    ]);
    const pdf = await coordinator.get(`/api/people/${p.id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).text;
    expect(text).toContain('Exporta Auskunftsreich');
    expect(text).toContain('Einwilligung');
    expect(text).toContain('KPR Export');
    expect(text).toContain('Einwilligung Auskunftsreich.pdf (Einwilligung');
    // Only in scope: another coordinator and the police get 403.
    const other = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    expect((await other.get(`/api/people/${p.id}/export`)).statusCode).toBe(403);
    expect((await (await ctx.as('police')).get(`/api/people/${p.id}/export`)).statusCode).toBe(403);
  });

  it("after erasure no field of the person remains in any table, the audit entry names no value, and the council's counts are unchanged", async () => {
    const org = await createOrganisation(coordinator, A, 'school', 'Zwergschule Nord');
    const p = await createPerson(coordinator, A, { ...PERSON, organisationId: org.id });
    // The person takes part everywhere: member, invitee, task owner, named in minutes and a task title.
    const council = (await coordinator.get(`/api/councils?ags=${A}`)).json().items[0];
    const member = await coordinator.post(`/api/councils/${council.id}/members`, {
      personId: p.id,
      role: 'advisory',
      startDate: '2024-06-01',
    });
    expect(member.statusCode, member.body).toBe(201);
    const meeting = (
      await coordinator.post(`/api/councils/${council.id}/meetings`, { date: '2024-09-10', startTime: '17:00', endTime: '18:00' })
    ).json();
    const minutes = `${PERSON.firstName} ${PERSON.lastName} stellt das Schulprojekt vor; Rückfragen an ${PERSON.email}.`;
    const upd = await coordinator.patch(`/api/meetings/${meeting.id}`, {
      version: meeting.version,
      minutes,
      status: 'held',
      invitees: meeting.inviteeList.map((i: { personId: number }) => ({ personId: i.personId, attendance: 'present' })),
    });
    expect(upd.statusCode, upd.body).toBe(200);
    await coordinator.post(`/api/councils/${council.id}/tasks`, {
      title: `Projektskizze mit ${PERSON.firstName} ${PERSON.lastName} abstimmen`,
      ownerPersonId: p.id,
      meetingId: meeting.id,
      dueDate: '2024-10-01',
    });
    const workshop = (await lpr.get('/api/training/programmes')).json().find((x: { code: string }) => x.code === 'workshop');
    const course = (
      await lpr.post('/api/training/courses', { programmeId: workshop.id, title: 'Workshop Schulsozialarbeit', capacity: 10 })
    ).json();
    const enrolment = await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p.id });
    expect(enrolment.statusCode, enrolment.body).toBe(201);
    const person = (await coordinator.get(`/api/people/${p.id}`)).json();

    const countsBefore = (await coordinator.get(`/api/councils/${council.id}`)).json();
    const meetingBefore = (await coordinator.get(`/api/meetings/${meeting.id}`)).json();
    const figuresBefore = (await lpr.get('/api/training/figures?level=municipality')).json();
    const values = Object.values(PERSON);
    const before = await dumpAllTables(ctx.db, dialect);
    expect([...before.values()].join('\n')).toContain(PERSON.lastName); // the check below can fail

    const stale = await coordinator.post(`/api/people/${p.id}/erase`, {
      version: person.version - 1 || 99,
      reason: 'Antrag nach Art. 17 DSGVO',
    });
    expect(stale.statusCode).toBe(409);
    const res = await coordinator.post(`/api/people/${p.id}/erase`, {
      version: person.version,
      reason: `Antrag von ${PERSON.firstName} ${PERSON.lastName} nach Art. 17 DSGVO`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.person).toMatchObject({
      firstName: '',
      lastName: '',
      email: null,
      phone: null,
      displayName: `Gelöschte Person #${p.id}`,
    });
    expect(result.person.erasedAt).toBeTruthy();
    expect(result.redactedAuditEntries).toBeGreaterThan(0);
    expect(result.keptRecords).toMatchObject({ memberships: 1, enrolments: 1, tasks: 1 });

    const after = await dumpAllTables(ctx.db, dialect);
    for (const [table, text] of after) {
      for (const v of values) expect(text.includes(v), `${table} still holds "${v}"`).toBe(false);
    }

    const erasure = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'erase')
      .where('entity_id', '=', String(p.id))
      .executeTakeFirstOrThrow();
    expect(erasure.before_json).toBeNull();
    expect(JSON.parse(erasure.after_json!)).toMatchObject({
      reason: 'Antrag von [gelöscht] nach Art. 17 DSGVO',
      keptRecords: { memberships: 1 },
    });

    const countsAfter = (await coordinator.get(`/api/councils/${council.id}`)).json();
    expect(countsAfter.counts).toEqual(countsBefore.counts);
    expect(countsAfter.composition).toEqual(countsBefore.composition);
    const meetingAfter = (await coordinator.get(`/api/meetings/${meeting.id}`)).json();
    expect({ invitees: meetingAfter.invitees, present: meetingAfter.present }).toEqual({
      invitees: meetingBefore.invitees,
      present: meetingBefore.present,
    });
    expect(meetingAfter.minutes).toBe('[gelöscht] stellt das Schulprojekt vor; Rückfragen an [gelöscht].');
    expect(meetingAfter.inviteeList.map((i: { personName: string }) => i.personName)).toContain(`Gelöschte Person #${p.id}`);
    expect((await lpr.get('/api/training/figures?level=municipality')).json()).toEqual(figuresBefore);

    // Erased once: the record can be neither changed nor erased again, nor used anew.
    expect((await coordinator.post(`/api/people/${p.id}/erase`, { version: result.person.version, reason: 'x' })).statusCode).toBe(422);
    expect((await coordinator.patch(`/api/people/${p.id}`, { version: result.person.version, firstName: 'Neu' })).statusCode).toBe(422);
    const reuse = await coordinator.post(`/api/councils/${council.id}/members`, { personId: p.id, role: 'guest', startDate: '2026-01-01' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0].field).toBe('personId');
  });
});
