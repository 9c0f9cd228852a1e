import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
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
});
