/*
 * The one formatting module for numbers, percentages and money on pages, in charts and in PDFs
 * (dates: time.ts). German by default; "en" gives the English catalogue's notation.
 */
import { formatEuro } from './funding.rules.ts';

export type FormatLang = 'de' | 'en';

/** The format language of a UI or request language ("en", "en-GB" → "en"; anything else → "de"). */
export function formatLang(lang: string): FormatLang {
  return lang.startsWith('en') ? 'en' : 'de';
}

const LOCALES: Record<FormatLang, string> = { de: 'de-DE', en: 'en-GB' };
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: FormatLang, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}:${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, f);
  }
  return f;
}

/** Digits after the decimal separator: exactly `digits`, or between `min` and `max`. */
export type Digits = number | { min: number; max: number };

/** "2.000", "34,3" (de) or "2,000", "34.3" (en); null and undefined as "–". */
export function formatNumber(value: number | null | undefined, lang: FormatLang = 'de', digits: Digits = { min: 0, max: 2 }): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const { min, max } = typeof digits === 'number' ? { min: digits, max: digits } : digits;
  return numberFormat(lang, min, max).format(value);
}

/** A share in percent: "34,3 %" (de, a space before the sign as DIN 5008 writes it) or "34.3%" (en). */
export function formatPercent(value: number | null | undefined, lang: FormatLang = 'de', digits: Digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const n = formatNumber(value, lang, digits);
  return lang === 'de' ? `${n} %` : `${n}%`;
}

/** Money from integer cents: "12.345,67 €" (de) or "€12,345.67" (en), without floating point. */
export function formatMoney(cents: number, lang: FormatLang = 'de'): string {
  return formatEuro(cents, lang);
}

/**
 * A p-value, never in scientific notation: "0,042" (de) or "0.042" (en) with three digits, and
 * "< 0,001" / "< 0.001" below one in a thousand.
 */
export function formatPValue(value: number | null | undefined, lang: FormatLang = 'de'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value < 0.001) return `< ${formatNumber(0.001, lang, 3)}`;
  return formatNumber(value, lang, 3);
}

/**
 * A small share in percent with up to `digits` decimals, "< 0,001 %" when it is above zero but
 * would print as zero (a deviation of 9.4e-8 is "< 0,001 %", never "9.4e-8").
 */
export function formatSmallPercent(value: number | null | undefined, lang: FormatLang = 'de', digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const least = 10 ** -digits;
  if (value > 0 && value < least) {
    const n = formatNumber(least, lang, digits);
    return lang === 'de' ? `< ${n} %` : `< ${n}%`;
  }
  return formatPercent(value, lang, { min: 0, max: digits });
}
