import writeXlsxFile, { type Sheet } from 'write-excel-file/node';
import { type CsvDialect, csvDownload } from './csv.ts';
import { labelSheets } from './demo-label.ts';

type Cell = string | number | boolean | null | undefined;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One table as a download: CSV in the dialect asked for (German Excel by default, decision 034)
 * or XLSX with a bold, sticky header row; both labelled while demo data exist (decision 036).
 */
export async function tableDownload(
  header: string[],
  rows: Cell[][],
  o: { format: 'csv' | 'xlsx'; dialect: CsvDialect; sheet: string; fileBase: string },
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  if (o.format === 'csv') return csvDownload([header, ...rows], o.dialect, `${o.fileBase}.csv`);
  const sheet = {
    sheet: o.sheet,
    stickyRowsCount: 1,
    data: [
      header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...rows.map((r) => r.map((v) => (v === null || v === undefined ? null : { value: v }))),
    ],
  } as unknown as Sheet<unknown>;
  return xlsxDownload([sheet], `${o.fileBase}.xlsx`);
}

/**
 * Sheets as an XLSX download: the one place that writes XLSX (the lint keeps write-excel-file
 * here), so every workbook carries the demo label while demo data exist (decision 036).
 */
export async function xlsxDownload(
  sheets: readonly object[],
  fileName: string,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const body = await writeXlsxFile(labelSheets(sheets as Sheet<unknown>[]) as never).toBuffer();
  return { body, contentType: XLSX_CONTENT_TYPE, fileName };
}
