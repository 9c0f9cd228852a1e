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

export function signedPct(x: number, lang: string): string {
  const s = pct(Math.abs(x), lang);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : s;
}
