import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  defaultRules,
  formatEuro,
  parseEuroToCents,
  planTotals,
  settleProof,
  shareCeil,
  shareFloor,
} from '../../../shared/funding.rules.ts';
import { beccariaCompleteness, emptySteps, missingForApplication } from '../../../shared/projects.schema.ts';
import { completeSteps, validPlan } from './test-support.ts';

/* The pure rules shared by server and web form: money, rounding, the plan check, completeness. */

describe('money in cents', () => {
  it('formats cents without floating point, German and English', () => {
    expect(formatEuro(2_500_000)).toBe('25.000,00 €');
    expect(formatEuro(294_118)).toBe('2.941,18 €');
    expect(formatEuro(5)).toBe('0,05 €');
    expect(formatEuro(100_000_000_000)).toBe('1.000.000.000,00 €');
    expect(formatEuro(123_456, 'en')).toBe('€1,234.56');
  });

  it('reads euro amounts as people type them, and refuses anything that is not whole cents', () => {
    expect(parseEuroToCents('12.345,67')).toBe(1_234_567);
    expect(parseEuroToCents('12345,5')).toBe(1_234_550);
    expect(parseEuroToCents('30.600')).toBe(3_060_000);
    expect(parseEuroToCents('12345.67')).toBe(1_234_567);
    expect(parseEuroToCents(' 1 000 € ')).toBe(100_000);
    for (const bad of ['', '-5', '1,234', '12,345', '1.2.3', 'abc', '1e3', '0,001']) expect(parseEuroToCents(bad), bad).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (cents) => {
        expect(parseEuroToCents(formatEuro(cents))).toBe(cents);
      }),
    );
  });

  it('rounds a ceiling the state pays down and a minimum the applicant brings up', () => {
    expect(shareFloor(3_400_001, 9000)).toBe(3_060_000);
    expect(shareCeil(3_400_001, 1000)).toBe(340_001);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        const f = shareFloor(a, bp);
        const c = shareCeil(a, bp);
        expect(f * 10_000).toBeLessThanOrEqual(a * bp);
        expect(c * 10_000).toBeGreaterThanOrEqual(a * bp);
        expect(c - f).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('settles a proof of use pro rata, never above the grant, and reclaims only what was overpaid', () => {
    expect(
      settleProof({ approvedCents: 2_500_000, plannedEligibleCents: 3_400_000, checkedEligibleCents: 3_000_000, paidCents: 2_500_000 }),
    ).toEqual({ entitledCents: 2_205_882, repaymentCents: 294_118 });
    expect(
      settleProof({ approvedCents: 2_500_000, plannedEligibleCents: 3_400_000, checkedEligibleCents: 4_000_000, paidCents: 2_500_000 }),
    ).toEqual({ entitledCents: 2_500_000, repaymentCents: 0 });
    expect(
      settleProof({ approvedCents: 2_500_000, plannedEligibleCents: 3_400_000, checkedEligibleCents: 1_000_000, paidCents: 0 })
        .repaymentCents,
    ).toBe(0);
  });
});

describe('the plan check', () => {
  const rules = defaultRules(2027, 110_000_000);
  const plan = () => ({ ...validPlan(), smallGrantJustification: null }) as Parameters<typeof checkPlan>[0];

  it('accepts a plan at exactly 90 % and 10 %, investment financed by the own share', () => {
    expect(checkPlan(plan(), rules)).toEqual([]);
    expect(planTotals(plan().costItems)).toMatchObject({ totalCents: 3_700_000, eligibleCents: 3_400_000 });
  });

  it('names each broken rule in its message', () => {
    const p = plan();
    p.financing = { ...p.financing, requestedCents: 3_060_001, ownCents: 339_999, ownInKindCents: 0, thirdPartyCents: 300_000 };
    const v = checkPlan(p, rules);
    expect(v.map((x) => x.rule)).toEqual(['max_funding_share', 'min_own_share']);
    expect(v[0]!.message.de).toMatch(/^Regel „Höchstförderquote“: /);
    expect(v[1]!.message.en).toMatch(/^Rule "Minimum own share": /);
    const inv = plan();
    inv.costItems = inv.costItems.map((i) => (i.category === 'investment' ? { ...i, eligible: true } : i));
    expect(checkPlan(inv, rules).map((x) => x.rule)).toEqual(['investment_ineligible']);
  });
});

describe('Beccaria completeness', () => {
  it('marks every step of an empty project incomplete except the conclusions, which come later', () => {
    const c = beccariaCompleteness(emptySteps(), 'idea');
    expect(c.map((x) => x.state)).toEqual(['incomplete', 'incomplete', 'incomplete', 'incomplete', 'incomplete', 'incomplete', 'later']);
    expect(missingForApplication(completeSteps())).toEqual([]);
    expect(
      beccariaCompleteness(completeSteps(), 'completed')
        .filter((x) => x.state !== 'complete')
        .map((x) => x.step),
    ).toEqual(['evaluation', 'conclusions']);
  });
});
