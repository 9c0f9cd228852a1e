import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { DEMO_LABEL_LINE, withDemoLabel } from './demo-label.ts';
import { tableDownload, XLSX_CONTENT_TYPE, xlsxDownload } from './table-export.ts';

/*
 * The one XLSX writer (the lint keeps write-excel-file here): every workbook, of every sheet,
 * carries the demo label while demo data exist, and only then.
 */
const sheets = () => [
  { sheet: 'Erste', stickyRowsCount: 1, data: [[{ value: 'Kopf' }], [{ value: 1 }]] },
  { sheet: 'Zweite', data: [[{ value: 'Andere' }]] },
];

describe('xlsxDownload', () => {
  it('writes the sheets as they are without demo data', async () => {
    const file = await withDemoLabel(false, () => xlsxDownload(sheets(), 'a.xlsx'));
    expect(file.contentType).toBe(XLSX_CONTENT_TYPE);
    expect(file.fileName).toBe('a.xlsx');
    const book = await readXlsxFile(file.body);
    expect(book.map((b) => [b.sheet, b.data[0]![0]])).toEqual([
      ['Erste', 'Kopf'],
      ['Zweite', 'Andere'],
    ]);
  });

  it('puts the demo label above every sheet while demo data exist', async () => {
    const file = await withDemoLabel(true, () => xlsxDownload(sheets(), 'a.xlsx'));
    const book = await readXlsxFile(file.body);
    expect(book.map((b) => [b.sheet, b.data[0]![0], b.data[1]![0]])).toEqual([
      ['Erste', DEMO_LABEL_LINE, 'Kopf'],
      ['Zweite', DEMO_LABEL_LINE, 'Andere'],
    ]);
  });

  it('labels a single table written as XLSX by tableDownload too', async () => {
    const file = await withDemoLabel(true, () =>
      tableDownload(['Spalte'], [[1], [null]], { format: 'xlsx', dialect: 'excel-de', sheet: 'T', fileBase: 'b' }),
    );
    expect(file.fileName).toBe('b.xlsx');
    const [only] = await readXlsxFile(file.body);
    expect(only!.data.slice(0, 3).map((r) => r[0])).toEqual([DEMO_LABEL_LINE, 'Spalte', 1]);
  });
});
