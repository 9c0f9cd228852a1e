/*
 * Linearised (Taylor) variances of estimators from a raked sample, as R's `survey` package
 * computes them for `rake()` + `svymean()` (decision 024).
 *
 * An estimator (a share, a mean, a difference) has influence values z_i = w_i · u_i, where for a
 * (domain) mean u_i = (y_i − ȳ) / Σ_D w for respondents in the domain D and 0 outside. Raking
 * fixes the weighted margins, so the part of z that the margins explain carries no sampling
 * variance: as `svyrecvar` does for a "raking" post-stratification, z is projected ten times onto
 * every margin's cells in turn – z_i ← z_i − w_i · mean_{j in i's cell}(z_j / w_j) – and the
 * variance is that of the residuals e as a with-replacement sample of n:
 *   V = n / (n − 1) · Σ_i (e_i − ē)².
 *
 * Respondents with the same cells on every margin have the same weight (the raking works on these
 * classes, raking.ts), so everything runs on per-class sums: U_k = Σ_{i∈k} u_i and Q_k = Σ_{i∈k} u_i²
 * determine the projection (e_i = w_k (u_i − A_k), A_k a per-class constant) and
 *   Σ e_i = Σ_k w_k (U_k − n_k A_k),  Σ e_i² = Σ_k w_k² (Q_k − 2 A_k U_k + n_k A_k²).
 * A million respondents cost one counting pass; the projection costs classes × margins × 10.
 *
 * Unweighted results use the same formula without projection: the simple-random-sample variance
 * of a domain mean exactly as `svymean` on `subset(svydesign(ids = ~1, weights = ~1), answered)`
 * gives it – n/(n − 1) over all n respondents, the non-answering contributing 0. For a share
 * p of m answers that is p(1 − p)/(m − 1) times (n/(n − 1))/(m/(m − 1)), a factor within 1e-4 of 1.
 *
 * A respondent unknown on a margin (unmatched: not answered, or "divers") is left out of that
 * margin's projection, just as the raking leaves its weight alone on that margin.
 */

/** The number of projection sweeps, fixed at ten as in R `survey`'s svyrecvar for raking. */
export const PROJECTION_SWEEPS = 10;

/** The sampling design as the linearisation needs it: weighting classes and their margin cells. */
export interface LinearisationDesign {
  /** Respondents in the sample. */
  n: number;
  /** Class of each respondent (respondents of a class share their weight and margin cells). */
  classOf: Int32Array;
  /** Respondents per class. */
  size: Float64Array;
  /** The common weight of each class. */
  weight: Float64Array;
  /** Per margin: the cell of each class (−1 = unknown on this margin), and the number of cells. */
  margins: Array<{ cells: Int32Array; count: number }>;
  /** false: unweighted – no projection, the variances of a simple random sample. */
  calibrated: boolean;
}

/** The design of unweighted results: one class of weight 1, no margins. */
export function unweightedDesign(n: number): LinearisationDesign {
  return {
    n,
    classOf: new Int32Array(n),
    size: Float64Array.of(n),
    weight: Float64Array.of(1),
    margins: [],
    calibrated: false,
  };
}

/** Class count of a design. */
export const classCount = (d: LinearisationDesign) => d.size.length;

/**
 * Σ e_i and Σ e_i² of the influence values given by the per-class sums U, Q after projecting
 * them onto the margins (ten sweeps, as svyrecvar does for raking).
 */
function projectedSums(d: LinearisationDesign, U: ArrayLike<number>, Q: ArrayLike<number>): { sum: number; sumSq: number } {
  const K = d.size.length;
  const A = new Float64Array(K);
  if (d.calibrated && d.margins.length > 0) {
    const largest = Math.max(...d.margins.map((m) => m.count));
    const T = new Float64Array(largest);
    const N = new Float64Array(largest);
    for (let sweep = 0; sweep < PROJECTION_SWEEPS; sweep += 1) {
      for (const m of d.margins) {
        T.fill(0);
        N.fill(0);
        for (let k = 0; k < K; k += 1) {
          const c = m.cells[k]!;
          if (c < 0) continue;
          T[c]! += U[k]! - d.size[k]! * A[k]!;
          N[c]! += d.size[k]!;
        }
        for (let k = 0; k < K; k += 1) {
          const c = m.cells[k]!;
          if (c >= 0 && N[c]! > 0) A[k]! += T[c]! / N[c]!;
        }
      }
    }
  }
  let sum = 0;
  let sumSq = 0;
  for (let k = 0; k < K; k += 1) {
    const w = d.weight[k]!;
    const a = A[k]!;
    sum += w * (U[k]! - d.size[k]! * a);
    sumSq += w * w * (Q[k]! - 2 * a * U[k]! + d.size[k]! * a * a);
  }
  return { sum, sumSq };
}

/**
 * The linearised variance of a linear statistic whose influence values have the per-class sums
 * U_k = Σ u_i and Q_k = Σ u_i² (z_i = w_i u_i), over all n respondents of the sample.
 */
export function linearisedVariance(d: LinearisationDesign, U: ArrayLike<number>, Q: ArrayLike<number>): number {
  const { sum, sumSq } = projectedSums(d, U, Q);
  const m = d.n;
  if (m < 2) return Number.NaN;
  return (m / (m - 1)) * Math.max(0, sumSq - (sum * sum) / m);
}

/** Per-class sufficient statistics of a variable y over a domain: n_D, Σy, Σy² per class. */
export interface ClassSums {
  n: Float64Array;
  sy: Float64Array;
  syy: Float64Array;
}

export const emptyClassSums = (classes: number): ClassSums => ({
  n: new Float64Array(classes),
  sy: new Float64Array(classes),
  syy: new Float64Array(classes),
});

/** One sample's part of an estimate: its design and the sums of y per class. */
export interface EstimatePart {
  design: LinearisationDesign;
  sums: ClassSums;
}

export interface LinearisedEstimate {
  /** The (weighted) mean of y over the domain. */
  value: number;
  /** Its linearised standard error. */
  se: number;
  /** Respondents in the domain. */
  n: number;
  /** Σ w over the domain. */
  sumW: number;
  /** Σ w² over the domain (for Kish's effective sample size). */
  sumW2: number;
  /** The variance a simple random sample of the same size would give (s²_w / n, with n/(n−1)). */
  srsVariance: number;
}

/**
 * The weighted mean of y over the domain and its linearised SE, pooling independent samples
 * (each with its own raking) as strata: the influence values are those of the pooled ratio and
 * the variances of the parts add up.
 */
export function linearisedMean(parts: readonly EstimatePart[]): LinearisedEstimate {
  let sumW = 0;
  let sumW2 = 0;
  let sumWy = 0;
  let sumWyy = 0;
  let n = 0;
  for (const { design: d, sums } of parts) {
    for (let k = 0; k < d.size.length; k += 1) {
      const w = d.weight[k]!;
      sumW += w * sums.n[k]!;
      sumW2 += w * w * sums.n[k]!;
      sumWy += w * sums.sy[k]!;
      sumWyy += w * sums.syy[k]!;
      n += sums.n[k]!;
    }
  }
  if (!(sumW > 0)) return { value: Number.NaN, se: Number.NaN, n, sumW, sumW2, srsVariance: Number.NaN };
  const mean = sumWy / sumW;
  let variance = 0;
  for (const { design: d, sums } of parts) {
    const K = d.size.length;
    const U = new Float64Array(K);
    const Q = new Float64Array(K);
    for (let k = 0; k < K; k += 1) {
      U[k] = (sums.sy[k]! - mean * sums.n[k]!) / sumW;
      Q[k] = (sums.syy[k]! - 2 * mean * sums.sy[k]! + mean * mean * sums.n[k]!) / (sumW * sumW);
    }
    const v = linearisedVariance(d, U, Q);
    if (Number.isFinite(v)) variance += v;
  }
  // SRS variance as svymean(deff = "replace"): the weighted population variance with n/(n−1), over n.
  const s2 = n > 1 ? (Math.max(0, sumWyy / sumW - mean * mean) * n) / (n - 1) : Number.NaN;
  return { value: mean, se: Math.sqrt(variance), n, sumW, sumW2, srsVariance: s2 / n };
}

/**
 * The difference of two domain means of the same sample (e.g. two groups of a crosstab) with
 * its linearised SE; the covariance the shared raking induces is taken into account.
 */
export function linearisedDifference(d: LinearisationDesign, a: ClassSums, b: ClassSums): { value: number; se: number } {
  const K = d.size.length;
  const moments = (s: ClassSums) => {
    let sw = 0;
    let swy = 0;
    for (let k = 0; k < K; k += 1) {
      sw += d.weight[k]! * s.n[k]!;
      swy += d.weight[k]! * s.sy[k]!;
    }
    return { sw, mean: swy / sw };
  };
  const ma = moments(a);
  const mb = moments(b);
  const U = new Float64Array(K);
  const Q = new Float64Array(K);
  for (let k = 0; k < K; k += 1) {
    // The domains are disjoint, so Σu² has no cross term.
    U[k] = (a.sy[k]! - ma.mean * a.n[k]!) / ma.sw - (b.sy[k]! - mb.mean * b.n[k]!) / mb.sw;
    Q[k] =
      (a.syy[k]! - 2 * ma.mean * a.sy[k]! + ma.mean * ma.mean * a.n[k]!) / (ma.sw * ma.sw) +
      (b.syy[k]! - 2 * mb.mean * b.sy[k]! + mb.mean * mb.mean * b.n[k]!) / (mb.sw * mb.sw);
  }
  return { value: ma.mean - mb.mean, se: Math.sqrt(linearisedVariance(d, U, Q)) };
}
