/*
 * Raking (iterative proportional fitting) of respondent weights to population margins.
 * Pure and array-based: a margin is an Int32Array of cell indices per respondent and a
 * Float64Array of population counts per cell.
 *
 * Rules (decision 011):
 * - Each margin is fitted to population *shares* among the respondents whose cell on that margin
 *   is known: target_c = p_c · Σ_{known} w. The total weight never changes (Σw stays n with unit
 *   base weights), so weights keep the mean 1.
 * - A respondent without a value for a margin (not answered, or a value the population statistics
 *   do not have – e.g. sex "divers" – or a cell with population 0) is "unmatched" on that margin:
 *   its weight is left alone by that margin's step and it still takes part in the other margins.
 * - An empty cell (population > 0 but no respondent) cannot be reached: it is left out, the
 *   population shares are renormalised over the remaining cells, and the report names it.
 * - One sweep adjusts every margin in the given order; after each sweep the largest relative
 *   deviation |weighted share − population share| / population share over all cells is measured;
 *   below `tolerance` the weights have converged. Otherwise sweeps continue up to `maxIterations`,
 *   and the report says `converged: false`.
 */

export interface RakingMargin {
  name: string;
  /** The cell of each respondent on this margin, or −1 when unknown. */
  cells: Int32Array;
  /** Population per cell. */
  population: Float64Array;
}

export interface RakingOptions {
  tolerance?: number;
  maxIterations?: number;
  /** Design weights to start from (default 1 each). */
  baseWeights?: Float64Array;
  /**
   * Trimming: after every sweep each weight is clipped to [lower, upper] and raking goes on, so
   * the final weights meet both the bounds and the margins (when they can: otherwise the report
   * says `converged: false`). Bounds are in units of the mean weight 1.
   */
  trim?: { lower?: number; upper?: number };
}

/** Weighting classes: respondents with the same cells on every fitted margin (and the same weight). */
export interface RakingClasses {
  classOf: Int32Array;
  size: Float64Array;
  weight: Float64Array;
  /** Per fitted margin: the class's cell (−1 unknown) and the margin's number of cells. */
  margins: Array<{ name: string; cells: Int32Array; count: number }>;
}

export type RakingCellStatus = 'ok' | 'empty' | 'no_population';

export interface RakingCellReport {
  cell: number;
  population: number;
  /** Respondents in the cell (unweighted). */
  respondents: number;
  /** The population share the cell is fitted to (0 for an empty cell). */
  targetShare: number;
  /** Share before weighting, among respondents known on this margin. */
  unweightedShare: number;
  /** Share after weighting, among respondents known on this margin. */
  weightedShare: number;
  status: RakingCellStatus;
}

export interface RakingMarginReport {
  name: string;
  /** Respondents without a usable cell on this margin (unknown, or a cell without population). */
  unmatched: number;
  cells: RakingCellReport[];
}

export interface RakingReport {
  iterations: number;
  converged: boolean;
  maxRelativeDeviation: number;
  tolerance: number;
  maxIterations: number;
  margins: RakingMarginReport[];
  /** Smallest and largest weight, Kish effective sample size and design effect n / n_eff. */
  minWeight: number;
  maxWeight: number;
  effectiveSize: number;
  designEffect: number;
  /** Coefficient of variation of the weights (population form); 1 + cv² is the design effect of weighting. */
  cv: number;
  /** Respondents whose weight sits at a trimming bound. */
  trimmed: number;
}

export const RAKING_DEFAULTS = { tolerance: 1e-10, maxIterations: 1000 } as const;

interface PreparedMargin {
  name: string;
  /** Per respondent: active cell index, or −1 (unknown, or no population, or cell out of range). */
  cells: Int32Array;
  population: Float64Array;
  respondents: Float64Array;
  /** Target shares over active cells (0 elsewhere). */
  shares: Float64Array;
  active: Uint8Array;
  unmatched: number;
}

function prepare(n: number, m: RakingMargin): PreparedMargin {
  const k = m.population.length;
  const respondents = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    const c = m.cells[i]!;
    if (c >= 0 && c < k) respondents[c]! += 1;
  }
  const active = new Uint8Array(k);
  let total = 0;
  for (let c = 0; c < k; c += 1) {
    const pop = m.population[c]!;
    if (pop > 0 && respondents[c]! > 0) {
      active[c] = 1;
      total += pop;
    }
  }
  const shares = new Float64Array(k);
  for (let c = 0; c < k; c += 1) if (active[c]) shares[c] = m.population[c]! / total;
  const cells = new Int32Array(n);
  let unmatched = 0;
  for (let i = 0; i < n; i += 1) {
    const c = m.cells[i]!;
    if (c >= 0 && c < k && active[c]) cells[i] = c;
    else {
      cells[i] = -1;
      unmatched += 1;
    }
  }
  return { name: m.name, cells, population: m.population, respondents, shares, active, unmatched };
}

/**
 * Rakes weights for n respondents to the margins; returns the weights and the convergence report.
 *
 * Respondents with the same cells on every margin always receive the same factors, so the
 * fitting runs on those classes (at most the product of the margins' sizes, a few hundred) with
 * each class's total weight, and every respondent's weight is its base weight times its class's
 * factor at the end: the same result as adjusting each respondent, in O(n) plus O(iterations × classes).
 */
export function rake(
  n: number,
  margins: readonly RakingMargin[],
  options: RakingOptions = {},
): { weights: Float64Array; report: RakingReport; classes: RakingClasses | null } {
  const tolerance = options.tolerance ?? RAKING_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? RAKING_DEFAULTS.maxIterations;
  const base = options.baseWeights ?? new Float64Array(n).fill(1);
  const prepared = margins.map((m) => prepare(n, m));
  const fitted = prepared.filter((pm) => pm.active.some((a) => a === 1));

  // Classes: the combination of (active cell or unknown) over the fitted margins.
  const classOf = new Int32Array(n);
  const ids = new Map<number, number>();
  const classCells: number[][] = [];
  const classBase: number[] = [];
  const classCount: number[] = [];
  // Keys index a dense table when the combinations are few (the usual case), else a Map.
  const keySpace = fitted.reduce((p, pm) => p * (pm.population.length + 1), 1);
  const dense = keySpace <= 1 << 20 ? new Int32Array(keySpace).fill(-1) : null;
  const fittedCells = fitted.map((pm) => pm.cells);
  const radix = Int32Array.from(fitted, (pm) => pm.population.length + 1);
  for (let i = 0; i < n; i += 1) {
    let key = 0;
    for (let m = 0; m < fittedCells.length; m += 1) key = key * radix[m]! + (fittedCells[m]![i]! + 1);
    let id = dense ? dense[key]! : (ids.get(key) ?? -1);
    if (id < 0) {
      id = classBase.length;
      if (dense) dense[key] = id;
      else ids.set(key, id);
      classCells.push(fitted.map((pm) => pm.cells[i]!));
      classBase.push(0);
      classCount.push(0);
    }
    classOf[i] = id;
    classBase[id]! += base[i]!;
    classCount[id]! += 1;
  }
  const C = classBase.length;
  const cw = Float64Array.from(classBase);
  const largest = Math.max(1, ...prepared.map((pm) => pm.population.length));
  const totals = new Float64Array(largest);
  const factors = new Float64Array(largest);
  const marginTotals = (m: number, w: ArrayLike<number>, into: Float64Array): number => {
    into.fill(0);
    let known = 0;
    for (let c = 0; c < C; c += 1) {
      const cell = classCells[c]![m]!;
      if (cell >= 0) {
        into[cell]! += w[c]!;
        known += w[c]!;
      }
    }
    return known;
  };
  const deviationOf = (m: number): number => {
    const pm = fitted[m]!;
    const known = marginTotals(m, cw, totals);
    let max = 0;
    if (known <= 0) return 0;
    for (let c = 0; c < pm.shares.length; c += 1) {
      if (!pm.active[c]) continue;
      const d = Math.abs(totals[c]! / known - pm.shares[c]!) / pm.shares[c]!;
      if (d > max) max = d;
    }
    return max;
  };

  const lower = options.trim?.lower ?? 0;
  const upper = options.trim?.upper ?? Number.POSITIVE_INFINITY;
  const clip = () => {
    for (let c = 0; c < C; c += 1) {
      const b = classBase[c]!;
      if (!(b > 0)) continue;
      const f = cw[c]! / b;
      if (f > upper) cw[c] = upper * b;
      else if (f < lower) cw[c] = lower * b;
    }
  };
  let iterations = 0;
  let maxDev = fitted.length === 0 ? 0 : Number.POSITIVE_INFINITY;
  while (maxDev > tolerance && iterations < maxIterations) {
    iterations += 1;
    fitted.forEach((pm, m) => {
      const known = marginTotals(m, cw, totals);
      for (let c = 0; c < pm.shares.length; c += 1) factors[c] = pm.active[c] && totals[c]! > 0 ? (pm.shares[c]! * known) / totals[c]! : 1;
      for (let c = 0; c < C; c += 1) {
        const cell = classCells[c]![m]!;
        if (cell >= 0) cw[c] = cw[c]! * factors[cell]!;
      }
    });
    if (options.trim) clip();
    maxDev = 0;
    for (let m = 0; m < fitted.length; m += 1) maxDev = Math.max(maxDev, deviationOf(m));
  }

  const w = new Float64Array(n);
  const factorOf = Float64Array.from(classBase, (b, c) => (b > 0 ? cw[c]! / b : 1));
  let minWeight = Number.POSITIVE_INFINITY;
  let maxWeight = 0;
  let sumW = 0;
  let sumW2 = 0;
  let trimmed = 0;
  const atBound = (x: number) => Math.abs(x - upper) <= 1e-9 * upper || Math.abs(x - lower) <= 1e-9 * Math.max(lower, 1e-300);
  for (let i = 0; i < n; i += 1) {
    const x = base[i]! * factorOf[classOf[i]!]!;
    w[i] = x;
    if (options.trim && atBound(x)) trimmed += 1;
    if (x < minWeight) minWeight = x;
    if (x > maxWeight) maxWeight = x;
    sumW += x;
    sumW2 += x * x;
  }
  const effectiveSize = sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
  const report: RakingReport = {
    iterations,
    converged: maxDev <= tolerance,
    maxRelativeDeviation: maxDev,
    tolerance,
    maxIterations,
    margins: prepared.map((pm) => {
      const m = fitted.indexOf(pm);
      const after = new Float64Array(pm.population.length);
      const before = new Float64Array(pm.population.length);
      const known = m >= 0 ? marginTotals(m, cw, after) : 0;
      const knownCount = m >= 0 ? marginTotals(m, classCount, before) : 0;
      return {
        name: pm.name,
        unmatched: pm.unmatched,
        cells: Array.from(pm.population, (population, c) => ({
          cell: c,
          population,
          respondents: pm.respondents[c]!,
          targetShare: pm.shares[c]!,
          unweightedShare: pm.active[c] && knownCount > 0 ? before[c]! / knownCount : 0,
          weightedShare: pm.active[c] && known > 0 ? after[c]! / known : 0,
          status: pm.active[c] ? 'ok' : population > 0 ? 'empty' : 'no_population',
        })),
      };
    }),
    minWeight: n > 0 ? minWeight : 0,
    maxWeight,
    effectiveSize,
    designEffect: effectiveSize > 0 ? n / effectiveSize : 0,
    cv: n > 0 && sumW > 0 ? Math.sqrt(Math.max(0, (n * sumW2) / (sumW * sumW) - 1)) : 0,
    trimmed,
  };
  const classes: RakingClasses | null = options.baseWeights
    ? null
    : {
        classOf,
        size: Float64Array.from(classCount),
        weight: factorOf,
        margins: fitted.map((pm, m) => ({
          name: pm.name,
          cells: Int32Array.from(classCells, (cells) => cells[m]!),
          count: pm.population.length,
        })),
      };
  return { weights: w, report, classes };
}
