import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPercent } from './format.ts';

describe('number formats', () => {
  it('write numbers, shares and money the German way, and the English way on request', () => {
    expect(formatNumber(2000)).toBe('2.000');
    expect(formatNumber(34.3)).toBe('34,3');
    expect(formatNumber(19_799.5, 'de', 1)).toBe('19.799,5');
    expect(formatNumber(5, 'de', 1)).toBe('5,0');
    expect(formatNumber(1234.567, 'en')).toBe('1,234.57');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatPercent(34.25)).toBe('34,3 %');
    expect(formatPercent(60, 'de', 0)).toBe('60 %');
    expect(formatPercent(34.3, 'en')).toBe('34.3%');
    expect(formatMoney(1_234_567)).toBe('12.345,67 €');
    expect(formatMoney(-5)).toBe('-0,05 €');
    expect(formatMoney(1_234_567, 'en')).toBe('€12,345.67');
  });
});
