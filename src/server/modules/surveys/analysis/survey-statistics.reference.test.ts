import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import type { SurveyIndices, SurveyResults } from '../../../../shared/survey-results.schema.ts';
import { todayBerlin } from '../../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { storeResponses } from '../public.service.ts';
import { loadSurveyData, weightsOf } from './analysis.service.ts';
import { referenceRows } from './fixtures/generate-reference-fixture.ts';
import {
  AGES,
  AREAS,
  POPULATION_AGE_SEX,
  POPULATION_AREA,
  referenceDefinition,
  referenceMargins,
  SEXES,
} from './fixtures/reference-model.ts';
import { emptyClassSums, linearisedDifference } from './linearise.ts';

/*
 * The reference test (issue 18, decision 024): 2,400 skewed synthetic respondents with missing
 * answers (fixtures/reference-respondents.csv, made by generate-reference-fixture.ts) go through the
 * real API on both dialects – stored as responses of a closed survey whose questionnaire has the
 * area question – raked to age group × sex and area, then to three one-way margins, and unweighted.
 * Every option share of every choice item, the means and the indices must equal what R's `survey`
 * package computed for the same data (fixtures/survey-reference.R → reference-values.json):
 * point estimates to 1e-9, standard errors, logit intervals and design effects to 1e-6 relative.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
type RShare = { share: number; se: number; deff: number; ciLow: number; ciHigh: number; n: number };
type RMean = { mean: number; se: number; deff: number; n: number };
type RAnalysis = {
  shares: Record<string, Record<string, RShare>>;
  means: Record<string, RMean>;
  indices: Record<string, RShare | RMean>;
  differenceUnsafeWomenMen: { value: number; se: number };
};
const R = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/reference-values.json'), 'utf8')) as Record<
  'age_sex_area' | 'age_sex_area_one_way' | 'unweighted',
  RAnalysis
>;

/** The fixture's rows back as answers to the reference questionnaire. */
function fixtureAnswers(): SurveyAnswers[] {
  const { header, rows } = referenceRows();
  const csv = fs.readFileSync(path.join(here, 'fixtures/reference-respondents.csv'), 'utf8').trim().split('\n');
  // The committed file is what the generator makes (so R saw exactly these respondents).
  expect(csv[0]).toBe(header.join(','));
  expect(csv.length - 1).toBe(rows.length);
  csv.slice(1).forEach((line, i) => expect(line).toBe(rows[i]!.map((x) => x ?? '').join(',')));
  const def = referenceDefinition();
  return rows.map((row) => {
    const get = (name: string) => row[header.indexOf(name)] ?? null;
    const answers: Record<string, unknown> = {};
    for (const section of def.sections)
      for (const q of section.questions) {
        if (q.type === 'single') {
          const x = get(q.id);
          if (x !== null) answers[q.id] = x;
        } else if (q.type === 'number') {
          const x = get(q.id);
          if (x !== null) answers[q.id] = Number(x);
        } else if (q.type === 'matrix') {
          const m: Record<string, string> = {};
          for (const r of q.rows) {
            const x = get(`${q.id}_${r.code}`);
            if (x !== null) m[r.code] = x;
          }
          if (Object.keys(m).length) answers[q.id] = m;
        } else if (q.type === 'multi') {
          const chosen = q.options.filter((o) => get(`${q.id}_${o.code}`) === 'yes').map((o) => o.code);
          if (chosen.length) answers[q.id] = chosen;
        }
      }
    return answers as SurveyAnswers;
  });
}

const relClose = (actual: number | null | undefined, expected: number, rel: number, what: string) => {
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
};
const absClose = (actual: number | null | undefined, expected: number, tol: number, what: string) => {
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
};

const WEIGHTING_VARIABLES = new Set(['altersgruppe', 'geschlecht', 'ortsteil']);

function compareResults(body: SurveyResults, ref: RAnalysis, weighted: boolean) {
  let compared = 0;
  for (const [name, options] of Object.entries(ref.shares)) {
    const v = body.variables.find((x) => x.name === name);
    expect(v, name).toBeDefined();
    for (const [code, r] of Object.entries(options)) {
      const c = v!.categories.find((x) => x.code === code)!;
      const what = `${name}=${code}`;
      expect(c.n === null ? null : v!.n, what).toBe(r.n);
      absClose(c.share, r.share, 1e-9, what);
      if (weighted && WEIGHTING_VARIABLES.has(name)) {
        // Fixed by the raking: R's SE is 0 up to rounding (≈1e-17), the API shows no interval.
        expect(v!.fixed).toBe(true);
        expect(r.se).toBeLessThan(1e-12);
        expect([c.se, c.ciLow, c.ciHigh]).toEqual([null, null, null]);
        continue;
      }
      relClose(c.se, r.se, 1e-6, `${what} SE`);
      relClose(c.ciLow, r.ciLow, 1e-6, `${what} CI low`);
      relClose(c.ciHigh, r.ciHigh, 1e-6, `${what} CI high`);
      relClose(c.designEffect, r.deff, 1e-6, `${what} design effect`);
      compared += 1;
    }
  }
  for (const [name, r] of Object.entries(ref.means)) {
    const v = body.variables.find((x) => x.name === name)!;
    expect(v.mean!.n).toBe(r.n);
    absClose(v.mean!.mean, r.mean, 1e-9, name);
    relClose(v.mean!.se, r.se, 1e-6, `${name} SE`);
    relClose(v.mean!.designEffect, r.deff, 1e-6, `${name} design effect`);
    relClose(v.mean!.ciLow, r.mean - 1.959963984540054 * r.se, 1e-9, `${name} CI low`);
  }
  return compared;
}

function compareIndices(body: SurveyIndices, ref: RAnalysis) {
  for (const [id, r] of Object.entries(ref.indices)) {
    const ix = body.indices.find((x) => x.id === id)!;
    expect(ix, id).toBeDefined();
    expect(ix.estimate.n).toBe(r.n);
    if ('share' in r) {
      absClose(ix.estimate.value, r.share, 1e-9, id);
      relClose(ix.estimate.ciLow, r.ciLow, 1e-6, `${id} CI low`);
      relClose(ix.estimate.ciHigh, r.ciHigh, 1e-6, `${id} CI high`);
    } else absClose(ix.estimate.value, r.mean, 1e-9, id);
    relClose(ix.estimate.se, r.se, 1e-6, `${id} SE`);
  }
}

describe.each(DIALECTS)('survey statistics equal R survey on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let surveyId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    const today = todayBerlin();
    const created = await admin.post('/api/surveys', {
      title: 'Referenz: Sicherheit in Annaberg-Buchholz',
      municipalities: [ctx.territory.annaberg],
      fieldStart: today,
      fieldEnd: today,
    });
    expect(created.statusCode, created.body).toBe(201);
    surveyId = (created.json() as { id: number }).id;
    const definition = referenceDefinition();
    const q = await admin.put(`/api/surveys/${surveyId}/questionnaire`, { basedOnVersion: 1, definition });
    expect(q.statusCode, q.body).toBe(201);
    expect((await admin.post(`/api/surveys/${surveyId}/start`, {})).statusCode).toBe(200);
    await storeResponses(
      ctx.db,
      surveyId,
      fixtureAnswers().map((answers) => ({
        ags: ctx.territory.annaberg,
        version: 2,
        definition,
        answers,
        channel: 'online' as const,
        on: today,
      })),
    );
    expect((await admin.post(`/api/surveys/${surveyId}/close`, {})).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('raked to age group × sex and area: shares, SEs, logit intervals, design effects, means and indices as R', async () => {
    const put = await admin.put(`/api/surveys/${surveyId}/margins`, { version: 0, ...referenceMargins() });
    expect(put.statusCode, put.body).toBe(200);
    const res = await admin.get(`/api/surveys/${surveyId}/results?weighted=true`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as SurveyResults;
    expect(body.weighting).toMatchObject({ applied: true, converged: true });
    expect(body.weighting.margins.map((m) => m.dimension)).toEqual(['age_sex', 'area']);
    expect(compareResults(body, R.age_sex_area, true)).toBe(71);
    // The per-option design effects differ – no single design effect for all.
    const deffs = body.variables.flatMap((v) => v.categories.map((c) => c.designEffect).filter((x): x is number => x !== null));
    expect(Math.max(...deffs) - Math.min(...deffs)).toBeGreaterThan(0.3);
    const ix = await admin.get(`/api/surveys/${surveyId}/indices?weighted=true`);
    compareIndices(ix.json() as SurveyIndices, R.age_sex_area);
  });

  it('the difference between women and men in felt unsafety, with the covariance of the raking, as R', async () => {
    // Through the service the API uses: the survey's matrix and raked design.
    const data = await loadSurveyData(ctx.db, null, surveyId);
    const { design } = await weightsOf(ctx.db, data, true, 'de');
    const night = data.codebook.find((v) => v.name === 'sicher_nachts')!;
    const sex = data.codebook.find((v) => v.name === 'geschlecht')!;
    const unsafe = new Set(['ziemlich_unsicher', 'sehr_unsicher'].map((c) => night.values.find((x) => x.code === c)!.value));
    const groups = ['w', 'm'].map((code) => ({
      value: sex.values.find((x) => x.code === code)!.value,
      sums: emptyClassSums(design.size.length),
    }));
    for (let i = 0; i < data.matrix.rows; i += 1) {
      const x = data.matrix.data[i * data.matrix.cols + night.index]!;
      const s = data.matrix.data[i * data.matrix.cols + sex.index]!;
      const g = groups.find((gg) => gg.value === s);
      if (x === 0 || !g) continue;
      const k = design.classOf[i]!;
      const y = unsafe.has(x) ? 1 : 0;
      g.sums.n[k]! += 1;
      g.sums.sy[k]! += y;
      g.sums.syy[k]! += y;
    }
    const d = linearisedDifference(design, groups[0]!.sums, groups[1]!.sums);
    absClose(d.value, R.age_sex_area.differenceUnsafeWomenMen.value, 1e-9, 'difference');
    relClose(d.se, R.age_sex_area.differenceUnsafeWomenMen.se, 1e-6, 'difference SE');
  });

  it('raked to one-way margins (a separate age margin), as R', async () => {
    const current = (await admin.get(`/api/surveys/${surveyId}/margins`)).json() as { version: number };
    const put = await admin.put(`/api/surveys/${surveyId}/margins`, {
      version: current.version,
      margins: [
        {
          variables: ['age_group'],
          cells: AGES.map((a) => ({ codes: [a], population: POPULATION_AGE_SEX[a][0] + POPULATION_AGE_SEX[a][1] })),
        },
        {
          variables: ['sex'],
          cells: SEXES.map((s, j) => ({ codes: [s], population: AGES.reduce((t, a) => t + POPULATION_AGE_SEX[a][j]!, 0) })),
        },
        { variables: ['area'], cells: AREAS.map((a) => ({ codes: [a.code], population: POPULATION_AREA[a.code]! })) },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const body = (await admin.get(`/api/surveys/${surveyId}/results?weighted=true`)).json() as SurveyResults;
    expect(body.weighting.margins.map((m) => m.dimension)).toEqual(['age', 'sex', 'area']);
    expect(compareResults(body, R.age_sex_area_one_way, true)).toBe(71);
    compareIndices((await admin.get(`/api/surveys/${surveyId}/indices?weighted=true`)).json() as SurveyIndices, R.age_sex_area_one_way);
  });

  it('unweighted: the shares and SEs of svymean on the unweighted design, no weighting and no design effect of weights', async () => {
    const body = (await admin.get(`/api/surveys/${surveyId}/results?weighted=false`)).json() as SurveyResults;
    expect(body.weighted).toBe(false);
    expect(body.weighting).toMatchObject({ applied: false, weightsDesignEffect: null, cvWeights: null });
    expect(compareResults(body, R.unweighted, false)).toBe(84);
    compareIndices((await admin.get(`/api/surveys/${surveyId}/indices?weighted=false`)).json() as SurveyIndices, R.unweighted);
  });
});
