/*
 * Difference in differences for counts and survey indices: pure functions, no database (decision 030).
 *
 * Counts: the treated unit's counts before and after the start against the pooled counts of its
 * comparison units over the same years. The rate ratio is
 *   RR = (T_post / T_pre) / (C_post / C_pre),
 * the Poisson maximum-likelihood estimate of the interaction in a log-linear model with unit,
 * period and treatment terms collapsed to two periods (populations cancel: they are constant within
 * a unit). Its variance on the log scale is the sum of the variances of the four log sums. Under
 * Poisson a sum S has var(log S) ≈ 1/S; when the comparison units' year-to-year counts scatter more
 * than Poisson allows (Pearson χ² of the two-way model above its degrees of freedom) the variance is
 * that of a negative binomial (NB2, var = μ + a·μ²) with `a` from the moment equation
 * Σ (y − μ)² / (μ + a·μ²) = df, applied year by year to every unit; the interval then takes the
 * Student t quantile with those df, since the variance itself is estimated.
 */

/**
 * Version of the method; every answer carries it so a figure can be traced to its rules.
 * 1.1: survey index effects (`meanDid` on completed waves) beside the rate ratios.
 */
export const METHOD_VERSION = 'did-rr-1.1';

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** Fitted means of the Poisson two-way model (unit × year, multiplicative): μ_mt = r_m · c_t / N. */
export function fitTwoWay(y: readonly (readonly number[])[]): number[][] {
  const rows = y.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = y[0]?.map((_, t) => y.reduce((a, r) => a + r[t]!, 0)) ?? [];
  const total = rows.reduce((a, b) => a + b, 0);
  return y.map((r, m) => r.map((_, t) => (total > 0 ? (rows[m]! * cols[t]!) / total : 0)));
}

/** Quantile of Student's t with ν degrees of freedom (Cornish–Fisher expansion around the normal). */
export function tQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  if (!Number.isFinite(nu)) return z;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

export interface Dispersion {
  /** NB2 dispersion a (var = μ + a·μ²); 0 under Poisson. */
  a: number;
  model: 'poisson' | 'negative-binomial';
  /** Pearson χ² / df of the two-way Poisson model. */
  pearsonRatio: number;
  df: number;
}

/**
 * The dispersion of yearly counts of several units (rows) over the same years (columns), from the
 * residuals of the two-way model: Poisson unless Pearson χ² exceeds its degrees of freedom, else
 * the NB2 moment estimate of `a`.
 */
export function estimateDispersion(y: readonly (readonly number[])[]): Dispersion {
  const m = y.length;
  const t = y[0]?.length ?? 0;
  const df = (m - 1) * (t - 1);
  if (df <= 0) return { a: 0, model: 'poisson', pearsonRatio: NaN, df: Math.max(df, 0) };
  const mu = fitTwoWay(y);
  const pearsonAt = (a: number) => {
    let s = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < t; j++) {
        const u = mu[i]![j]!;
        if (u > 0) s += (y[i]![j]! - u) ** 2 / (u + a * u * u);
      }
    return s;
  };
  const pearson = pearsonAt(0);
  // Overdispersed when Pearson χ² exceeds its degrees of freedom: then a > 0 solves the moment equation.
  if (pearson <= df) return { a: 0, model: 'poisson', pearsonRatio: pearson / df, df };
  // Σ (y−μ)²/(μ + aμ²) falls in a: bisection on a for the value df.
  let lo = 0;
  let hi = 1;
  while (pearsonAt(hi) > df && hi < 1e6) hi *= 2;
  for (let k = 0; k < 50; k++) {
    const mid = (lo + hi) / 2;
    if (pearsonAt(mid) > df) lo = mid;
    else hi = mid;
  }
  return { a: (lo + hi) / 2, model: 'negative-binomial', pearsonRatio: pearson / df, df };
}

/** Variance of log(Σ y) under NB2 with dispersion a, the yearly counts plugged in for their means. */
export function varianceOfLogSum(counts: readonly number[], a: number): number {
  const s = counts.reduce((x, v) => x + v, 0);
  if (s <= 0) return Infinity;
  const v = counts.reduce((x, c) => x + c + a * c * c, 0);
  return v / (s * s);
}

export interface CountDidInput {
  /** The treated unit's counts, one per year before the start (pre) and after it (post). */
  treatedPre: readonly number[];
  treatedPost: readonly number[];
  /** Each comparison unit's counts in the same years. */
  comparisonPre: readonly (readonly number[])[];
  comparisonPost: readonly (readonly number[])[];
}

export interface CountDidResult {
  rateRatio: number;
  ciLow: number;
  ciHigh: number;
  seLog: number;
  /** The interval includes 1: no change can be told from chance ("kein belastbarer Effekt"). */
  noReliableEffect: boolean;
  dispersion: Dispersion;
  treatedPreCases: number;
  treatedPostCases: number;
  comparisonPreCases: number;
  comparisonPostCases: number;
  /** Difference of the yearly log-linear slopes before the start, treated minus comparison (parallel trends check). */
  preTrendDifference: number | null;
}

/** Slope of log counts over consecutive years (least squares), null with fewer than two years or a zero. */
export function logSlope(counts: readonly number[]): number | null {
  if (counts.length < 2 || counts.some((c) => c <= 0)) return null;
  const n = counts.length;
  const xm = (n - 1) / 2;
  const ys = counts.map((c) => Math.log(c));
  const ym = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (ys[i]! - ym);
    sxx += (i - xm) ** 2;
  }
  return sxy / sxx;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const columnSums = (rows: readonly (readonly number[])[], width: number) =>
  Array.from({ length: width }, (_, t) => rows.reduce((a, r) => a + r[t]!, 0));

/** The rate ratio of the difference in differences with its 95 % interval (see the file comment). */
export function countDid(input: CountDidInput): CountDidResult {
  const { treatedPre, treatedPost, comparisonPre, comparisonPost } = input;
  const all = comparisonPre.map((pre, i) => [...pre, ...comparisonPost[i]!]);
  const dispersion = estimateDispersion(all);
  const a = dispersion.a;
  const tPre = sum(treatedPre);
  const tPost = sum(treatedPost);
  const cPreYears = columnSums(comparisonPre, treatedPre.length);
  const cPostYears = columnSums(comparisonPost, treatedPost.length);
  const cPre = sum(cPreYears);
  const cPost = sum(cPostYears);
  const rateRatio = tPost / tPre / (cPost / cPre);
  const variance =
    varianceOfLogSum(treatedPre, a) +
    varianceOfLogSum(treatedPost, a) +
    varianceOfLogSum(comparisonPre.flat(), a) +
    varianceOfLogSum(comparisonPost.flat(), a);
  const seLog = Math.sqrt(variance);
  const q = dispersion.a > 0 ? tQuantile(0.975, dispersion.df) : Z95;
  const ciLow = Math.exp(Math.log(rateRatio) - q * seLog);
  const ciHigh = Math.exp(Math.log(rateRatio) + q * seLog);
  const ts = logSlope(treatedPre);
  const cs = logSlope(cPreYears);
  return {
    rateRatio,
    ciLow,
    ciHigh,
    seLog,
    noReliableEffect: !(ciHigh < 1 || ciLow > 1),
    dispersion,
    treatedPreCases: tPre,
    treatedPostCases: tPost,
    comparisonPreCases: cPre,
    comparisonPostCases: cPost,
    preTrendDifference: ts === null || cs === null ? null : ts - cs,
  };
}

/** One wave's estimate of an index: value with its linearised standard error and respondents. */
export interface WaveEstimate {
  value: number;
  se: number;
  n: number;
}

export interface MeanDidResult {
  difference: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  noReliableEffect: boolean;
}

/**
 * Difference in differences of a survey index: the treated municipality's change between its waves
 * before and after the start minus the mean change of the comparison municipalities; the waves are
 * independent samples, so the variances (linearised, from the surveys' analysis) add.
 */
export function meanDid(
  treatedPre: WaveEstimate,
  treatedPost: WaveEstimate,
  comparisons: { pre: WaveEstimate; post: WaveEstimate }[],
): MeanDidResult {
  const k = comparisons.length;
  const cChange = comparisons.reduce((a, c) => a + c.post.value - c.pre.value, 0) / k;
  const cVar = comparisons.reduce((a, c) => a + c.post.se ** 2 + c.pre.se ** 2, 0) / (k * k);
  const difference = treatedPost.value - treatedPre.value - cChange;
  const se = Math.sqrt(treatedPost.se ** 2 + treatedPre.se ** 2 + cVar);
  const ciLow = difference - Z95 * se;
  const ciHigh = difference + Z95 * se;
  return { difference, se, ciLow, ciHigh, noReliableEffect: !(ciHigh < 0 || ciLow > 0) };
}

/** Inverse-variance pooled rate ratio of several estimates (log scale), for a statewide summary. */
export function poolRateRatios(
  items: readonly { rateRatio: number; seLog: number }[],
): { rateRatio: number; ciLow: number; ciHigh: number; seLog: number; noReliableEffect: boolean } | null {
  const usable = items.filter((i) => Number.isFinite(i.seLog) && i.seLog > 0 && i.rateRatio > 0);
  if (!usable.length) return null;
  const w = usable.map((i) => 1 / i.seLog ** 2);
  const W = sum(w);
  const mean = usable.reduce((a, i, k) => a + w[k]! * Math.log(i.rateRatio), 0) / W;
  const seLog = Math.sqrt(1 / W);
  const ciLow = Math.exp(mean - Z95 * seLog);
  const ciHigh = Math.exp(mean + Z95 * seLog);
  return { rateRatio: Math.exp(mean), ciLow, ciHigh, seLog, noReliableEffect: !(ciHigh < 1 || ciLow > 1) };
}

/** A candidate comparison unit as the matching sees it. */
export interface MatchCandidate {
  id: string;
  districtType: string;
  sizeClass: number;
  /** log of the yearly rate per 100,000 inhabitants over the pre years */
  level: number;
  /** yearly log-linear slope over the pre years, and its standard error */
  trend: number;
  trendSe: number;
}

/** Size classes by population: < 5,000; < 20,000; < 100,000; 100,000 and more. */
export function sizeClassOf(population: number): number {
  if (population < 5_000) return 0;
  if (population < 20_000) return 1;
  if (population < 100_000) return 2;
  return 3;
}

/** Standard error of `logSlope` for yearly counts with NB2 dispersion a (var log y ≈ 1/y + a). */
export function logSlopeSe(counts: readonly number[], a: number): number {
  const n = counts.length;
  if (n < 2) return Infinity;
  const xm = (n - 1) / 2;
  let sxx = 0;
  let v = 0;
  for (let i = 0; i < n; i++) sxx += (i - xm) ** 2;
  for (let i = 0; i < n; i++) v += ((i - xm) / sxx) ** 2 * (1 / Math.max(counts[i]!, 0.5) + a);
  return Math.sqrt(v);
}

/** How many standard errors two pre-period trends may differ and still count as similar. */
export const TREND_CALIPER = 3;

export type RelaxedCriterion = 'sizeClass' | 'districtType' | 'trend';

/**
 * Picks up to `count` comparison units: the same district type and size class, a pre-period trend
 * that does not differ from the treated one beyond its noise (|Δ| ≤ 3 · SE), nearest in the
 * pre-period level. A criterion is dropped, in the order size class, trend, district type, when
 * fewer than `minimum` units remain. Ranking on the noisy trend itself would pick units that share
 * the treated unit's chance swings and regress with it, which narrows intervals falsely
 * (decision 030; in simulation a ranking on trend raised false alarms from 5 % to 7 %, a 1.96 · SE
 * bound to 5.6 %); the trend therefore only bounds the pool, widely.
 */
export function selectComparisons(
  treated: Omit<MatchCandidate, 'id'>,
  candidates: readonly MatchCandidate[],
  opts: { count: number; minimum: number },
): { ids: string[]; relaxed: RelaxedCriterion[] } {
  const relaxed: RelaxedCriterion[] = [];
  const trendOk = (c: MatchCandidate) => Math.abs(c.trend - treated.trend) <= TREND_CALIPER * Math.hypot(c.trendSe, treated.trendSe);
  const sameType = (c: MatchCandidate) => c.districtType === treated.districtType;
  let pool = candidates.filter((c) => sameType(c) && c.sizeClass === treated.sizeClass && trendOk(c));
  if (pool.length < opts.minimum) {
    relaxed.push('sizeClass');
    pool = candidates.filter((c) => sameType(c) && trendOk(c));
  }
  if (pool.length < opts.minimum) {
    relaxed.push('trend');
    pool = candidates.filter(sameType);
  }
  if (pool.length < opts.minimum) {
    relaxed.push('districtType');
    pool = [...candidates];
  }
  const ranked = pool
    .map((c) => ({ id: c.id, d: Math.abs(c.level - treated.level) }))
    .sort((x, y) => x.d - y.d || x.id.localeCompare(y.id));
  return { ids: ranked.slice(0, opts.count).map((r) => r.id), relaxed };
}
