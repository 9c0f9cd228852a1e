import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../../../../shared/survey-results.schema.ts';
import { todayBerlin } from '../../../../shared/time.ts';
import { readCsv } from '../../../lib/csv-read.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { storeResponses } from '../public.service.ts';
import {
  AGES,
  AREAS,
  drawRespondents,
  POPULATION_AGE_SEX,
  POPULATION_AREA,
  referenceDefinition,
  SEXES,
} from './fixtures/reference-model.ts';

/*
 * Margins (decision 024) through the API on both dialects: a separate age margin works; an
 * inconsistent, redundant or conflicting set is refused with a 400 naming the margin, and nothing
 * is stored; trimming bounds the weights and reports it; the research export carries the weight.
 */

const ageMargin = (scale = 1) => ({
  variables: ['age_group'],
  cells: AGES.map((a) => ({ codes: [a], population: (POPULATION_AGE_SEX[a][0] + POPULATION_AGE_SEX[a][1]) * scale })),
});
const areaMargin = (extra = 0) => ({
  variables: ['area'],
  cells: AREAS.map((a, i) => ({ codes: [a.code], population: POPULATION_AREA[a.code]! + (i === 0 ? extra : 0) })),
});
const sexTotals = SEXES.map((_, j) => AGES.reduce((t, a) => t + POPULATION_AGE_SEX[a][j]!, 0));

describe.each(DIALECTS)('weighting margins on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let surveyId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    const today = todayBerlin();
    const created = await admin.post('/api/surveys', {
      title: 'Sicherheit mit Ortsteilen',
      municipalities: [ctx.territory.annaberg],
      fieldStart: today,
      fieldEnd: today,
    });
    surveyId = (created.json() as { id: number }).id;
    const definition = referenceDefinition();
    expect((await admin.put(`/api/surveys/${surveyId}/questionnaire`, { basedOnVersion: 1, definition })).statusCode).toBe(201);
    expect((await admin.post(`/api/surveys/${surveyId}/start`, {})).statusCode).toBe(200);
    const respondents = drawRespondents(400, 99);
    // Three respondents of sex "d", for whom official figures have no cell.
    respondents.slice(0, 3).forEach((r) => (r.answers.geschlecht = 'd'));
    await storeResponses(
      ctx.db,
      surveyId,
      respondents.map((r) => ({
        ags: ctx.territory.annaberg,
        version: 2,
        definition,
        answers: r.answers,
        channel: 'online' as const,
        on: today,
      })),
    );
    expect((await admin.post(`/api/surveys/${surveyId}/close`, {})).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
  });

  const refused = async (body: Record<string, unknown>, field: string, says: RegExp) => {
    const res = await admin.put(`/api/surveys/${surveyId}/margins`, { version: 0, ...body });
    expect(res.statusCode, res.body).toBe(400);
    const errors = res.json().errors as Array<{ field: string; message: string }>;
    const error = errors.find((e) => e.field === field);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error!.message).toMatch(says);
  };

  it('refuses redundant, inconsistent and conflicting sets, naming the margin, and stores nothing', async () => {
    // ageSex and sex both: sex is already fixed by age × sex.
    await refused(
      {
        ageSex: AGES.flatMap((a) => SEXES.map((s, j) => ({ ageGroup: a, sex: s, population: POPULATION_AGE_SEX[a][j]! }))),
        sex: SEXES.map((s, j) => ({ sex: s, population: sexTotals[j]! })),
      },
      'body.sex',
      /Geschlecht.*Altersgruppe × Geschlecht/,
    );
    // Two margins over the same variable.
    await refused({ margins: [ageMargin(), ageMargin()] }, 'body.margins.1', /Altersgruppe.*schon angegeben/);
    // Totals differ: the area margin describes another population.
    await refused({ margins: [ageMargin(), areaMargin(500)] }, 'body.margins.1', /Ortsteil.*Summe/);
    // Two two-way margins that disagree on the shared variable (sex).
    const sexArea = {
      variables: ['sex', 'area'],
      cells: SEXES.flatMap((s, j) =>
        AREAS.map((a) => ({ codes: [s, a.code], population: Math.round((POPULATION_AREA[a.code]! * (j === 0 ? 0.6 : 0.4)) as number) })),
      ),
    };
    const total = sexArea.cells.reduce((t, c) => t + c.population, 0);
    const ageSexScaled = {
      variables: ['age_group', 'sex'],
      cells: AGES.flatMap((a) => SEXES.map((s, j) => ({ codes: [a, s], population: POPULATION_AGE_SEX[a][j]! }))),
    };
    const ageSexTotal = ageSexScaled.cells.reduce((t, c) => t + c.population, 0);
    sexArea.cells[0]!.population += ageSexTotal - total;
    await refused({ margins: [ageSexScaled, sexArea] }, 'body.margins.1', /Verteilung nach „Geschlecht“/);
    // A variable the questionnaire does not ask.
    await refused(
      { margins: [{ variables: ['education'], cells: [{ codes: ['hoch'], population: 10 }] }] },
      'body.margins.0.variables',
      /Bildung/,
    );
    const stored = await admin.get(`/api/surveys/${surveyId}/margins`);
    expect(stored.json()).toMatchObject({ version: 0, margins: [] });
  });

  it('weights to a separate age margin and the areas; the report lists no cells without population', async () => {
    const put = await admin.put(`/api/surveys/${surveyId}/margins`, { version: 0, margins: [areaMargin(), ageMargin()] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().margins.map((m: { dimension: string }) => m.dimension)).toEqual(['age', 'area']);
    const body = (await admin.get(`/api/surveys/${surveyId}/results?weighted=true`)).json() as SurveyResults;
    expect(body.weighting).toMatchObject({ applied: true, converged: true, trimUpper: null });
    expect(body.weighting.margins.map((m) => m.dimension)).toEqual(['age', 'area']);
    const age = body.variables.find((v) => v.name === 'altersgruppe')!;
    const total = AGES.reduce((t, a) => t + POPULATION_AGE_SEX[a][0] + POPULATION_AGE_SEX[a][1], 0);
    for (const c of age.categories) {
      const [w, m] = POPULATION_AGE_SEX[c.code as (typeof AGES)[number]];
      expect(c.share).toBeCloseTo((w + m) / total, 9);
    }
    // Sex is not a margin here: its shares get intervals.
    expect(body.variables.find((v) => v.name === 'geschlecht')!.fixed).toBe(false);
    expect(body.weighting.margins.flatMap((m) => m.cells).every((c) => c.status !== 'no_population')).toBe(true);
  });

  it('trims the weights to the bound set and rakes again; diagnostics of the weights', async () => {
    const before = (await admin.get(`/api/surveys/${surveyId}/results?weighted=true`)).json() as SurveyResults;
    expect(before.weighting.maxWeight!).toBeGreaterThan(2.5);
    const current = (await admin.get(`/api/surveys/${surveyId}/margins`)).json() as { version: number };
    const put = await admin.put(`/api/surveys/${surveyId}/margins`, {
      version: current.version,
      margins: [ageMargin(), areaMargin()],
      trimUpper: 2.5,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().trimUpper).toBe(2.5);
    const w = ((await admin.get(`/api/surveys/${surveyId}/results?weighted=true`)).json() as SurveyResults).weighting;
    expect(w.trimUpper).toBe(2.5);
    expect(w.maxWeight!).toBeLessThanOrEqual(2.5 + 1e-9);
    expect(w.minWeight!).toBeGreaterThanOrEqual(1 / 2.5 - 1e-9);
    expect(w.trimmed).toBeGreaterThan(0);
    expect(w.weightsDesignEffect!).toBeCloseTo(1 + w.cvWeights! ** 2, 12);
    expect(w.weightsDesignEffect!).toBeLessThan(before.weighting.weightsDesignEffect!);
    const tooSmall = await admin.put(`/api/surveys/${surveyId}/margins`, {
      version: current.version + 1,
      margins: [ageMargin()],
      trimUpper: 1,
    });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().errors[0].field).toBe('body.trimUpper');
  });

  it('exports the weight of every response at full precision, described in the codebook', async () => {
    // Research programs ask for RFC 4180 (comma, decimal point).
    const res = await admin.get(`/api/surveys/${surveyId}/responses.csv?dialect=rfc4180`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = readCsv(res.body, { delimiter: ',' }).records.map((r) => r.cells);
    const col = rows[0]!.indexOf('gewicht');
    expect(col).toBe(rows[0]!.length - 1);
    const weights = rows.slice(1).map((r) => r[col]!);
    const given = weights.filter((x) => x !== '').map(Number);
    expect(given.length).toBeGreaterThan(300);
    expect(Math.max(...given)).toBeLessThanOrEqual(2.5 + 1e-9);
    // Not rounded to two decimals.
    expect(weights.some((x) => /\.\d{6,}/.test(x))).toBe(true);
    const codebook = await admin.get(`/api/surveys/${surveyId}/codebook.csv?lang=en`);
    expect(codebook.body).toMatch(/gewicht;"?Weight: raking/);
    expect(codebook.body).toContain('Age group; Area');
  });
});
