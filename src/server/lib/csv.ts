import { DEMO_LABEL_LINE, demoLabelActive } from './demo-label.ts';

type Cell = string | number | boolean | null | undefined;

function escapeCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Cells a spreadsheet would read as a formula are prefixed, so an export cannot carry an injection.
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Renders rows as RFC 4180 CSV (comma-separated, CRLF line ends); an export of demo data starts with its label line. */
export function toCsv(rows: Cell[][]): string {
  const body = rows.map((r) => r.map(escapeCell).join(',')).join('\r\n') + '\r\n';
  return demoLabelActive() ? `${escapeCell(DEMO_LABEL_LINE)}\r\n${body}` : body;
}
