import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../../../../shared/survey-template.ts';
import type { SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import type { SurveyBenchmark, SurveyIndices } from '../../../../shared/survey-results.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { storeResponses } from '../public.service.ts';
import { todayBerlin } from '../../../../shared/time.ts';

/*
 * The statewide benchmark on both dialects: closed surveys created through the API, responses
 * stored through the survey module's storage function; only surveys that allow comparison appear,
 * a survey of fewer than k respondents is suppressed (and stays out of the pool), each survey's
 * figures equal its own results page, and the survey the page is opened from is never in "others".
 */

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGES = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];
const SAFETY = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
const PROBLEM = ['kein', 'gering', 'ziemlich', 'gross'];

function makeAnswers(n: number, seed: number): SurveyAnswers[] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, () => ({
    sicher_nachts: pick(SAFETY),
    inzivilitaet: { graffiti: pick(PROBLEM), muell: pick(PROBLEM), parken: pick(PROBLEM), vandalismus: pick(PROBLEM) },
    meiden: { orte: pick(['ja', 'nein']), begleitung: 'nein' },
    opfer: rnd() < 0.3 ? ['diebstahl'] : ['nichts'],
    vertrauen: { polizei: pick(['t1', 't2', 't3', 't4', 't5']) },
    altersgruppe: pick(AGES),
    geschlecht: pick(['w', 'm']),
  })) as SurveyAnswers[];
}

const marginsBody = (version: number) => ({
  version,
  ageSex: AGES.flatMap((ageGroup, i) => [
    { ageGroup, sex: 'w', population: 1000 + 100 * i },
    { ageGroup, sex: 'm', population: 1200 - 50 * i },
  ]),
});

describe.each(DIALECTS)('survey benchmark API on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  /** weighted (margins), allows comparison */
  let weightedId: number;
  /** unweighted, allows comparison */
  let plainId: number;
  /** closed, does not allow comparison */
  let privateId: number;
  /** three respondents, allows comparison: below k */
  let tinyId: number;

  async function closedSurvey(ags: string, list: SurveyAnswers[], extra: Record<string, unknown> = {}): Promise<number> {
    const today = todayBerlin();
    const res = await admin.post('/api/surveys', {
      title: `Sicherheit ${ags}`,
      municipalities: [ags],
      fieldStart: today,
      fieldEnd: today,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    expect((await admin.post(`/api/surveys/${id}/start`, {})).statusCode).toBe(200);
    await storeResponses(
      ctx.db,
      id,
      list.map((answers) => ({ ags, version: 1, definition: STANDARD_QUESTIONNAIRE, answers, channel: 'online' as const, on: today })),
    );
    const closed = await admin.post(`/api/surveys/${id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    return id;
  }

  const benchmark = async (client: Client, query = '') => {
    const res = await client.get(`/api/survey-benchmark${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SurveyBenchmark;
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    weightedId = await closedSurvey(ctx.territory.annaberg, makeAnswers(300, 3), { allowsComparison: true });
    const margins = await admin.put(`/api/surveys/${weightedId}/margins`, marginsBody(0));
    expect(margins.statusCode, margins.body).toBe(200);
    plainId = await closedSurvey(ctx.territory.aue, makeAnswers(200, 5), { allowsComparison: true });
    privateId = await closedSurvey(ctx.territory.dresdenCity, makeAnswers(150, 9));
    tinyId = await closedSurvey(ctx.territory.dresdenCity, makeAnswers(3, 13), { allowsComparison: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('lists only the closed surveys that allow comparison, each with the figures of its own results page', async () => {
    const body = await benchmark(admin);
    expect(body.markedSurveyId).toBeNull();
    expect(body.surveys.map((s) => s.surveyId).sort((a, b) => a - b)).toEqual([weightedId, plainId, tinyId].sort((a, b) => a - b));
    expect(body.surveys.some((s) => s.surveyId === privateId)).toBe(false);
    expect(body.indices.map((i) => i.id)).toEqual(['unsafe_night', 'incivility', 'avoidance', 'victimisation', 'trust_police']);
    for (const [id, weighted] of [
      [weightedId, true],
      [plainId, false],
    ] as const) {
      const row = body.surveys.find((s) => s.surveyId === id)!;
      expect(row.weighted).toBe(weighted);
      const own = (await admin.get(`/api/surveys/${id}/indices?weighted=true`)).json() as SurveyIndices;
      expect(own.weighted).toBe(weighted);
      expect(row.responses).toBe(own.responses);
      expect(row.figures).toEqual(own.indices.map((i) => ({ id: i.id, estimate: i.estimate })));
      for (const f of row.figures) {
        expect(f.estimate.suppressed).toBeNull();
        expect(f.estimate.ciLow!).toBeLessThan(f.estimate.value!);
        expect(f.estimate.ciHigh!).toBeGreaterThan(f.estimate.value!);
      }
    }
    expect(body.surveys.find((s) => s.surveyId === weightedId)!.municipalities).toEqual([
      { ags: ctx.territory.annaberg, name: 'Annaberg-Buchholz' },
    ]);
  });

  it('suppresses a survey below k and keeps it out of the pooled others', async () => {
    const body = await benchmark(admin);
    const tiny = body.surveys.find((s) => s.surveyId === tinyId)!;
    expect(tiny.responses).toBeNull();
    expect(tiny.figures.length).toBeGreaterThan(0);
    for (const f of tiny.figures)
      expect(f.estimate).toMatchObject({ value: null, se: null, ciLow: null, ciHigh: null, n: null, suppressed: 'primary' });
    const night = (b: SurveyBenchmark, id: number) =>
      b.surveys.find((s) => s.surveyId === id)!.figures.find((f) => f.id === 'unsafe_night')!;
    const others = body.others.figures.find((f) => f.id === 'unsafe_night')!;
    expect(body.others.surveys).toBe(2);
    expect(others.estimate.n).toBe(night(body, weightedId).estimate.n! + night(body, plainId).estimate.n!);
  });

  it('opened from a survey, marks it and never compares it with itself', async () => {
    const body = await benchmark(admin, `?surveyId=${weightedId}`);
    expect(body.markedSurveyId).toBe(weightedId);
    expect(body.surveys.filter((s) => s.marked).map((s) => s.surveyId)).toEqual([weightedId]);
    // The others are the plain survey alone (the tiny one is suppressed): exactly its figures.
    expect(body.others.surveys).toBe(1);
    const plain = body.surveys.find((s) => s.surveyId === plainId)!;
    for (const f of body.others.figures) {
      const p = plain.figures.find((x) => x.id === f.id)!;
      expect(f.estimate.n).toBe(p.estimate.n);
      expect(f.estimate.value!).toBeCloseTo(p.estimate.value!, 12);
      expect(f.estimate.se!).toBeCloseTo(p.estimate.se!, 12);
    }
    expect((await admin.get('/api/survey-benchmark?surveyId=999999')).statusCode).toBe(404);
    expect((await admin.get('/api/survey-benchmark?surveyId=abc')).statusCode).toBe(400);
  });

  it('lets the survey manager opt in (validated, audited, 409 when stale) and the roles of the rule read it', async () => {
    const current = (await admin.get(`/api/surveys/${privateId}`)).json() as { version: number; allowsComparison: boolean };
    expect(current.allowsComparison).toBe(false);
    const bad = await admin.patch(`/api/surveys/${privateId}`, { version: current.version, allowsComparison: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('allowsComparison');
    const ok = await admin.patch(`/api/surveys/${privateId}`, { version: current.version, allowsComparison: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().allowsComparison).toBe(true);
    const stale = await admin.patch(`/api/surveys/${privateId}`, { version: current.version, allowsComparison: false });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('entity_type', '=', 'survey')
      .where('entity_id', '=', String(privateId))
      .where('action', '=', 'survey.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ allowsComparison: false });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ allowsComparison: true });
    expect((await benchmark(admin)).surveys.some((s) => s.surveyId === privateId)).toBe(true);

    for (const role of ['lpr', 'ministry', 'coordinator'] as const) await benchmark(await ctx.as(role));
    expect((await (await ctx.as('police')).get('/api/survey-benchmark')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api/survey-benchmark')).statusCode).toBe(401);
  });
});
