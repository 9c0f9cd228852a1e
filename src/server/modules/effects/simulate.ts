import { countDid, estimateDispersion, logSlope, logSlopeSe, meanDid, selectComparisons, sizeClassOf, type MatchCandidate } from './did.ts';

/*
 * Simulation of demo-like data with a planted effect, for the recovery and false-alarm checks of
 * the tests and the bench (decision 030). Municipalities of Saxon sizes with crime counts around
 * the demo's levels (yearly rate per 100,000 with a common year effect and negative-binomial
 * scatter), one treated municipality whose counts after the start are multiplied by the planted
 * rate ratio, and survey waves of a score index before and after with the planted difference.
 * The comparison units go through the same matching as the real service.
 */

/** A seeded generator (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Gamma(shape, 1) by Marsaglia–Tsang. */
function gamma(rnd: () => number, shape: number): number {
  if (shape < 1) return gamma(rnd, shape + 1) * Math.pow(rnd(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rnd);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rnd();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(rnd: () => number, mean: number): number {
  if (mean < 30) {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= rnd();
    } while (p > l);
    return k - 1;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rnd)));
}

/** A negative-binomial count with mean μ and dispersion a (var = μ + aμ²). */
export function negativeBinomial(rnd: () => number, mu: number, a: number): number {
  return poisson(rnd, a > 0 ? mu * gamma(rnd, 1 / a) * a : mu);
}

export interface SimulationOptions {
  /** The planted rate ratio on crime counts (1: none). */
  rateRatio: number;
  /** The planted change of the survey score (0: none). */
  surveyEffect: number;
  municipalities?: number;
  preYears?: number;
  postYears?: number;
  dispersion?: number;
}

export interface SimulationRun {
  crime: { rateRatio: number; ciLow: number; ciHigh: number; noReliableEffect: boolean; comparisons: number };
  survey: { difference: number; ciLow: number; ciHigh: number; noReliableEffect: boolean };
}

/** One simulated data set and the estimates of the engine's pure functions on it. */
export function simulateRun(seed: number, o: SimulationOptions): SimulationRun {
  const rnd = seededRandom(seed);
  const n = o.municipalities ?? 40;
  const pre = o.preYears ?? 3;
  const post = o.postYears ?? 3;
  const a = o.dispersion ?? 0.01;
  const years = pre + 1 + post; // the start year itself is a transition year, left out
  const yearEffect = Array.from({ length: years }, () => 0.93 + rnd() * 0.12);
  for (let t = 1; t < years; t++) yearEffect[t] = yearEffect[t - 1]! * yearEffect[t]!;
  const units = Array.from({ length: n }, () => {
    const population = Math.round(Math.exp(Math.log(6_000) + rnd() * Math.log(60_000 / 6_000)));
    const rate = 700 + rnd() * 800; // per 100,000, like the demo's street crime
    return { population, rate };
  });
  const counts = units.map((u, i) =>
    yearEffect.map((ye, t) => negativeBinomial(rnd, (u.population * u.rate * ye * (i === 0 && t > pre ? o.rateRatio : 1)) / 100_000, a)),
  );
  const preOf = (c: number[]) => c.slice(0, pre);
  const postOf = (c: number[]) => c.slice(pre + 1);
  const preDispersion = estimateDispersion(counts.slice(1).map(preOf)).a;
  const describe = (i: number): Omit<MatchCandidate, 'id'> => {
    const p = preOf(counts[i]!);
    const mean = p.reduce((x, y) => x + y, 0) / p.length;
    return {
      districtType: 'landkreis',
      sizeClass: sizeClassOf(units[i]!.population),
      level: Math.log(Math.max(mean, 0.5) / units[i]!.population),
      trend: logSlope(p) ?? 0,
      trendSe: logSlopeSe(p, preDispersion),
    };
  };
  const candidates = units.slice(1).map((_, k) => ({ id: String(k + 1), ...describe(k + 1) }));
  const chosen = selectComparisons(describe(0), candidates, { count: 10, minimum: 3 }).ids.map(Number);
  const did = countDid({
    treatedPre: preOf(counts[0]!),
    treatedPost: postOf(counts[0]!),
    comparisonPre: chosen.map((i) => preOf(counts[i]!)),
    comparisonPost: chosen.map((i) => postOf(counts[i]!)),
  });

  // Survey: a score 0–100 around 55, each wave with n respondents and sd 20; a common shift between waves.
  const wave = (mean: number) => {
    const respondents = 250 + Math.floor(rnd() * 400);
    const se = 20 / Math.sqrt(respondents);
    return { value: mean + se * normal(rnd), se, n: respondents };
  };
  const shift = normal(rnd) * 2;
  const level = () => 50 + rnd() * 10;
  const t0 = level();
  const comps = Array.from({ length: 8 }, () => {
    const l = level();
    return { pre: wave(l), post: wave(l + shift) };
  });
  const md = meanDid(wave(t0), wave(t0 + shift + o.surveyEffect), comps);
  return {
    crime: {
      rateRatio: did.rateRatio,
      ciLow: did.ciLow,
      ciHigh: did.ciHigh,
      noReliableEffect: did.noReliableEffect,
      comparisons: chosen.length,
    },
    survey: { difference: md.difference, ciLow: md.ciLow, ciHigh: md.ciHigh, noReliableEffect: md.noReliableEffect },
  };
}

export interface SimulationSummary {
  runs: number;
  /** Share of runs whose interval covers the planted crime effect / survey effect. */
  crimeCoverage: number;
  surveyCoverage: number;
  /** Share of runs that claim an effect (interval excludes no change). */
  crimeClaimed: number;
  surveyClaimed: number;
}

/** Runs the simulation `runs` times from `seed` and counts coverage and claimed effects. */
export function simulate(runs: number, seed: number, o: SimulationOptions): SimulationSummary {
  let cc = 0;
  let sc = 0;
  let ccl = 0;
  let scl = 0;
  for (let r = 0; r < runs; r++) {
    const x = simulateRun(seed + r * 7919, o);
    if (x.crime.ciLow <= o.rateRatio && o.rateRatio <= x.crime.ciHigh) cc++;
    if (x.survey.ciLow <= o.surveyEffect && o.surveyEffect <= x.survey.ciHigh) sc++;
    if (!x.crime.noReliableEffect) ccl++;
    if (!x.survey.noReliableEffect) scl++;
  }
  return { runs, crimeCoverage: cc / runs, surveyCoverage: sc / runs, crimeClaimed: ccl / runs, surveyClaimed: scl / runs };
}
