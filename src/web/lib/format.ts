/*
 * Numbers, percentages, money and dates on pages and in charts, in the language on screen: the
 * shared formatting module (src/shared/format.ts, dates src/shared/time.ts) bound to the current
 * UI language. Pages call these instead of toLocaleString, toFixed or Intl (lint forbids them in
 * src/web outside this file); a component that uses them re-renders on a language switch through
 * its own useTranslation().
 */
import * as format from '../../shared/format.ts';
import * as time from '../../shared/time.ts';
import { currentLanguage } from './i18n.ts';

export type { Digits } from '../../shared/format.ts';

/** "2.000", "34,3" in German; "2,000", "34.3" in English; nothing as "–". */
export function formatNumber(value: number | null | undefined, digits?: format.Digits): string {
  return format.formatNumber(value, currentLanguage(), digits);
}

/** A share in percent (34.3 → "34,3 %" / "34.3%"). */
export function formatPercent(value: number | null | undefined, digits?: format.Digits): string {
  return format.formatPercent(value, currentLanguage(), digits);
}

/** Money from integer cents ("12.345,67 €" / "€12,345.67"). */
export function formatMoney(cents: number): string {
  return format.formatMoney(cents, currentLanguage());
}

/** A p-value, "< 0,001" below one in a thousand, never in scientific notation. */
export function formatPValue(value: number | null | undefined): string {
  return format.formatPValue(value, currentLanguage());
}

/** A small share in percent, "< 0,001 %" where it would print as zero. */
export function formatSmallPercent(value: number | null | undefined, digits?: number): string {
  return format.formatSmallPercent(value, currentLanguage(), digits);
}

/** A calendar day (or an instant's day): "14.03.2024" / "14/03/2024"; long "14. März 2024" / "14 March 2024". */
export function formatDate(value: string | null | undefined, style: 'short' | 'long' = 'short'): string {
  return time.formatDate(value, currentLanguage(), style);
}

/** An instant as date and time in Europe/Berlin: "14.03.2024, 09:30" / "14/03/2024, 09:30". */
export function formatDateTime(value: time.Instant | null | undefined): string {
  return time.formatDateTime(value, currentLanguage());
}
