import { describe, expect, it } from 'vitest';
import { formatLang, formatMoney, formatNumber, formatPercent, formatPValue, formatSmallPercent } from './format.ts';

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

describe('p-values and small numbers', () => {
  it('never print scientific notation: below one in a thousand a p-value is "< 0,001"', () => {
    expect(formatPValue(9.4e-8)).toBe('< 0,001');
    expect(formatPValue(9.4e-8, 'en')).toBe('< 0.001');
    expect(formatPValue(0.0421)).toBe('0,042');
    expect(formatPValue(0.001)).toBe('0,001');
    expect(formatPValue(null)).toBe('–');
    expect(formatNumber(9.4e-8, 'de', 1)).toBe('0,0');
    expect(formatNumber(1e21)).not.toMatch(/e/i);
    expect(formatSmallPercent(9.4e-6)).toBe('< 0,001 %');
    expect(formatSmallPercent(9.4e-6, 'en')).toBe('< 0.001%');
    expect(formatSmallPercent(0.25)).toBe('0,25 %');
    expect(formatSmallPercent(0)).toBe('0 %');
    expect(formatSmallPercent(1e-8, 'de', 10)).toBe('0,00000001 %');
  });

  it('reads the format language from a UI or request language', () => {
    expect(formatLang('en')).toBe('en');
    expect(formatLang('en-GB')).toBe('en');
    expect(formatLang('de-DE')).toBe('de');
    expect(formatLang('fr')).toBe('de');
  });
});
