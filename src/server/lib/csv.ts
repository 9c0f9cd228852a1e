import type { CsvDialect } from '../../shared/csv.schema.ts';
import { DEMO_LABEL_LINE, demoLabelActive } from './demo-label.ts';

export type { CsvDialect } from '../../shared/csv.schema.ts';

type Cell = string | number | boolean | null | undefined;

/** Separator, byte order mark and decimal mark of each dialect. */
const DIALECT: Record<CsvDialect, { separator: string; bom: string; decimal: string }> = {
  'excel-de': { separator: ';', bom: '\ufeff', decimal: ',' },
  rfc4180: { separator: ',', bom: '', decimal: '.' },
};

function escapeCell(v: Cell, dialect: CsvDialect): string {
  if (v === null || v === undefined) return '';
  const { decimal, separator } = DIALECT[dialect];
  // Numbers keep every digit (no thousands separator, no rounding); only the decimal mark changes.
  let s = typeof v === 'number' && Number.isFinite(v) ? String(v).replace('.', decimal) : String(v);
  // Cells a spreadsheet would read as a formula are prefixed, so an export cannot carry an injection.
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Renders rows as CSV lines of a dialect (CRLF line ends, no byte order mark). */
export function toCsv(rows: Cell[][], dialect: CsvDialect): string {
  const { separator } = DIALECT[dialect];
  return rows.map((r) => r.map((c) => escapeCell(c, dialect)).join(separator)).join('\r\n') + '\r\n';
}

/**
 * What a CSV file of the dialect starts with: the UTF-8 byte order mark for German Excel, nothing for
 * RFC 4180; then, while the export shows demo data, its label line (decision 036).
 */
export function csvPreamble(dialect: CsvDialect): string {
  const label = demoLabelActive() ? `${escapeCell(DEMO_LABEL_LINE, dialect)}\r\n` : '';
  return DIALECT[dialect].bom + label;
}

/** A whole CSV file of the dialect as UTF-8 bytes. */
export function csvFile(rows: Cell[][], dialect: CsvDialect): Buffer {
  return Buffer.from(csvPreamble(dialect) + toCsv(rows, dialect), 'utf8');
}

/** A CSV download: the bytes, the content type (with the header and dialect hint) and the file name. */
export function csvDownload(rows: Cell[][], dialect: CsvDialect, fileName: string) {
  return { body: csvFile(rows, dialect), contentType: CSV_CONTENT_TYPE, fileName };
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
