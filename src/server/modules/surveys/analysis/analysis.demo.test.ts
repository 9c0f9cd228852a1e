import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../auth/principal.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { addDemoSurvey } from '../demo.ts';
import { addDemoSurveyMargins } from './analysis.demo.ts';

/* The demo survey with its margins: weighted results that converge and fit the town's age structure. */
describe.each(DIALECTS)('demo survey margins on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let surveyId: number;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    const survey = await ctx.db.transaction().execute((trx) => addDemoSurvey(trx, SYSTEM_ACTOR, { seed: 3 }));
    surveyId = survey.surveyId!;
    const first = await ctx.db.transaction().execute((trx) => addDemoSurveyMargins(trx, SYSTEM_ACTOR, surveyId));
    expect(first).toMatchObject({ skipped: false, cells: 14 + 5 });
    const again = await ctx.db.transaction().execute((trx) => addDemoSurveyMargins(trx, SYSTEM_ACTOR, surveyId));
    expect(again.skipped).toBe(true);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('weights the demo survey to age × sex and area, converged', async () => {
    const margins = (await admin.get(`/api/surveys/${surveyId}/margins`)).json();
    expect(margins.version).toBe(1);
    // Dresden's 555,351 residents, 86 % of them 16 or older.
    expect(margins.ageSex.reduce((s: number, e: { population: number }) => s + e.population, 0)).toBeCloseTo(555_351 * 0.86, -2);
    const res = await admin.get(`/api/surveys/${surveyId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.weighting).toMatchObject({ applied: true, converged: true });
    expect(body.weighting.margins.map((m: { dimension: string }) => m.dimension)).toEqual(['age_sex', 'area']);
    expect(body.weighting.iterations).toBeGreaterThan(1);
    for (const m of body.weighting.margins)
      for (const c of m.cells) if (c.status === 'ok') expect(c.weightedShare).toBeCloseTo(c.targetShare, 6);
    // Weighting moves the age distribution of the answers towards the population's.
    const age = body.variables.find((v: { name: string }) => v.name === 'altersgruppe');
    const unweighted = (await admin.get(`/api/surveys/${surveyId}/results?weighted=false`))
      .json()
      .variables.find((v: { name: string }) => v.name === 'altersgruppe');
    const target = (code: string) =>
      body.weighting.margins[0].cells
        .filter((c: { cell: string }) => c.cell.startsWith(`${code}:`))
        .reduce((s: number, c: { targetShare: number }) => s + c.targetShare, 0);
    const distance = (v: { categories: Array<{ code: string; share: number }> }) =>
      v.categories.reduce((s, c) => s + Math.abs(c.share - target(c.code)), 0);
    expect(distance(age)).toBeLessThan(distance(unweighted) / 2);
  });
});
