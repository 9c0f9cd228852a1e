import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import { resetClock, setClock } from '../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { publicThrottle } from './surveys.routes.ts';
import { codesOfSurvey, createSurvey } from './test-support.ts';

/*
 * The field period is counted in Berlin calendar days. The server runs in this process, so the
 * clock set here is the server's clock. 23:30 UTC is already the next day in Berlin (00:30 in
 * winter, 01:30 in summer); the instants below lie on both nights of a daylight-saving change.
 */
describe.each(DIALECTS)('the field period by the Berlin clock on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    A = ctx.territory.annaberg;
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => publicThrottle.reset());
  afterEach(() => resetClock());

  const open = (code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/public/survey/open', payload: { code }, headers: { 'accept-language': 'de' } });
  const firstCode = async (surveyId: number) => {
    const res = await lpr.post(`/api/surveys/${surveyId}/codes`, { ags: A, count: 1 });
    expect(res.statusCode, res.body).toBe(201);
    return normalizeSurveyCode((await codesOfSurvey(ctx.db, surveyId))[0]!);
  };

  it.each([
    ['23:30 UTC on the eve of summer time (00:30 in Berlin)', '2026-03-28T23:30:00Z', '2026-03-29', '2026-03-28'],
    ['23:30 UTC on the eve of winter time (01:30 in Berlin)', '2026-10-24T23:30:00Z', '2026-10-25', '2026-10-24'],
    ['00:30 in Berlin in winter', '2026-01-14T23:30:00Z', '2026-01-15', '2026-01-14'],
    ['00:30 in Berlin in summer', '2026-07-14T22:30:00Z', '2026-07-15', '2026-07-14'],
  ])('at %s a survey starting "today" starts and opens; one that ended "yesterday" does not', async (_, instant, today, yesterday) => {
    setClock(instant);
    const current = await createSurvey(lpr, [A], { fieldStart: today, fieldEnd: today });
    const code = await firstCode(current.id);
    const started = await lpr.post(`/api/surveys/${current.id}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'fieldwork', fieldStart: today });
    // Open on its first (and last) day, though the UTC date is still the day before.
    const opened = await open(code);
    expect(opened.statusCode, opened.body).toBe(200);
    const closed = await lpr.post(`/api/surveys/${current.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedOn).toBe(today);

    const ended = await createSurvey(lpr, [A], { fieldStart: yesterday, fieldEnd: yesterday });
    const refused = await lpr.post(`/api/surveys/${ended.id}/start`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('fieldEnd');
  });

  it('a survey starting tomorrow in Berlin is not open yet at 21:59 UTC in summer, and is at 22:00 UTC', async () => {
    setClock('2026-03-30T21:59:00Z');
    const s = await createSurvey(lpr, [A], { fieldStart: '2026-03-31', fieldEnd: '2026-04-30' });
    const code = await firstCode(s.id);
    expect((await lpr.post(`/api/surveys/${s.id}/start`, {})).statusCode).toBe(200);
    const early = await open(code);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].code).toBe('not_yet_open');
    setClock('2026-03-30T22:00:00Z');
    expect((await open(code)).statusCode).toBe(200);
  });
});
