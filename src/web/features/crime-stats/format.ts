import { formatNumber, formatPercent } from '../../lib/format.ts';
import { tcs } from './i18n.ts';

/** A figure or the dash for "no value". */
export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : formatNumber(n);
}

/** A percentage: "64,8 %". */
export function pct(n: number | null | undefined): string {
  return formatPercent(n, { min: 0, max: 2 });
}

/** A change with its sign: "+3,2 %", "−1,5 %". */
export function signedPct(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  return `${sign}${formatPercent(Math.abs(n), { min: 0, max: 2 })}`;
}

/** "Landkreis" / "kreisfreie Stadt" for the BKA's district type codes; the code itself otherwise. */
export function districtTypeLabel(code: string | null): string {
  if (code === 'KfS' || code === 'LK') return tcs(`common.districtTypes.${code}`);
  return code ?? '–';
}

/** District names are not unique ("Leipzig" city and district): the name with its type where needed. */
export function districtLabel(d: { name: string; districtType: string | null }, duplicated: boolean): string {
  return duplicated ? `${d.name} (${districtTypeLabel(d.districtType)})` : d.name;
}

/** The names that occur more than once in a list. */
export function duplicateNames(items: readonly { name: string }[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const i of items) (seen.has(i.name) ? dup : seen).add(i.name);
  return dup;
}
