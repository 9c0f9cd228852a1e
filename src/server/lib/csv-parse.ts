/** One CSV record with the (1-based) line on which it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Parses RFC 4180 CSV (quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF).
 * Blank lines are skipped; every record keeps the line it starts on, for error messages.
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let wasQuoted = false;
    for (;;) {
      if (i >= n) {
        if (quoted) throw new CsvSyntaxError(start, 'unterminated quoted cell');
        cells.push(cell);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        if (ch === '\n') line++;
        cell += ch; i++;
        continue;
      }
      if (ch === '"' && cell === '' && !wasQuoted) { quoted = true; wasQuoted = true; i++; continue; }
      if (ch === delimiter) { cells.push(cell); cell = ''; wasQuoted = false; i++; continue; }
      if (ch === '\r' && text[i + 1] === '\n') { i++; continue; }
      if (ch === '\n') { cells.push(cell); i++; line++; break; }
      cell += ch; i++;
    }
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    records.push({ line: start, cells });
  }
  return records;
}
