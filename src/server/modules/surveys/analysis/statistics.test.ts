import { describe, expect, it } from 'vitest';
import {
  kishEffectiveSize,
  logitInterval,
  meanDifference,
  meanInterval,
  newcombeDifference,
  studentCdf,
  studentQuantile,
  wilson,
} from './statistics.ts';

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

describe('Student t and the logit interval (values from R 4.2.2)', () => {
  it('gives the t quantiles and distribution function of R (qt, pt)', () => {
    const r: Array<[number, number]> = [
      [1, 12.706204736174694],
      [2, 4.302652729749462],
      [5, 2.570581835636314],
      [30, 2.042272456301238],
      [1999, 1.961151420170561],
      [Number.POSITIVE_INFINITY, 1.959963984540054],
    ];
    for (const [df, q] of r) expect(Math.abs(studentQuantile(0.975, df) - q) / q).toBeLessThan(1e-12);
    expect(studentQuantile(0.025, 30)).toBeCloseTo(-2.042272456301238, 12);
    expect(studentCdf(-2.5, 7)).toBeCloseTo(0.020496109292876437, 14);
  });

  it("gives svyciprop's logit interval: expit(logit p ± t·se/(p(1−p)))", () => {
    const ci = logitInterval(0.2, 0.02, 99)!;
    expect(ci.low).toBeCloseTo(0.16323922147979325, 14);
    expect(ci.high).toBeCloseTo(0.24263863944976599, 14);
    // Undefined at the edges or without a standard error.
    expect(logitInterval(0, 0.01, 99)).toBeNull();
    expect(logitInterval(1, 0.01, 99)).toBeNull();
    expect(logitInterval(0.3, 0, 99)).toBeNull();
  });
});
