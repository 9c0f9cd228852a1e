/*
 * Synthetic years for tests and benchmarks: a T01 file derived from the real one by scaling the
 * counts (the HZ scales with them, the clearance rate is recomputed), so that indicators over
 * several years can be exercised without inventing a format. Never stored in the repository.
 */
import { decodeText } from '../../lib/text-decode.ts';

/** The T01 text with every count × factor (rounded); HZ × factor; clearance rate recomputed. */
export function scaledT01(real: Uint8Array, factor: number): Buffer {
  const { text } = decodeText(real);
  const lines = text.split(/\r?\n/);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const num = (s: string) => Number(s.replaceAll(',', ''));
  const out = lines.map((line, i) => {
    if (i < 2 || !line) return line;
    const c = line.split(';');
    const scale = (j: number) => {
      if (/^[\d,]+$/.test(c[j]!)) c[j] = fmt(num(c[j]!) * factor);
    };
    for (const j of [5, 6, 7, 9, 10, 11, 13, 14, 15, 16]) scale(j);
    const cases = num(c[5]!);
    c[12] = cases ? String(Math.round((num(c[11]!) / cases) * 1000) / 10) : '#DIV/0!';
    return c.join(';');
  });
  return Buffer.from(out.join('\r\n'), 'latin1');
}
