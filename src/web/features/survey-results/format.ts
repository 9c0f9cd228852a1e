/** Numbers in the UI language (German first). */
const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'de-DE');

export function pct(x: number | null | undefined, lang: string, digits = 1): string {
  return x === null || x === undefined || Number.isNaN(x)
    ? '–'
    : `${(x * 100).toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

export function num(x: number | null | undefined, lang: string, digits = 0): string {
  return x === null || x === undefined || Number.isNaN(x)
    ? '–'
    : x.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
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
