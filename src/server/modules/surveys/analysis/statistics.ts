/*
 * Interval estimates for survey shares and means (pure functions, no database).
 *
 * - Unweighted shares: the Wilson score interval (good coverage also for small n and shares near
 *   0 or 1, never outside [0, 1]).
 * - Weighted shares: the same Wilson formula with the Kish effective sample size
 *   n_eff = (Σw)² / Σw² in place of n (decision 011): it widens the interval by the design effect
 *   of the weighting, and it reduces to the unweighted interval when all weights are equal.
 * - Differences of two independent shares (an earlier wave, the statewide result): Newcombe's
 *   hybrid score interval (method 10), built from the two Wilson intervals.
 * - Means (indices): mean ± z·s/√n_eff with the weighted standard deviation.
 */

/** The 97.5 % quantile of the standard normal distribution (two-sided 95 %). */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for a share p observed in n (n may be fractional: an effective size). */
export function wilson(p: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { low: Number.NaN, high: Number.NaN };
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Kish's effective sample size of a set of weights, from their sum and sum of squares. */
export function kishEffectiveSize(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

/** Newcombe's hybrid score interval for p1 − p2 (independent samples), from both Wilson intervals. */
export function newcombeDifference(p1: number, n1: number, p2: number, n2: number, z = Z95): Interval & { difference: number } {
  const a = wilson(p1, n1, z);
  const b = wilson(p2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Normal interval of a (weighted) mean from Σw, Σw², Σw·x and Σw·x². */
export function meanInterval(
  sumW: number,
  sumW2: number,
  sumWx: number,
  sumWx2: number,
  z = Z95,
): Interval & { mean: number; sd: number; nEffective: number } {
  const mean = sumW > 0 ? sumWx / sumW : Number.NaN;
  const nEff = kishEffectiveSize(sumW, sumW2);
  const variance = sumW > 0 ? Math.max(0, sumWx2 / sumW - mean * mean) : Number.NaN;
  // Bessel-type correction on the effective size, so equal weights give the usual sample variance.
  const sd = nEff > 1 ? Math.sqrt(variance * (nEff / (nEff - 1))) : Number.NaN;
  const half = nEff > 1 ? (z * sd) / Math.sqrt(nEff) : Number.NaN;
  return { mean, sd, nEffective: nEff, low: mean - half, high: mean + half };
}

/** Normal interval of the difference of two independent means. */
export function meanDifference(m1: number, se1: number, m2: number, se2: number, z = Z95): Interval & { difference: number } {
  const d = m1 - m2;
  const half = z * Math.sqrt(se1 * se1 + se2 * se2);
  return { difference: d, low: d - half, high: d + half };
}
