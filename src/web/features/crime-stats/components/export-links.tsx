import { DownloadLinks } from '../../../ui/download-links.tsx';
import { exportUrl, municipalityExportUrl } from '../api.ts';

/** CSV and XLSX downloads of the district figures for a year and offence key. */
export function CrimeExportLinks({ year, offence, what }: { year?: number; offence: string; what: string }) {
  return <DownloadLinks hrefOf={(format) => exportUrl(format, { year, offence })} what={what} />;
}

/** CSV and XLSX downloads of municipality figures (of a district, or all the user may see) for a year and offence key. */
export function MunicipalityExportLinks({
  year,
  offence,
  districtAgs,
  what,
}: {
  year?: number;
  offence: string;
  districtAgs?: string;
  what: string;
}) {
  return <DownloadLinks hrefOf={(format) => municipalityExportUrl(format, { year, offence, districtAgs })} what={what} />;
}
