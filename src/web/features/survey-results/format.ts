import { formatLang, formatNumber, formatPercent } from '../../../shared/format.ts';

/** A share (0–1) in percent in the UI language (German first): "34,3 %" / "34.3%". */
export function pct(x: number | null | undefined, lang: string, digits = 1): string {
  return x === null || x === undefined ? '–' : formatPercent(x * 100, formatLang(lang), digits);
}

/** A number with a fixed count of decimals in the UI language. */
export function num(x: number | null | undefined, lang: string, digits = 0): string {
  return formatNumber(x, formatLang(lang), digits);
}

/** A standard error of a share in percentage points ("1,2 Pp."), of a score in points. */
export function sePoints(se: number | null | undefined, lang: string, unit: 'share' | 'score' = 'share'): string {
  if (se === null || se === undefined || Number.isNaN(se)) return '–';
  const value = num(unit === 'share' ? se * 100 : se, lang, 1);
  return unit === 'share' ? (lang === 'en' ? `${value} pp` : `${value} Pp.`) : value;
}

export function signedPct(x: number, lang: string): string {
  const s = pct(Math.abs(x), lang);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : s;
}
