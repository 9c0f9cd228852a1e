import { DownloadLinks } from '../../../ui/download-links.tsx';
import { type ExportTable, exportUrl, type StatusFilterParams } from '../api.ts';

/** CSV and XLSX downloads of one figures table at the reference date (the list's filters for the municipalities). */
export function ExportLinks({ table, at, what, filter }: { table: ExportTable; at: string; what: string; filter?: StatusFilterParams }) {
  return <DownloadLinks hrefOf={(format) => exportUrl(table, format, at, filter)} what={what} />;
}
