import { describe, expect, it } from 'vitest';
import {
  countDid,
  estimateDispersion,
  fitTwoWay,
  logSlope,
  meanDid,
  normalQuantile,
  poolRateRatios,
  selectComparisons,
  sizeClassOf,
  tQuantile,
  type MatchCandidate,
} from './did.ts';
import { simulate } from './simulate.ts';

describe('difference in differences (pure)', () => {
  it('quantiles match the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(tQuantile(0.975, 45)).toBeCloseTo(2.014, 3);
  });

  it('the two-way model keeps the row and column sums', () => {
    const y = [
      [10, 20, 30],
      [5, 5, 40],
    ];
    const mu = fitTwoWay(y);
    expect(mu[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(60, 9);
    expect(mu[0]![2]! + mu[1]![2]!).toBeCloseTo(70, 9);
  });

  it('the rate ratio is the ratio of the two before/after ratios, with a Poisson interval when counts scatter as Poisson', () => {
    const r = countDid({
      treatedPre: [1000, 1000],
      treatedPost: [800, 800],
      comparisonPre: [
        [2000, 2000],
        [1000, 1000],
      ],
      comparisonPost: [
        [2000, 2000],
        [1000, 1000],
      ],
    });
    expect(r.rateRatio).toBeCloseTo(0.8, 12);
    expect(r.dispersion.model).toBe('poisson');
    const se = Math.sqrt(1 / 2000 + 1 / 1600 + 1 / 6000 + 1 / 6000);
    expect(r.seLog).toBeCloseTo(se, 12);
    expect(r.ciLow).toBeCloseTo(0.8 * Math.exp(-1.959964 * se), 5);
    expect(r.noReliableEffect).toBe(false);
    // a tenth of the cases: the same ratio, but the interval spans no change
    const small = countDid({
      treatedPre: [100, 100],
      treatedPost: [80, 80],
      comparisonPre: [
        [200, 200],
        [100, 100],
      ],
      comparisonPost: [
        [200, 200],
        [100, 100],
      ],
    });
    expect(small.rateRatio).toBeCloseTo(0.8, 12);
    expect(small.noReliableEffect).toBe(true);
  });

  it('overdispersed comparison counts switch to the negative binomial and widen the interval', () => {
    const comparisonPre = [
      [100, 160, 70],
      [300, 180, 420],
      [50, 90, 40],
    ];
    const comparisonPost = [
      [140, 80, 120],
      [260, 400, 200],
      [80, 40, 70],
    ];
    const d = estimateDispersion(comparisonPre.map((p, i) => [...p, ...comparisonPost[i]!]));
    expect(d.model).toBe('negative-binomial');
    expect(d.a).toBeGreaterThan(0.01);
    const r = countDid({ treatedPre: [100, 110, 90], treatedPost: [95, 100, 105], comparisonPre, comparisonPost });
    const poissonSe = Math.sqrt(1 / 300 + 1 / 300 + 1 / 1410 + 1 / 1390);
    expect(r.seLog).toBeGreaterThan(2 * poissonSe);
    expect(r.noReliableEffect).toBe(true);
  });

  it('survey indices: the change against the mean change of the comparisons, variances added', () => {
    const r = meanDid({ value: 50, se: 1, n: 400 }, { value: 45, se: 1, n: 400 }, [
      { pre: { value: 52, se: 1, n: 300 }, post: { value: 51, se: 1, n: 300 } },
      { pre: { value: 48, se: 1, n: 300 }, post: { value: 49, se: 1, n: 300 } },
    ]);
    expect(r.difference).toBeCloseTo(-5, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(1 + 1 + 4 / 4), 12);
    expect(r.noReliableEffect).toBe(false);
  });

  it('pooling by inverse variance', () => {
    const p = poolRateRatios([
      { rateRatio: 0.8, seLog: 0.1 },
      { rateRatio: 1.25, seLog: 0.1 },
    ])!;
    expect(p.rateRatio).toBeCloseTo(1, 12);
    expect(p.seLog).toBeCloseTo(0.1 / Math.sqrt(2), 12);
    expect(p.noReliableEffect).toBe(true);
    expect(poolRateRatios([])).toBeNull();
  });

  it('matching: same district type and size class, a similar trend, nearest level; criteria relaxed only when too few remain', () => {
    const c = (id: string, o: Partial<MatchCandidate>): MatchCandidate => ({
      id,
      districtType: 'landkreis',
      sizeClass: 1,
      level: 0,
      trend: 0,
      trendSe: 0.05,
      ...o,
    });
    const treated = { districtType: 'landkreis', sizeClass: 1, level: 0, trend: 0, trendSe: 0.05 };
    const pool = [
      c('far', { level: 2 }),
      c('near', { level: 0.1 }),
      c('nearer', { level: -0.05 }),
      c('steep', { level: 0, trend: 0.5 }),
      c('city', { level: 0, districtType: 'kreisfrei' }),
      c('big', { level: 0, sizeClass: 3 }),
    ];
    expect(selectComparisons(treated, pool, { count: 2, minimum: 2 })).toEqual({ ids: ['nearer', 'near'], relaxed: [] });
    const few = selectComparisons(treated, pool, { count: 10, minimum: 4 });
    expect(few.relaxed).toEqual(['sizeClass']);
    expect(few.ids).toContain('big');
    expect(few.ids).not.toContain('steep');
    expect(few.ids).not.toContain('city');
    expect(sizeClassOf(4_999)).toBe(0);
    expect(sizeClassOf(100_000)).toBe(3);
    expect(logSlope([100, 110, 121])).toBeCloseTo(Math.log(1.1), 12);
  });
});

describe('simulation with a planted effect (few runs; the bench runs 500)', () => {
  // With n runs, a rate at the 95 % level has Monte Carlo error sqrt(.05·.95/n); the checks allow two of them.
  const runs = 150;
  const tolerance = 2 * Math.sqrt((0.05 * 0.95) / runs);

  it('recovers a planted effect within its interval in at least 90 % of runs', () => {
    const s = simulate(runs, 20_190_206, { rateRatio: 0.8, surveyEffect: -5 });
    expect(s.crimeCoverage).toBeGreaterThanOrEqual(0.9);
    expect(s.surveyCoverage).toBeGreaterThanOrEqual(0.9);
    // and finds it more often than not: the method has power, not only wide intervals
    expect(s.crimeClaimed).toBeGreaterThan(0.4);
    expect(s.surveyClaimed).toBeGreaterThan(0.8);
  });

  it('claims an effect on data without one in at most 5 % of runs (within simulation error)', () => {
    const s = simulate(runs, 4_711, { rateRatio: 1, surveyEffect: 0 });
    expect(s.crimeClaimed).toBeLessThanOrEqual(0.05 + tolerance);
    expect(s.surveyClaimed).toBeLessThanOrEqual(0.05 + tolerance);
  });
});
