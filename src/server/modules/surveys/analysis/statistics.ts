/*
 * Interval estimates for survey shares and means (pure functions, no database).
 *
 * The results use `logitInterval` with a linearised standard error (decision 024, as R's
 * `svyciprop(method = "logit")`, with Student's t quantile from `studentQuantile`) and normal
 * intervals for means. The earlier intervals of decision 011 stay for comparison (the coverage
 * bench uses them as its baseline):
 * - the Wilson score interval, with Kish's effective sample size n_eff = (Σw)² / Σw² for weights;
 * - Newcombe's hybrid score interval (method 10) for a difference of two independent shares;
 * - mean ± z·s/√n_eff with the weighted standard deviation.
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

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i += 1) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularised incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom (df = ∞: the normal distribution). */
export function studentCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Φ(x) of the standard normal distribution (via the complementary error function, W. J. Cody's rational fits). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc with Chebyshev fit (relative error < 1.2e-7) refined below is not enough
  // for 1e-9 work, so use the continued fraction / series pair through the incomplete gamma Q(1/2, x²).
  const ax = Math.abs(x);
  const q = ax < 1e-300 ? 1 : upperGammaHalf(ax * ax);
  return x >= 0 ? q : 2 - q;
}

/** Q(1/2, z) = erfc(√z), by series for small z and continued fraction otherwise. */
function upperGammaHalf(z: number): number {
  const a = 0.5;
  const gln = logGamma(a);
  if (z < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 1; n < 10_000; n += 1) {
      ap += 1;
      del *= z / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(-z + a * Math.log(z) - gln);
  }
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-z + a * Math.log(z) - gln) * h;
}

/** The p-quantile of Student's t with df degrees of freedom (Newton on the CDF from the normal quantile). */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentQuantile(1 - p, df);
  // Start: the normal quantile by bisection-refined Newton, then Cornish–Fisher towards t.
  let x = p === 0.975 ? Z95 : normalQuantileApprox(p);
  if (Number.isFinite(df)) {
    const g1 = (x ** 3 + x) / 4;
    const g2 = (5 * x ** 5 + 16 * x ** 3 + 3 * x) / 96;
    x = x + g1 / df + g2 / (df * df);
  }
  for (let i = 0; i < 100; i += 1) {
    const f = studentCdf(x, df) - p;
    const dens = Number.isFinite(df)
      ? Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((x * x) / df))
      : Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const step = f / dens;
    x -= step;
    if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** Acklam's rational approximation of the normal quantile (relative error < 1.2e-9), a starting point. */
function normalQuantileApprox(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = p < 0.5 ? p : 1 - p;
  let x: number;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    x =
      (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
      ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  } else {
    const r = q - 0.5;
    const s = r * r;
    x =
      ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) /
      (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
    return p < 0.5 ? x : -x;
  }
  return p < 0.5 ? x : -x;
}

/**
 * The logit interval of a share from its (linearised) standard error, as R's
 * `svyciprop(method = "logit")`: logit(p) ± t_{df, 0.975} · se / (p (1 − p)), transformed back.
 * Undefined (null) for p = 0 or 1 or a zero standard error.
 */
export function logitInterval(p: number, se: number, df: number, level = 0.95): Interval | null {
  if (!(p > 0 && p < 1) || !(se > 0) || !(df > 0)) return null;
  const q = studentQuantile(1 - (1 - level) / 2, df);
  const eta = Math.log(p / (1 - p));
  const half = (q * se) / (p * (1 - p));
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  return { low: expit(eta - half), high: expit(eta + half) };
}
