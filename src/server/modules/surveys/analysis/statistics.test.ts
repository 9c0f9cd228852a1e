import { describe, expect, it } from 'vitest';
import { kishEffectiveSize, meanDifference, meanInterval, newcombeDifference, wilson } from './statistics.ts';

/*
 * Known values: Newcombe (1998), "Two-sided confidence intervals for the single proportion",
 * Statistics in Medicine 17, Table II (Wilson score method without continuity correction), and
 * Newcombe (1998), "Interval estimation for the difference between independent proportions",
 * Statistics in Medicine 17, example (a) 56/70 − 48/80, method 10.
 */
describe('Wilson score interval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i → (%f, %f)', (x, n, low, high) => {
    const ci = wilson(x / n, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('computes 10 of 50 by hand', () => {
    // z² = 3.841459; centre (0.2 + 3.841459/100)/(1 + 3.841459/50) = 0.221401;
    // half 1.959964/1.076829 · √(0.2·0.8/50 + 3.841459/10000) = 0.108966 → (0.112435, 0.330367).
    const ci = wilson(0.2, 50);
    expect(ci.low).toBeCloseTo(0.112435, 5);
    expect(ci.high).toBeCloseTo(0.330367, 5);
  });

  it('is undefined without observations', () => {
    expect(Number.isNaN(wilson(0, 0).low)).toBe(true);
  });
});

describe('Kish effective sample size', () => {
  it('is (Σw)²/Σw²', () => {
    expect(kishEffectiveSize(6, 10)).toBeCloseTo(3.6, 12); // weights 1, 1, 2, 2
    expect(kishEffectiveSize(5, 5)).toBe(5); // equal weights: n
    expect(kishEffectiveSize(0, 0)).toBe(0);
  });

  it('widens the Wilson interval of a weighted share', () => {
    const plain = wilson(0.3, 100);
    const weighted = wilson(0.3, kishEffectiveSize(100, 150));
    expect(weighted.high - weighted.low).toBeGreaterThan(plain.high - plain.low);
  });
});

describe('difference of two shares (Newcombe, method 10)', () => {
  it('matches the published example 56/70 − 48/80', () => {
    const d = newcombeDifference(56 / 70, 70, 48 / 80, 80);
    expect(d.difference).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });
});

describe('mean interval', () => {
  it('computes 1…5 unweighted by hand', () => {
    // mean 3, s = √2.5 = 1.581139, half 1.959964·1.581139/√5 = 1.385904.
    const m = meanInterval(5, 5, 15, 55);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(1.581139, 6);
    expect(m.low).toBeCloseTo(1.614096, 6);
    expect(m.high).toBeCloseTo(4.385904, 6);
  });

  it('differences add the variances', () => {
    const d = meanDifference(10, 3, 6, 4);
    expect(d.difference).toBe(4);
    expect(d.high - d.difference).toBeCloseTo(1.959964 * 5, 5);
  });
});
