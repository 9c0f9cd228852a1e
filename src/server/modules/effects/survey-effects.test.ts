import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectListSchema, EFFECTS_LIMITS, type SurveyEffectEstimate } from '../../../shared/effects.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { METHOD_VERSION } from './did.ts';
import { addClosedWave, buildAgreement } from './test-support.ts';

/*
 * Survey index effects through the API on both dialects (decision 030). Annaberg-Buchholz signs an
 * agreement in June 2022; its share of residents who feel unsafe at night falls from 40 % (wave of
 * spring 2021) to 25 % (spring 2023), while two municipalities without an agreement stay where
 * they were (35 → 36 %, 45 → 44 %): a planted difference in differences of −15 points. Aue-Bad
 * Schlema's wave after its agreement has 60 respondents, below the minimum; Dresden has no wave
 * after its start.
 */
const START = '2022-06-01';
const PRE = { fieldStart: '2021-03-01', fieldEnd: '2021-04-30' };
const POST = { fieldStart: '2023-03-01', fieldEnd: '2023-04-30' };
const PLANTED = -0.15;

/** The linearised SE of a share p among n unweighted respondents: √(p(1 − p)/(n − 1)). */
const shareSe = (p: number, n: number) => Math.sqrt((p * (1 - p)) / (n - 1));

describe.each(DIALECTS)('survey index effects on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let c1: string;
  let c2: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    const { annaberg, aue, dresdenCity, erzgebirge } = ctx.territory;
    c1 = (await buildMunicipality(ctx.db, { ags: '14521500', district_ags: erzgebirge, name: 'Vergleichsdorf', population: 12_000 })).ags;
    c2 = (await buildMunicipality(ctx.db, { ags: '14521510', district_ags: erzgebirge, name: 'Vergleichsstadt', population: 16_000 })).ags;
    for (const ags of [annaberg, aue, dresdenCity]) await buildAgreement(ctx.db, ags, START);
    const wave = (ags: string, period: typeof PRE, n: number, unsafe: number) => addClosedWave(ctx.db, lpr, { ags, ...period, n, unsafe });
    await wave(annaberg, PRE, 400, 160);
    await wave(annaberg, POST, 400, 100);
    await wave(c1, PRE, 300, 105);
    await wave(c1, POST, 300, 108);
    await wave(c2, PRE, 300, 135);
    await wave(c2, POST, 300, 132);
    await wave(aue, PRE, 400, 160);
    await wave(aue, POST, 60, 15);
    await wave(dresdenCity, PRE, 400, 120);
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  const surveyEffectsOf = async (ags: string): Promise<SurveyEffectEstimate[]> => {
    const res = await lpr.get(`/api/effects/municipalities/${ags}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = effectListSchema.parse(res.json());
    expect(body.methodVersion).toBe(METHOD_VERSION);
    expect(body.minRespondents).toBe(EFFECTS_LIMITS.minRespondents);
    return body.surveyEstimates;
  };

  it('estimates the planted change of an index with an interval that covers it, against the comparison municipalities', async () => {
    const estimates = await surveyEffectsOf(ctx.territory.annaberg);
    // Only the index the waves asked: the others had no answers at all.
    expect(estimates.map((e) => e.index?.id)).toEqual(['unsafe_night']);
    const [e] = estimates;
    expect(e).toMatchObject({
      methodVersion: METHOD_VERSION,
      interventionKind: 'agreement',
      ags: ctx.territory.annaberg,
      startDate: START,
      suppressed: null,
      treated: { pre: { value: 0.4, n: 400, fieldEnd: PRE.fieldEnd }, post: { value: 0.25, n: 400, fieldStart: POST.fieldStart } },
    });
    // Aue and Dresden have an agreement themselves: never a comparison.
    expect(e!.comparison.units.map((u) => [u.ags, u.name])).toEqual([
      [c1, 'Vergleichsdorf'],
      [c2, 'Vergleichsstadt'],
    ]);
    const r = e!.result!;
    expect(r.difference).toBeCloseTo(PLANTED, 10);
    expect(r.ciLow).toBeLessThan(PLANTED);
    expect(r.ciHigh).toBeGreaterThan(PLANTED);
    // The interval lies below 0: a reliable fall, not "kein belastbarer Effekt".
    expect(r.ciHigh).toBeLessThan(0);
    expect(r.noReliableEffect).toBe(false);
    // The SE comes from the waves' linearised SEs: treated variances plus the comparisons' mean.
    const expected = Math.sqrt(
      shareSe(0.4, 400) ** 2 +
        shareSe(0.25, 400) ** 2 +
        (shareSe(0.35, 300) ** 2 + shareSe(0.36, 300) ** 2 + shareSe(0.45, 300) ** 2 + shareSe(0.44, 300) ** 2) / 4,
    );
    expect(Math.abs(r.se / expected - 1)).toBeLessThan(0.01);
    expect(r.ciHigh - r.ciLow).toBeCloseTo(2 * 1.959963984540054 * r.se, 10);
  });

  it('shows no effect, only the reason, when a wave has fewer respondents than the minimum or no wave follows the start', async () => {
    const [aue] = await surveyEffectsOf(ctx.territory.aue);
    expect(aue).toMatchObject({ index: { id: 'unsafe_night' }, result: null, suppressed: 'too-few-respondents' });
    expect(aue!.treated.post).toMatchObject({ n: 60 });
    const dresden = await surveyEffectsOf(ctx.territory.dresdenCity);
    expect(dresden).toEqual([expect.objectContaining({ index: null, result: null, suppressed: 'no-wave-after' })]);
  });

  it('exports the survey index effects below the crime estimates, with the comparison group and the method version', async () => {
    const csv = await lpr.get(`/api/effects/export?format=csv&ags=${ctx.territory.annaberg}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.replace(/^\ufeff/, '').split('\r\n');
    const title = lines.indexOf('Befragungsindizes');
    expect(title).toBeGreaterThan(0);
    expect(lines[title + 1]).toContain('Differenz der Differenzen');
    const row = lines[title + 2]!;
    expect(row).toContain(METHOD_VERSION);
    expect(row).toContain('Rückgang');
    expect(row).toContain('Vergleichsdorf; Vergleichsstadt');

    // In English: the table's name, headers, index, unit and assessment; the users' names as written.
    const en = (await lpr.get(`/api/effects/export?format=csv&ags=${ctx.territory.annaberg}&lang=en`)).body
      .replace(/^\ufeff/, '')
      .split('\r\n');
    const enTitle = en.indexOf('Survey indices');
    expect(enTitle).toBeGreaterThan(0);
    expect(en[enTitle + 1]).toContain('Difference in differences');
    expect(en[enTitle + 2]).toContain(';Unsafe at night;share (0–1);');
    expect(en[enTitle + 2]).toContain(';decrease;');
    expect(en[enTitle + 2]).toContain('Vergleichsdorf; Vergleichsstadt');
  });
});
