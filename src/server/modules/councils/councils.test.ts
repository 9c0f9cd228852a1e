import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { SAMPLE_PDF, multipartFile } from '../alliance/test-support.ts';
import { berlinWallClock, createOrganisation, createPerson, foundCouncil, parseCalendar } from './test-support.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

describe.each(DIALECTS)('prevention councils on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client; // Annaberg-Buchholz
  let lpr: Client;
  let A: string;
  let B: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ annaberg: A, aue: B } = ctx.territory);
    coordinator = await ctx.as('coordinator', { communes: [A] });
    lpr = await ctx.as('lpr');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describe('founding and members', () => {
    it('a coordinator founds a council with members from four institution types; the composition counts them and the resolution is on the timeline', async () => {
      const types = ['administration', 'police', 'school', 'youth'] as const;
      const orgs = await Promise.all(types.map((t) => createOrganisation(coordinator, A, t)));
      const people = [];
      for (const org of orgs) people.push(await createPerson(coordinator, A, { organisationId: org.id }));
      const res = await coordinator.post('/api/councils', {
        name: 'Kriminalpräventiver Rat Annaberg-Buchholz',
        municipalities: [A],
        foundingResolutionDate: '2024-03-14',
        constitutedOn: '2024-05-02',
        steeringGroup: 'Oberbürgermeister, Revierleiter, Koordinatorin',
        coordinationOffice: 'Ordnungsamt, Markt 1',
      });
      expect(res.statusCode, res.body).toBe(201);
      const council = res.json();
      expect(council).toMatchObject({
        joint: false,
        foundingResolutionDate: '2024-03-14',
        constitutedOn: '2024-05-02',
        canEdit: true,
        version: 1,
      });
      const roles = ['chair', 'permanent', 'permanent', 'advisory'];
      for (const [i, p] of people.entries()) {
        const m = await coordinator.post(`/api/councils/${council.id}/members`, {
          personId: p.id,
          role: roles[i],
          startDate: '2024-05-02',
          steeringGroup: i === 0,
        });
        expect(m.statusCode, m.body).toBe(201);
        expect(m.json()).toMatchObject({ institutionType: types[i], current: true, role: roles[i] });
      }
      const page = (await coordinator.get(`/api/councils/${council.id}`)).json();
      expect(page.counts.currentMembers).toBe(4);
      const byType = Object.fromEntries(page.composition.map((c: { type: string; members: number }) => [c.type, c.members]));
      expect(byType).toMatchObject({ administration: 1, police: 1, school: 1, youth: 1, association: 0, none: 0 });
      const members = (await coordinator.get(`/api/councils/${council.id}/members`)).json();
      expect(members).toHaveLength(4);

      const timeline = (await lpr.get(`/api/alliance/municipalities/${A}`)).json();
      const types2 = timeline.events.map((e: { type: string; date: string }) => `${e.type}@${e.date}`);
      expect(types2).toEqual(expect.arrayContaining(['council_resolution@2024-03-14', 'council_constituted@2024-05-02']));
      // A second council for the same municipality is refused.
      const twice = await coordinator.post('/api/councils', {
        name: 'Noch einer',
        municipalities: [A],
        foundingResolutionDate: '2024-03-14',
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.json().errors[0]).toMatchObject({ field: 'municipalities.0', code: 'council_exists' });
    });

    it('downloads the member list as German Excel CSV by default, as RFC 4180 on request and as XLSX, scoped like the list', async () => {
      const councilId = (await coordinator.get(`/api/councils?ags=${A}`)).json().items[0].id;
      const csv = await coordinator.get(`/api/councils/${councilId}/members.csv`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="?mitglieder-kriminalpr/);
      expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.rawPayload.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toBe('Name;Funktion;Rolle;Institution;Art der Institution;E-Mail;Beginn;Ende;Steuerungsgruppe');
      expect(lines.filter(Boolean)).toHaveLength(5);
      expect(lines.filter((l) => l.endsWith(';ja'))).toHaveLength(1);
      expect(lines[1]!.split(';')[6]).toBe('2024-05-02');

      const rfc = await coordinator.get(`/api/councils/${councilId}/members.csv?dialect=rfc4180`);
      expect(rfc.statusCode).toBe(200);
      expect(rfc.rawPayload[0]).not.toBe(0xef);
      expect(rfc.body.split('\r\n')[0]).toBe('Name,Funktion,Rolle,Institution,Art der Institution,E-Mail,Beginn,Ende,Steuerungsgruppe');
      expect((await coordinator.get(`/api/councils/${councilId}/members.csv?dialect=excel`)).statusCode).toBe(400);

      const xlsx = await coordinator.get(`/api/councils/${councilId}/members.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

      const stranger = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
      expect((await stranger.get(`/api/councils/${councilId}/members.csv`)).statusCode).toBe(403);
    });

    it('refuses a founding resolution in the future at its field, a municipality outside the scope with 403, and changes nothing', async () => {
      const future = await lpr.post('/api/councils', {
        name: 'Zukunftsrat',
        municipalities: [B],
        foundingResolutionDate: addDays(todayBerlin(), 3),
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().errors[0]).toMatchObject({ field: 'foundingResolutionDate', code: 'date_in_future' });
      expect((await lpr.get(`/api/councils?ags=${B}`)).json().total).toBe(0);
      const foreign = await coordinator.post('/api/councils', { name: 'Fremd', municipalities: [B], foundingResolutionDate: '2024-01-01' });
      expect(foreign.statusCode).toBe(403);
    });

    it('refuses overlapping membership periods of the same person with a message at startDate, and an end before the start at endDate', async () => {
      const council = await foundCouncil(lpr, [ctx.territory.dresdenCity]);
      const p = await createPerson(lpr, ctx.territory.dresdenCity);
      const first = await lpr.post(`/api/councils/${council.id}/members`, {
        personId: p.id,
        role: 'permanent',
        startDate: '2024-01-01',
        endDate: '2024-12-31',
      });
      expect(first.statusCode, first.body).toBe(201);
      const overlap = await lpr.post(`/api/councils/${council.id}/members`, { personId: p.id, role: 'guest', startDate: '2024-06-01' });
      expect(overlap.statusCode).toBe(422);
      expect(overlap.json().errors[0]).toMatchObject({ field: 'startDate', code: 'membership_overlap' });
      expect(overlap.json().errors[0].message).toContain('überschneiden');
      const en = await lpr.post(
        `/api/councils/${council.id}/members`,
        { personId: p.id, role: 'guest', startDate: '2024-06-01' },
        { headers: { 'accept-language': 'en' } },
      );
      expect(en.json().errors[0].message).toContain('must not overlap');
      const reversed = await lpr.post(`/api/councils/${council.id}/members`, {
        personId: p.id,
        role: 'guest',
        startDate: '2025-06-01',
        endDate: '2025-05-01',
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().errors[0]).toMatchObject({ field: 'endDate', code: 'end_before_start' });
      const after = await lpr.post(`/api/councils/${council.id}/members`, { personId: p.id, role: 'chair', startDate: '2025-01-01' });
      expect(after.statusCode, after.body).toBe(201);
      // Editing the earlier period into the later one is refused too; a stale version is a 409 with the current state.
      const m1 = first.json();
      const stretch = await lpr.patch(`/api/councils/${council.id}/members/${m1.id}`, { version: m1.version, endDate: '2025-03-01' });
      expect(stretch.statusCode).toBe(422);
      expect(stretch.json().errors[0].field).toBe('startDate');
      const ok = await lpr.patch(`/api/councils/${council.id}/members/${m1.id}`, { version: m1.version, role: 'advisory' });
      expect(ok.statusCode).toBe(200);
      const stale = await lpr.patch(`/api/councils/${council.id}/members/${m1.id}`, { version: m1.version, role: 'guest' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current.role).toBe('advisory');
    });

    it('refuses an invalid e-mail address, and consent without its date, each at the field', async () => {
      const bad = await coordinator.post('/api/people', {
        ags: A,
        firstName: 'Erika',
        lastName: 'Muster',
        email: 'erika.muster@',
        legalBasis: 'public_task',
        purpose: 'KPR',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('body.email');
      const consent = await coordinator.post('/api/people', {
        ags: A,
        firstName: 'Erika',
        lastName: 'Muster',
        legalBasis: 'consent',
        purpose: 'KPR',
      });
      expect(consent.statusCode).toBe(400);
      expect(consent.json().errors[0]).toMatchObject({ field: 'consentGivenOn', code: 'required' });
      const fine = await coordinator.post('/api/people', {
        ags: A,
        firstName: 'Erika',
        lastName: 'Muster',
        legalBasis: 'consent',
        consentGivenOn: '2024-01-10',
        purpose: 'KPR',
        email: 'Erika.Muster@Example.org',
      });
      expect(fine.statusCode, fine.body).toBe(201);
      expect(fine.json().email).toBe('erika.muster@example.org');
    });

    it('uploads the rules of procedure as PDF only and serves it back', async () => {
      const council = (await coordinator.get(`/api/councils?ags=${A}`)).json().items[0];
      const notPdf = multipartFile('go.pdf', 'hello', 'application/pdf');
      const r1 = await ctx.app.inject({
        method: 'POST',
        url: `/api/documents?ownerType=council&ownerId=${council.id}`,
        payload: notPdf.payload,
        headers: { ...notPdf.headers, cookie: `praevis_session=${coordinator.cookie}`, 'x-csrf-token': coordinator.csrfToken! },
      });
      expect(r1.statusCode).toBe(415);
      expect(r1.json().errors[0].field).toBe('file');
      const pdf = multipartFile('Geschäftsordnung.pdf', SAMPLE_PDF, 'application/pdf');
      const r2 = await ctx.app.inject({
        method: 'POST',
        url: `/api/documents?ownerType=council&ownerId=${council.id}`,
        payload: pdf.payload,
        headers: { ...pdf.headers, cookie: `praevis_session=${coordinator.cookie}`, 'x-csrf-token': coordinator.csrfToken! },
      });
      expect(r2.statusCode, r2.body).toBe(201);
      const doc = await coordinator.get(`/api/documents/${r2.json().id}/content`);
      expect(doc.statusCode).toBe(200);
      expect(doc.rawPayload.equals(SAMPLE_PDF)).toBe(true);
    });
  });

  describe('meetings, calendar and tasks', () => {
    let councilId: number;
    let memberId: number;
    beforeAll(async () => {
      councilId = (await coordinator.get(`/api/councils?ags=${A}`)).json().items[0].id;
      memberId = (await coordinator.get(`/api/councils/${councilId}/members`)).json()[0].personId;
    });

    it('refuses a meeting that ends before it starts, at endTime, and a time skipped by the clock change', async () => {
      const res = await coordinator.post(`/api/councils/${councilId}/meetings`, {
        date: '2026-04-20',
        startTime: '18:00',
        endTime: '17:30',
        place: 'Rathaus',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'endTime', code: 'end_before_start' });
      const gap = await coordinator.post(`/api/councils/${councilId}/meetings`, {
        date: '2026-03-29',
        startTime: '02:15',
        endTime: '03:30',
      });
      expect(gap.statusCode).toBe(400);
      expect(gap.json().errors[0]).toMatchObject({ field: 'startTime', code: 'nonexistent_time' });
    });

    it('serves each meeting as an .ics file that ical.js reads with the right Europe/Berlin times on both sides of a clock change', async () => {
      const cases = [
        { date: '2026-03-28', start: '18:00', end: '19:30', utc: '2026-03-28T17:00:00.000Z' }, // CET, the day before clocks go forward
        { date: '2026-03-30', start: '18:00', end: '19:30', utc: '2026-03-30T16:00:00.000Z' }, // CEST
        { date: '2026-10-24', start: '18:00', end: '19:30', utc: '2026-10-24T16:00:00.000Z' }, // CEST, the day before clocks go back
        { date: '2026-10-26', start: '18:00', end: '19:30', utc: '2026-10-26T17:00:00.000Z' }, // CET
      ];
      for (const c of cases) {
        const created = await coordinator.post(`/api/councils/${councilId}/meetings`, {
          title: 'Sitzung des KPR',
          date: c.date,
          startTime: c.start,
          endTime: c.end,
          place: 'Rathaus, Ratssaal',
          agenda: [{ title: 'Lagebild' }, { title: 'Graffiti am Bahnhof' }],
        });
        expect(created.statusCode, created.body).toBe(201);
        const m = created.json();
        expect(m.invitees).toBe(4); // every current member is invited by default
        const ics = await coordinator.get(`/api/meetings/${m.id}/ics`);
        expect(ics.statusCode).toBe(200);
        expect(ics.headers['content-type']).toContain('text/calendar');
        expect(ics.headers['content-disposition']).toContain('.ics');
        expect(ics.body).toContain('DTSTART;TZID=Europe/Berlin:');
        const { events } = parseCalendar(ics.body);
        expect(events).toHaveLength(1);
        const ev = events[0]!;
        expect(ev.startDate.zone?.tzid).toBe('Europe/Berlin');
        expect(ev.startDate.toJSDate().toISOString()).toBe(c.utc);
        expect(berlinWallClock(ev.startDate.toJSDate())).toBe(`${c.date} ${c.start}`);
        expect(berlinWallClock(ev.endDate.toJSDate())).toBe(`${c.date} ${c.end}`);
        expect(ev.summary).toContain('Sitzung des KPR');
        expect(ev.location).toBe('Rathaus, Ratssaal');
        expect(ev.description).toContain('Graffiti am Bahnhof');
      }
    });

    it('serves a subscribable feed by its secret token only; rotating the token ends the old address', async () => {
      const council = (await coordinator.get(`/api/councils/${councilId}`)).json();
      expect(council.feedActive).toBe(false);
      const rotated = await coordinator.post(`/api/councils/${councilId}/feed-token`, { version: council.version });
      expect(rotated.statusCode, rotated.body).toBe(201);
      const { token, path } = rotated.json();
      expect(path).toBe(`/api/public/council-feed.ics?token=${token}`);
      const stored = await ctx.db.selectFrom('councils').select('feed_token_hash').where('id', '=', councilId).executeTakeFirstOrThrow();
      expect(stored.feed_token_hash).not.toContain(token);
      expect(stored.feed_token_hash).toMatch(/^[0-9a-f]{64}$/);

      const feed = await ctx.anonymous.get(path);
      expect(feed.statusCode).toBe(200);
      const { comp, events } = parseCalendar(feed.body);
      expect(comp.getFirstPropertyValue('method')).toBe('PUBLISH');
      const times = events.map((e) => `${berlinWallClock(e.startDate.toJSDate())}`).sort();
      expect(times).toEqual(['2026-03-28 18:00', '2026-03-30 18:00', '2026-10-24 18:00', '2026-10-26 18:00']);
      expect(events.map((e) => e.startDate.toJSDate().toISOString()).sort()).toEqual([
        '2026-03-28T17:00:00.000Z',
        '2026-03-30T16:00:00.000Z',
        '2026-10-24T16:00:00.000Z',
        '2026-10-26T17:00:00.000Z',
      ]);

      expect((await ctx.anonymous.get('/api/public/council-feed.ics?token=wrong-token-wrong-token-wrong')).statusCode).toBe(404);
      const again = await coordinator.post(`/api/councils/${councilId}/feed-token`, { version: council.version + 1 });
      expect(again.statusCode).toBe(201);
      expect((await ctx.anonymous.get(path)).statusCode).toBe(404);
      expect((await ctx.anonymous.get(again.json().path)).statusCode).toBe(200);
      // The audit trail records the rotation without the token.
      const audit = await ctx.db.selectFrom('audit_log').select('after_json').where('action', '=', 'rotate_feed').execute();
      expect(audit.map((a) => a.after_json).join()).not.toContain(token);
      // The stale version of a concurrent editor is refused.
      expect((await coordinator.post(`/api/councils/${councilId}/feed-token`, { version: council.version })).statusCode).toBe(409);
    });

    it('records minutes, attendance, decisions and two tasks; the overdue one appears for the coordinator', async () => {
      const meeting = (
        await coordinator.post(`/api/councils/${councilId}/meetings`, {
          date: addDays(todayBerlin(), -20),
          startTime: '17:00',
          endTime: '18:30',
          place: 'Rathaus',
        })
      ).json();
      const attendance = meeting.inviteeList.map((i: { personId: number }, k: number) => ({
        personId: i.personId,
        attendance: k === 0 ? 'excused' : 'present',
      }));
      const upd = await coordinator.patch(`/api/meetings/${meeting.id}`, {
        version: meeting.version,
        status: 'held',
        minutes: 'Die Polizei berichtet über das Lagebild.',
        invitees: attendance,
        decisions: [{ text: 'Graffiti-Wettbewerb an Bushaltestellen vorbereiten' }],
      });
      expect(upd.statusCode, upd.body).toBe(200);
      expect(upd.json()).toMatchObject({ status: 'held', hasMinutes: true, present: 3, decisions: 1 });
      const overdue = await coordinator.post(`/api/councils/${councilId}/tasks`, {
        title: 'Standorte der Bushaltestellen erfassen',
        meetingId: meeting.id,
        ownerPersonId: memberId,
        dueDate: addDays(todayBerlin(), -2),
      });
      const later = await coordinator.post(`/api/councils/${councilId}/tasks`, {
        title: 'Jury zusammenstellen',
        meetingId: meeting.id,
        dueDate: addDays(todayBerlin(), 30),
      });
      expect(overdue.statusCode, overdue.body).toBe(201);
      expect(later.statusCode).toBe(201);
      expect(overdue.json()).toMatchObject({ overdue: true, status: 'open' });
      const home = (await coordinator.get('/api/tasks/overdue')).json();
      expect(home.map((t: { title: string }) => t.title)).toEqual(['Standorte der Bushaltestellen erfassen']);
      const detail = (await coordinator.get(`/api/meetings/${meeting.id}`)).json();
      expect(detail.tasks).toHaveLength(2);
      // Done tasks are no longer overdue.
      const done = await coordinator.patch(`/api/tasks/${overdue.json().id}`, { version: 1, status: 'done' });
      expect(done.json()).toMatchObject({ status: 'done', overdue: false, completedOn: todayBerlin() });
      expect((await coordinator.get('/api/tasks/overdue')).json()).toEqual([]);
      expect((await coordinator.get(`/api/councils/${councilId}/tasks?status=all`)).json().total).toBe(2);
      // A meeting of another council cannot carry this council's task.
      const other = await foundCouncil(lpr, [B]);
      const wrong = await lpr.post(`/api/councils/${other.id}/tasks`, { title: 'x', meetingId: meeting.id, dueDate: todayBerlin() });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0].field).toBe('meetingId');
    });
  });

  describe('scoping', () => {
    it('police see the councils of their directorate, not others; the ministry sees counts only; other coordinators nothing', async () => {
      const councilId = (await coordinator.get(`/api/councils?ags=${A}`)).json().items[0].id;
      const policeChemnitz = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
      const policeDresden = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
      const ministry = await ctx.as('ministry');
      const otherCoordinator = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
      expect((await policeChemnitz.get(`/api/councils/${councilId}`)).statusCode).toBe(200);
      expect((await policeChemnitz.get(`/api/councils/${councilId}/members`)).statusCode).toBe(200);
      expect((await policeChemnitz.patch(`/api/councils/${councilId}`, { version: 1, notes: 'x' })).statusCode).toBe(403);
      expect((await policeDresden.get(`/api/councils/${councilId}`)).statusCode).toBe(403);
      expect((await otherCoordinator.get(`/api/councils/${councilId}`)).statusCode).toBe(403);
      expect((await otherCoordinator.get(`/api/councils/${councilId}/meetings`)).statusCode).toBe(403);
      expect((await ministry.get(`/api/councils/${councilId}`)).statusCode).toBe(403);
      expect((await ministry.get('/api/people')).statusCode).toBe(403);
      const counts = await ministry.get('/api/councils/counts');
      expect(counts.statusCode).toBe(200);
      expect(counts.json()).toMatchObject({ councils: 3 });
      expect(counts.body).not.toMatch(/Nachname|@example/);
      const listed = (await policeChemnitz.get('/api/councils'))
        .json()
        .items.map((c: { municipalities: { ags: string }[] }) => c.municipalities[0]!.ags)
        .sort();
      expect(listed).toEqual([A, B]);
    });
  });

  describe('problem fields and prevention areas', () => {
    it('records them with field of action, priority and source; completing a step puts an event on the timeline', async () => {
      const initial = (await coordinator.get(`/api/municipalities/${A}/priorities`)).json();
      const field = initial.fieldsOfAction[0];
      const early = await coordinator.post(`/api/municipalities/${A}/priorities/complete`, { step: 'problem_field', date: '2024-02-01' });
      expect(early.statusCode).toBe(422);
      expect(early.json().errors[0]).toMatchObject({ field: 'step', code: 'nothing_recorded' });
      const p = await coordinator.post(`/api/municipalities/${A}/priorities`, {
        kind: 'problem_field',
        fieldOfActionId: field.id,
        title: 'Graffiti am Bahnhof',
        priority: 'high',
        source: 'consultation',
        identifiedOn: '2024-01-20',
      });
      expect(p.statusCode, p.body).toBe(201);
      expect(p.json()).toMatchObject({ fieldOfActionName: field.name, priority: 'high', source: 'consultation' });
      const bad = await coordinator.post(`/api/municipalities/${A}/priorities`, {
        kind: 'problem_field',
        fieldOfActionId: 99999,
        title: 'x',
        source: 'consultation',
        identifiedOn: '2024-01-20',
      });
      expect(bad.json().errors[0].field).toBe('fieldOfActionId');
      const done = await coordinator.post(`/api/municipalities/${A}/priorities/complete`, { step: 'problem_field', date: '2024-02-01' });
      expect(done.statusCode, done.body).toBe(201);
      expect(done.json().steps.problemFieldsIdentifiedOn).toBe('2024-02-01');
      const timeline = (await lpr.get(`/api/alliance/municipalities/${A}`)).json();
      expect(
        timeline.events.some((e: { type: string; date: string }) => e.type === 'problem_fields_identified' && e.date === '2024-02-01'),
      ).toBe(true);
      expect(
        (await coordinator.post(`/api/municipalities/${A}/priorities/complete`, { step: 'problem_field', date: '2024-02-02' })).statusCode,
      ).toBe(422);
      expect((await coordinator.get(`/api/municipalities/${B}/priorities`)).statusCode).toBe(403);
    });
  });
});
