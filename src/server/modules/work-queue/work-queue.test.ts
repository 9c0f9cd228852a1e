import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';
import type { WorkQueue, WorkQueueEntry } from '../../../shared/work-queue.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { multipartFile, SAMPLE_PDF } from '../alliance/test-support.ts';
import { foundCouncil } from '../councils/test-support.ts';
import { buildApplicationsInReview } from '../funding/test-support.ts';
import { createPerson } from '../organisations/test-support.ts';
import { surveyInField } from '../surveys/test-support.ts';

/*
 * The home page's work queue (decision 038): each role's entries, each count equal to the number
 * of rows the list its link opens shows (asked here from that list's API with the link's filter,
 * as the page asks it), and a coordinator's entries only of its own municipality.
 */
describe.each(DIALECTS)('work queue on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;
  let D: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B, dresdenCity: D } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const queueOf = async (client: Client): Promise<WorkQueue> => {
    const res = await client.get('/api/work-queue');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const entryOf = (queue: WorkQueue, key: WorkQueueEntry['key']) => {
    const found = queue.entries.filter((e) => e.key === key);
    expect(found, key).toHaveLength(1);
    return found[0]!;
  };
  const json = async (client: Client, url: string) => {
    const res = await client.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  /** The rows the web page of `href` shows, asked from the API the page asks, with the same filter. */
  async function rowsOfList(client: Client, href: string, directorateId?: number): Promise<number> {
    const url = new URL(href, 'http://praevis.test');
    const p = url.searchParams;
    const council = /^\/councils\/(\d+)$/.exec(url.pathname);
    if (council) return (await json(client, `/api/councils/${council[1]}/meetings?when=upcoming`)).total;
    switch (url.pathname) {
      case '/funding': {
        expect(p.get('allYears')).toBe('true');
        const status = p.get('status');
        return (await json(client, `/api/funding/applications?pageSize=500${status ? `&status=${status}` : ''}`)).total;
      }
      case '/security-analyses': {
        const page = await json(client, `/api/security-analyses?late=${p.get('late')}&pageSize=500`);
        return page.items.length + page.historic.length;
      }
      case '/coaching': {
        const page = await json(client, `/api/coaching/processes?status=running&startedBy=${p.get('runningStartedBy')}&pageSize=200`);
        return page.items.length + page.historic.length;
      }
      case '/agreements':
        return (await json(client, `/api/alliance/figures/agreements?figure=agreementsInForce&withoutDocument=${p.get('withoutDocument')}`))
          .total;
      case '/crime-stats/import':
        return (await json(client, `/api/crime-stats/imports?latest=${p.get('latest')}&importedBefore=${p.get('importedBefore')}`)).length;
      case '/surveys':
        return (await json(client, `/api/surveys?status=${p.get('status')}&pageSize=500`)).total;
      case '/municipalities': {
        // The police list opens on the user's own directorate.
        return (await json(client, `/api/alliance/municipalities?directorateId=${directorateId}&pageSize=500`)).total;
      }
      default:
        throw new Error(`no list known for ${href}`);
    }
  }

  const expectCountsEqualRows = async (client: Client, queue: WorkQueue, directorateId?: number) => {
    for (const e of queue.entries) {
      expect(await rowsOfList(client, e.href, directorateId), `${e.key} ${e.subject ?? ''} → ${e.href}`).toBe(e.count);
      expect(e.items.length).toBe(Math.min(e.count, 5));
    }
  };

  it('admits every signed-in role and no visitor', async () => {
    expect((await ctx.anonymous.get('/api/work-queue')).statusCode).toBe(401);
    const ministry = await queueOf(await ctx.as('ministry'));
    expect(ministry.entries).toEqual([]);
    expect(ministry.today).toBe(todayBerlin());
  });

  it("counts the LPR staff's work exactly as the lists it links to show it", async () => {
    const today = todayBerlin();
    // What other tests of this file left is counted too: this test asserts what its own data adds.
    const before = await queueOf(lpr);
    const added = (queue: WorkQueue, key: WorkQueueEntry['key']) => entryOf(queue, key).count - entryOf(before, key).count;
    const programme = await lpr.post('/api/funding/programmes', { year: 2032, budgetCents: 50_000_000 });
    expect(programme.statusCode, programme.body).toBe(201);
    const field = await ctx.db.selectFrom('fields_of_action').select('id').where('code', '=', 'graffiti').executeTakeFirstOrThrow();
    const build = (ags: string, count: number) =>
      buildApplicationsInReview(ctx.db, {
        programmeId: programme.json().id,
        ags,
        fieldId: field.id,
        count,
        requestedCents: 2_000_000,
        createdBy: null,
      });
    const inReview = [...(await build(A, 2)), ...(await build(D, 1))];
    // One of them is only submitted: no review has started yet.
    await ctx.db.updateTable('funding_applications').set({ status: 'submitted' }).where('id', '=', inReview[0]!).execute();

    // An analysis planned a year ago and not started: its phases are late.
    const late = await lpr.post('/api/security-analyses', { ags: A, contractor: 'Forschungsgruppe', plannedStart: addDays(today, -365) });
    expect(late.statusCode, late.body).toBe(201);
    // One planned to start next month: nothing is late.
    const onTime = await lpr.post('/api/security-analyses', { ags: B, contractor: 'Forschungsgruppe', plannedStart: addDays(today, 30) });
    expect(onTime.statusCode, onTime.body).toBe(201);

    // Coaching: one started 23 months ago (its two years end within 30 days), one started last month.
    const person = await createPerson(lpr, null, { firstName: 'Cora', lastName: 'Coach', function: 'Coach (Institut)' });
    const coach = await lpr.post('/api/coaches', { personId: person.id, region: 'Sachsen' });
    expect(coach.statusCode, coach.body).toBe(201);
    for (const [ags, startedOn] of [
      [A, addDays(today, -710)],
      [D, addDays(today, -30)],
    ] as const) {
      const res = await lpr.post('/api/coaching/processes', { ags, coachId: coach.json().id, startedOn });
      expect(res.statusCode, res.body).toBe(201);
    }

    // Agreements: two in force, one of them with its signed document.
    const signed = await lpr.post('/api/alliance/agreements', { municipalities: [A], signedOn: addDays(today, -100) });
    expect(signed.statusCode, signed.body).toBe(201);
    const unsigned = await lpr.post('/api/alliance/agreements', { municipalities: [D], signedOn: addDays(today, -50) });
    expect(unsigned.statusCode, unsigned.body).toBe(201);
    const f = multipartFile('Vereinbarung.pdf', SAMPLE_PDF, 'application/pdf');
    const upload = await lpr.post(`/api/documents?ownerType=alliance_agreement&ownerId=${signed.json().id}`, f.payload, {
      headers: f.headers,
    });
    expect(upload.statusCode, upload.body).toBe(201);

    // Crime statistics: the district figures were last imported 400 days ago, the municipal ones last month.
    const run = (level: string, year: number, importedAt: string) => ({
      level,
      year,
      source: `${level}-${year}.csv`,
      source_label: `PKS ${year}`,
      sha256: `${level}${year}`.padEnd(64, '0'),
      rows: 10,
      imported_at: importedAt,
      imported_by: 'Test',
      demo: 0,
    });
    await ctx.db
      .insertInto('crime_imports')
      .values([
        run('district', 2022, `${addDays(today, -800)}T10:00:00.000Z`),
        run('district', 2023, `${addDays(today, -400)}T10:00:00.000Z`),
        run('municipality', 2023, `${addDays(today, -500)}T10:00:00.000Z`),
        run('municipality', 2024, nowIso()),
      ])
      .execute();

    const queue = await queueOf(lpr);
    expect(added(queue, 'applicationsSubmitted')).toBe(1);
    expect(added(queue, 'applicationsInReview')).toBe(2);
    expect(entryOf(queue, 'applicationsSubmitted').items.map((i) => i.href)).toContain(`/funding/applications/${inReview[0]}`);
    expect(added(queue, 'analysesLate')).toBe(1);
    expect(entryOf(queue, 'analysesLate').items.map((i) => i.href)).toContain(`/security-analyses/${late.json().id}`);
    expect(added(queue, 'coachingDueToEnd')).toBe(1);
    expect(entryOf(queue, 'coachingDueToEnd').items).toContainEqual(
      expect.objectContaining({ label: expect.stringContaining('Annaberg-Buchholz'), due: addDays(today, 20) }),
    );
    expect(added(queue, 'agreementsWithoutDocument')).toBe(1);
    expect(entryOf(queue, 'agreementsWithoutDocument').items.map((i) => i.href)).toContain(`/municipalities/${D}`);
    expect(entryOf(queue, 'agreementsWithoutDocument').items.map((i) => i.href)).not.toContain(`/municipalities/${A}`);
    expect(added(queue, 'crimeImportsStale')).toBe(1);
    expect(entryOf(queue, 'crimeImportsStale').items[0]!.label).toContain('2023');
    await expectCountsEqualRows(lpr, queue);

    // Admins see the same queue; the rows change with the work done.
    const admin = await ctx.as('admin');
    await ctx.db.updateTable('funding_applications').set({ status: 'in_review' }).where('id', '=', inReview[0]!).execute();
    const after = await queueOf(admin);
    expect(added(after, 'applicationsSubmitted')).toBe(0);
    expect(added(after, 'applicationsInReview')).toBe(3);
    await expectCountsEqualRows(admin, after);
  });

  it('gives a coordinator the next meeting, the applications and the running survey of its own municipality only', async () => {
    const today = todayBerlin();
    const coordinator = await ctx.as('coordinator', { communes: [B] });
    const other = await ctx.as('coordinator', { communes: [D] });
    const council = await foundCouncil(coordinator, [B]);
    const otherCouncil = await foundCouncil(other, [D]);
    for (const [client, id, date, title] of [
      [coordinator, council.id, addDays(today, 14), 'Frühjahrssitzung'],
      [coordinator, council.id, addDays(today, 60), 'Sommersitzung'],
      [coordinator, council.id, addDays(today, -20), 'Wintersitzung'],
      [other, otherCouncil.id, addDays(today, 7), 'Sitzung in Dresden'],
    ] as const) {
      const res = await client.post(`/api/councils/${id}/meetings`, { title, date, startTime: '18:00', endTime: '20:00' });
      expect(res.statusCode, res.body).toBe(201);
    }
    await surveyInField(coordinator, ctx.db, [B], 2, { title: 'Sicherheit in Aue' });
    await surveyInField(other, ctx.db, [D], 2, { title: 'Sicherheit in Dresden' });
    const programme = await lpr.post('/api/funding/programmes', { year: 2033, budgetCents: 50_000_000 });
    expect(programme.statusCode, programme.body).toBe(201);
    const field = await ctx.db.selectFrom('fields_of_action').select('id').where('code', '=', 'graffiti').executeTakeFirstOrThrow();
    for (const ags of [B, D])
      await buildApplicationsInReview(ctx.db, {
        programmeId: programme.json().id,
        ags,
        fieldId: field.id,
        count: 1,
        requestedCents: 2_000_000,
        createdBy: null,
      });

    const queue = await queueOf(coordinator);
    expect(queue.entries.map((e) => e.key)).toEqual(['nextMeetings', 'myApplications', 'runningSurveys']);
    const meetings = entryOf(queue, 'nextMeetings');
    expect(meetings).toMatchObject({ count: 2, href: `/councils/${council.id}#meetings-heading` });
    expect(meetings.items.map((i) => [i.label, i.due])).toEqual([
      ['Frühjahrssitzung', addDays(today, 14)],
      ['Sommersitzung', addDays(today, 60)],
    ]);
    const applications = entryOf(queue, 'myApplications');
    expect(applications.count).toBe(1);
    expect(applications.items[0]!.label).toContain('Aue-Bad Schlema');
    expect(applications.items[0]!.label).toContain('In Prüfung');
    expect(entryOf(queue, 'runningSurveys').items.map((i) => i.label)).toEqual(['Sicherheit in Aue']);
    expect(JSON.stringify(queue)).not.toContain('Dresden');
    await expectCountsEqualRows(coordinator, queue);

    // English labels follow the request's language.
    const en = await coordinator.get('/api/work-queue', { headers: { 'accept-language': 'en' } });
    expect(en.json().entries.find((e: WorkQueueEntry) => e.key === 'myApplications').items[0].label).toContain('In review');

    // Police of Chemnitz: the directorate's municipalities and the meetings there, not Dresden's.
    const police = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    const policeQueue = await queueOf(police);
    expect(entryOf(policeQueue, 'directorateMunicipalities').count).toBe(2);
    expect(entryOf(policeQueue, 'nextMeetings')).toMatchObject({ subject: expect.any(String), count: 2 });
    expect(JSON.stringify(policeQueue)).not.toContain('Dresden');
    await expectCountsEqualRows(police, policeQueue, ctx.territory.chemnitzDirectorate);
  });
});
