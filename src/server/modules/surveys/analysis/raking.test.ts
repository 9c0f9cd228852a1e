import { describe, expect, it } from 'vitest';
import { rake } from './raking.ts';

const margin = (name: string, cells: number[], population: number[]) => ({
  name,
  cells: Int32Array.from(cells),
  population: Float64Array.from(population),
});
const close = (actual: ArrayLike<number>, expected: number[], digits = 9) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));
};

/*
 * Example A, computed by hand. Four respondents; margin 1 (age × sex, collapsed to two cells here)
 * Y = cell 0, O = cell 1 with population Y 600, O 400; margin 2 (area) A = 0, B = 1 with 500/500.
 *   r1: Y, A    r2: Y, B    r3: O, A    r4: O, A
 *
 * Sweep 1, margin 1: known total K = 4; targets Y = 0.6·4 = 2.4, O = 1.6; current Y = 2, O = 2
 *   → factors 1.2 and 0.8 → w = (1.2, 1.2, 0.8, 0.8).
 * Sweep 1, margin 2: targets A = B = 2; current A = 1.2 + 0.8 + 0.8 = 2.8, B = 1.2
 *   → factors 2/2.8 = 5/7 and 2/1.2 = 5/3 → w = (6/7, 2, 4/7, 4/7).
 * Sweep 2, margin 1: current Y = 6/7 + 2 = 20/7, O = 8/7 → factors 2.4·7/20 = 0.84, 1.6·7/8 = 1.4
 *   → w = (0.72, 1.68, 0.8, 0.8).
 * Sweep 2, margin 2: current A = 0.72 + 1.6 = 2.32, B = 1.68 → factors 2/2.32, 2/1.68
 *   → w = (0.62068966, 2, 0.68965517, 0.68965517).
 * Limit: w_i = a(cell)·b(area): a_Y(b_A + b_B) = 2.4, 2·a_O·b_A = 1.6, a_Y·b_A + 2·a_O·b_A = 2,
 *   a_Y·b_B = 2 → a_Y·b_A = 0.4 → w = (0.4, 2, 0.8, 0.8) (check: Y 2.4, O 1.6, A 2, B 2).
 */
describe('raking, example A (two margins, by hand)', () => {
  const margins = [margin('age_sex', [0, 0, 1, 1], [600, 400]), margin('area', [0, 1, 0, 0], [500, 500])];

  it('gives the hand-computed weights after one sweep', () => {
    const { weights, report } = rake(4, margins, { maxIterations: 1 });
    close(weights, [6 / 7, 2, 4 / 7, 4 / 7]);
    expect(report.iterations).toBe(1);
    expect(report.converged).toBe(false);
    // After sweep 1 margin 1 is off: Y = (6/7 + 2)/4 = 5/7 against 0.6 → (5/7 − 0.6)/0.6 = 0.190476…;
    // O = (8/7)/4 = 2/7 against 0.4 → (0.4 − 2/7)/0.4 = 0.285714… (the largest; margin 2 fits exactly).
    expect(report.maxRelativeDeviation).toBeCloseTo((0.4 - 2 / 7) / 0.4, 12);
  });

  it('gives the hand-computed weights after two sweeps', () => {
    close(rake(4, margins, { maxIterations: 2 }).weights, [0.72 / 1.16, 2, 0.8 / 1.16, 0.8 / 1.16]);
  });

  it('converges to the closed-form limit and reports it', () => {
    const { weights, report } = rake(4, margins, { tolerance: 1e-12 });
    close(weights, [0.4, 2, 0.8, 0.8]);
    expect(report.converged).toBe(true);
    expect(report.maxRelativeDeviation).toBeLessThanOrEqual(1e-12);
    expect(report.iterations).toBeGreaterThan(2);
    expect(report.iterations).toBeLessThan(report.maxIterations);
    expect(report.margins[0]!.cells.map((c) => c.weightedShare)).toEqual([expect.closeTo(0.6, 10), expect.closeTo(0.4, 10)]);
    expect(report.margins[1]!.cells.map((c) => c.unweightedShare)).toEqual([0.75, 0.25]);
    // Kish: Σw = 4, Σw² = 0.16 + 4 + 0.64 + 0.64 = 5.44 → n_eff = 16/5.44, deff = 4/n_eff = 1.36.
    expect(report.effectiveSize).toBeCloseTo(16 / 5.44, 10);
    expect(report.designEffect).toBeCloseTo(1.36, 10);
    expect(report.minWeight).toBeCloseTo(0.4, 10);
    expect(report.maxWeight).toBeCloseTo(2, 10);
  });
});

/*
 * Example B: a respondent without the first margin's variable. r5: unknown age/sex, area B.
 * Sweep 1, margin 1: only r1…r4 are known (K = 4) → as in example A: (1.2, 1.2, 0.8, 0.8), r5 stays 1.
 * Sweep 1, margin 2: K = 5, targets A = B = 2.5; current A = 2.8, B = 1.2 + 1 = 2.2
 *   → factors 2.5/2.8 = 0.892857…, 2.5/2.2 = 1.136363…
 *   → w = (1.0714286, 1.3636364, 0.7142857, 0.7142857, 1.1363636); Σw stays 5.
 */
describe('raking, example B (a respondent missing a weighting variable)', () => {
  const margins = [margin('age_sex', [0, 0, 1, 1, -1], [600, 400]), margin('area', [0, 1, 0, 0, 1], [500, 500])];

  it('leaves the unknown respondent to the other margins', () => {
    const { weights, report } = rake(5, margins, { maxIterations: 1 });
    close(weights, [(1.2 * 2.5) / 2.8, (1.2 * 2.5) / 2.2, (0.8 * 2.5) / 2.8, (0.8 * 2.5) / 2.8, 2.5 / 2.2]);
    expect(report.margins[0]!.unmatched).toBe(1);
    expect(report.margins[1]!.unmatched).toBe(0);
  });

  it('keeps the total weight and fits the shares among the known respondents', () => {
    const { weights, report } = rake(5, margins, { tolerance: 1e-12 });
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 10);
    const y = weights[0]! + weights[1]!;
    const o = weights[2]! + weights[3]!;
    expect(y / (y + o)).toBeCloseTo(0.6, 10);
    expect((weights[1]! + weights[4]!) / 5).toBeCloseTo(0.5, 10);
    expect(report.converged).toBe(true);
  });
});

/*
 * Example C: an empty cell and a cell without population.
 * Margin cells Y, M, O with population 600, 300, 400; nobody answered M → M is "empty", the
 * shares are renormalised over Y and O: 600/1000 = 0.6 and 0.4 – the weights are those of
 * example A. A fifth respondent sits in cell 3 whose population is 0 → "no_population", unmatched
 * on this margin, weight 1 from it.
 */
describe('raking, example C (empty cell, cell without population)', () => {
  it('drops the empty cell, renormalises, and leaves unmatched respondents alone', () => {
    const margins = [margin('age_sex', [0, 0, 2, 2, 3], [600, 300, 400, 0])];
    const { weights, report } = rake(5, margins);
    // One margin: post-stratification, exact after one sweep. Known K = 4: Y 0.6·4/2 = 1.2, O 0.4·4/2 = 0.8.
    close(weights, [1.2, 1.2, 0.8, 0.8, 1]);
    expect(report.iterations).toBe(1);
    expect(report.converged).toBe(true);
    expect(report.margins[0]!.cells.map((c) => c.status)).toEqual(['ok', 'empty', 'ok', 'no_population']);
    expect(report.margins[0]!.cells.map((c) => c.targetShare)).toEqual([0.6, 0, 0.4, 0]);
    expect(report.margins[0]!.unmatched).toBe(1);
  });
});

/*
 * Example D: a joint age × sex margin alone is post-stratification. Cells (a1,w) (a1,m) (a2,w)
 * (a2,m) with 3, 1, 2, 2 respondents and population 300, 200, 250, 250 (shares 0.3, 0.2, 0.25,
 * 0.25); n = 8 → weights share·8/count: 0.3·8/3 = 0.8, 0.2·8/1 = 1.6, 0.25·8/2 = 1, 1.
 */
describe('raking, example D (joint age × sex margin = post-stratification)', () => {
  it('weights each cell to its population share in one sweep', () => {
    const { weights, report } = rake(8, [margin('age_sex', [0, 0, 0, 1, 2, 2, 3, 3], [300, 200, 250, 250])]);
    close(weights, [0.8, 0.8, 0.8, 1.6, 1, 1, 1, 1]);
    expect(report).toMatchObject({ iterations: 1, converged: true });
    expect(report.maxRelativeDeviation).toBeLessThan(1e-12);
  });

  it('reports no weighting without margins, and an unreachable fit as not converged', () => {
    expect(rake(3, []).report).toMatchObject({ iterations: 0, converged: true, maxRelativeDeviation: 0 });
    // Two margins that contradict each other on the same respondents: everybody is in Y and in A,
    // r2 alone in O and B; Y/O asks for 0.5/0.5, A/B for 0.9/0.1 → no weights satisfy both.
    const { report } = rake(2, [margin('a', [0, 1], [1, 1]), margin('b', [0, 1], [9, 1])], { maxIterations: 25 });
    expect(report.converged).toBe(false);
    expect(report.iterations).toBe(25);
    expect(report.maxRelativeDeviation).toBeGreaterThan(0.1);
  });
});
