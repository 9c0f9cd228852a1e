import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { multipartFile } from '../alliance/test-support.ts';
import { createPerson } from '../organisations/test-support.ts';
import { addDays, formatDate, todayBerlin } from '../../../shared/time.ts';

describe.each(DIALECTS)('coaching on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let coachId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    lpr = await ctx.as('lpr');
    const person = await createPerson(lpr, null, { firstName: 'Cora', lastName: 'Coach', function: 'Coach (Institut)' });
    const res = await lpr.post('/api/coaches', { personId: person.id, region: 'Erzgebirge' });
    expect(res.statusCode, res.body).toBe(201);
    coachId = res.json().id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const running = async (at: string) => {
    const f = (await lpr.get(`/api/alliance/figures?at=${at}`)).json();
    return {
      state: f.statewide.coachingRunning,
      district: f.districts.find((d: { ags: string }) => d.ags === ctx.territory.erzgebirge).coachingRunning,
    };
  };

  it('starting and ending a process moves the figure "coaching processes running" through the alliance events', async () => {
    const start = addDays(todayBerlin(), -100);
    const end = addDays(todayBerlin(), -10);
    expect(await running(todayBerlin())).toEqual({ state: 0, district: 0 });
    const res = await lpr.post('/api/coaching/processes', {
      ags: A,
      coachId,
      startedOn: start,
      goals: 'KPR aufbauen, Koordinatorin begleiten',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ status: 'running', coachName: 'Cora Coach', startedOn: start });
    expect(p.startEventId).toBeGreaterThan(0);
    expect(await running(todayBerlin())).toEqual({ state: 1, district: 1 });
    expect(await running(addDays(start, -1))).toEqual({ state: 0, district: 0 });
    const event = (await lpr.get(`/api/alliance/events/${p.startEventId}`)).json();
    expect(event).toMatchObject({ type: 'coaching_started', date: start, ags: A });

    const session = await lpr.post(`/api/coaching/processes/${p.id}/sessions`, { date: addDays(start, 14), notes: 'Auftaktgespräch' });
    expect(session.statusCode).toBe(201);
    expect(session.json().sessions).toHaveLength(1);

    const second = await lpr.post('/api/coaching/processes', { ags: A, coachId, startedOn: addDays(start, 5) });
    expect(second.statusCode).toBe(422);
    expect(second.json().errors[0]).toMatchObject({ field: 'startedOn', code: 'coaching_already_running' });
    // The day in the message is written as people read it, never as an ISO date.
    expect(second.json().errors[0].message).toContain(`seit ${formatDate(start, 'de')}`);

    const early = await lpr.post(`/api/coaching/processes/${p.id}/end`, { version: p.version, endedOn: addDays(start, -3) });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('endedOn');
    const ended = await lpr.post(`/api/coaching/processes/${p.id}/end`, {
      version: p.version,
      endedOn: end,
      endReport: 'Rat arbeitet selbstständig.',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endedOn: end, endReport: 'Rat arbeitet selbstständig.' });
    expect(await running(todayBerlin())).toEqual({ state: 0, district: 0 });
    expect(await running(addDays(end, -1))).toEqual({ state: 1, district: 1 });
    const types = (await lpr.get(`/api/alliance/municipalities/${A}`)).json().events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('coaching_'))).toEqual(['coaching_started', 'coaching_ended']);
    expect((await lpr.post(`/api/coaching/processes/${p.id}/end`, { version: ended.json().version, endedOn: end })).statusCode).toBe(422);
  });

  it('links a coaching start the state council staff already recorded for that day instead of entering it twice', async () => {
    const B = ctx.territory.aue;
    const day = addDays(todayBerlin(), -30);
    const recorded = await lpr.post(`/api/alliance/municipalities/${B}/events`, { type: 'coaching_started', date: day });
    expect(recorded.statusCode).toBe(201);
    const res = await lpr.post('/api/coaching/processes', { ags: B, coachId, startedOn: day });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().startEventId).toBe(recorded.json().id);
    const events = (await lpr.get(`/api/alliance/municipalities/${B}`))
      .json()
      .events.filter((e: { type: string }) => e.type === 'coaching_started');
    expect(events).toHaveLength(1);
    expect((await running(todayBerlin())).district).toBe(1);
  });

  it('a start date in the future is refused at startedOn; only admin and LPR staff manage coaching, coordinators read their own', async () => {
    const D = ctx.territory.dresdenCity;
    const future = await lpr.post('/api/coaching/processes', { ags: D, coachId, startedOn: addDays(todayBerlin(), 2) });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ field: 'startedOn', code: 'date_in_future' });
    const coordinator = await ctx.as('coordinator', { communes: [A] });
    expect((await coordinator.post('/api/coaching/processes', { ags: A, coachId, startedOn: todayBerlin() })).statusCode).toBe(403);
    const mine = (await coordinator.get('/api/coaching/processes')).json();
    expect(mine.items.map((p: { ags: string }) => p.ags)).toEqual([A]);
    expect((await coordinator.get('/api/coaches')).statusCode).toBe(403);
  });

  /** The events of one municipality of the given types, in the order of the history. */
  const eventsOf = async (ags: string, prefix: string) =>
    (await lpr.get(`/api/alliance/municipalities/${ags}`))
      .json()
      .events.filter((e: { type: string }) => e.type.startsWith(prefix))
      .map((e: { id: number; type: string; date: string }) => ({ id: e.id, type: e.type, date: e.date }));
  const processesOf = async (ags: string) =>
    (await lpr.get(`/api/coaching/processes?ags=${ags}&pageSize=100`)).json().items as {
      id: number;
      status: string;
      startEventId: number | null;
      endEventId: number | null;
      endedOn: string | null;
      version: number;
    }[];
  /** The contradictions between the municipality's events and records (a process without agreement is another matter). */
  const contradictionsOf = async (ags: string) =>
    (await lpr.get('/api/consistency'))
      .json()
      .items.filter((i: { ags: string | null; kind: string }) => i.ags === ags && i.kind !== 'process_without_agreement');

  it("the event form's one step: one request records the coaching event and the process, linked; a refused part leaves neither", async () => {
    const ags = '14521901';
    await buildMunicipality(ctx.db, { ags, district_ags: ctx.territory.erzgebirge, name: 'Einschritt' });
    const start = addDays(todayBerlin(), -60);

    // The record part fails validation (unknown coach): no event, no process.
    const unknown = await lpr.post('/api/coaching/processes', { ags, coachId: 999_999, startedOn: start });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('coachId');
    // The event part fails after the process was written (a date in the future): the transaction leaves nothing.
    const future = await lpr.post('/api/coaching/processes', { ags, coachId, startedOn: addDays(todayBerlin(), 1) });
    expect(future.statusCode).toBe(422);
    expect(await eventsOf(ags, 'coaching_')).toEqual([]);
    expect(await processesOf(ags)).toEqual([]);

    const res = await lpr.post('/api/coaching/processes', { ags, coachId, startedOn: start, goals: 'Rat aufbauen' });
    expect(res.statusCode, res.body).toBe(201);
    const [started] = await eventsOf(ags, 'coaching_');
    expect(started).toMatchObject({ type: 'coaching_started', date: start });
    expect(res.json().startEventId).toBe(started.id);

    // Ending: an end before the start is refused and records no event; a valid end records it, linked.
    const early = await lpr.post(`/api/coaching/processes/${res.json().id}/end`, {
      version: res.json().version,
      endedOn: addDays(start, -1),
    });
    expect(early.statusCode).toBe(400);
    expect(await eventsOf(ags, 'coaching_ended')).toEqual([]);
    expect((await processesOf(ags))[0]).toMatchObject({ status: 'running', endEventId: null });
    const end = addDays(start, 20);
    const ended = await lpr.post(`/api/coaching/processes/${res.json().id}/end`, { version: res.json().version, endedOn: end });
    expect(ended.statusCode, ended.body).toBe(200);
    const [endEvent] = await eventsOf(ags, 'coaching_ended');
    expect(endEvent).toMatchObject({ type: 'coaching_ended', date: end });
    expect(ended.json()).toMatchObject({ status: 'ended', endedOn: end, endEventId: endEvent.id });
    expect(await contradictionsOf(ags)).toEqual([]);
  });

  it('a process that takes an imported start whose imported end exists is ended with it, as the figures say', async () => {
    const ags = '14521902';
    await buildMunicipality(ctx.db, { ags, district_ags: ctx.territory.erzgebirge, name: 'Historienhausen' });
    const start = addDays(todayBerlin(), -400);
    const end = addDays(todayBerlin(), -200);
    const csv = `ags,event_type,date,agreement,withdrawal_kind\n${ags},coaching_started,${start},,\n${ags},coaching_ended,${end},,\n`;
    const upload = multipartFile('history.csv', csv, 'text/csv');
    const imported = await lpr.post('/api/alliance/history/import', upload.payload, { headers: upload.headers });
    expect(imported.statusCode, imported.body).toBe(201);
    const [startEvent, endEvent] = await eventsOf(ags, 'coaching_');
    expect(await contradictionsOf(ags)).toHaveLength(2); // both events without a record

    const res = await lpr.post('/api/coaching/processes', { ags, coachId, startedOn: start });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'ended', endedOn: end, startEventId: startEvent.id, endEventId: endEvent.id });
    const listed = (await lpr.get(`/api/coaching/processes?runningAt=${todayBerlin()}&ags=${ags}&pageSize=100`)).json();
    expect(listed.total + listed.historic.length).toBe(0);
    const inBetween = (await lpr.get(`/api/coaching/processes?runningAt=${addDays(end, -1)}&ags=${ags}&pageSize=100`)).json();
    expect(inBetween.total + inBetween.historic.length).toBe(1);
    expect(await contradictionsOf(ags)).toEqual([]);
  });
});
