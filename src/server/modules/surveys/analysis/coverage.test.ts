import { describe, expect, it } from 'vitest';
import { simulateCoverage } from './fixtures/coverage-simulation.ts';

/*
 * A small version of the coverage simulation of bench/survey-coverage.ts (issue 18): 200 samples
 * of 500 skewed respondents, raked to age group × sex and area. With 200 samples a calibrated
 * 95 % interval covers between 90 % and 99 % of the time with near certainty (±3 standard errors),
 * so every case must land there; the bench runs 2,000 samples of 3,000 for the ≥ 94 % target.
 */
describe('coverage of the linearised logit intervals', () => {
  it('covers the population value about 95 % of the time for every case of the issue', () => {
    const rows = simulateCoverage(200, 500, 7);
    for (const r of rows) {
      expect(r.linearised, r.label).toBeGreaterThanOrEqual(0.9);
      expect(r.linearised, r.label).toBeLessThanOrEqual(0.99);
      // Design effects of the options differ (one design effect for all could not be right).
      expect(r.meanDesignEffect, r.label).toBeGreaterThan(0.5);
    }
    const deffs = rows.map((r) => r.meanDesignEffect);
    expect(Math.max(...deffs) - Math.min(...deffs)).toBeGreaterThan(0.2);
  }, 120_000);
});
