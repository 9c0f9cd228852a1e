import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnnualReport, AnnualReportVersionHead } from '../../../shared/annual-report.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** The live report of a year (number undefined) or one of its frozen versions. */
export function useAnnualReport(year: number, number: number | undefined) {
  return useQuery({
    queryKey: ['annual-report', year, number ?? 'live'],
    queryFn: () =>
      apiRequest<AnnualReport>(number === undefined ? `/api/annual-reports/${year}` : `/api/annual-reports/${year}/versions/${number}`),
  });
}

/** Freezes the report of a year as a new version; `versions` is how many the page showed (409 when another came meanwhile). */
export function useFreezeAnnualReport(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versions: number) =>
      apiRequest<AnnualReportVersionHead>(`/api/annual-reports/${year}/versions`, { method: 'POST', body: { confirm: true, versions } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['annual-report', year] }),
  });
}

const versionQuery = (number: number | undefined) => (number === undefined ? '' : `number=${number}`);
export const annualReportPdfUrl = (year: number, number: number | undefined) =>
  `/api/annual-reports/${year}/report.pdf${number === undefined ? '' : `?${versionQuery(number)}`}`;
export const annualReportExportUrl = (year: number, number: number | undefined, format: 'csv' | 'xlsx') =>
  `/api/annual-reports/${year}/export?format=${format}${number === undefined ? '' : `&${versionQuery(number)}`}`;

/** The published annual reports (the latest frozen version of each year), for the public page. */
export function usePublishedAnnualReports() {
  return useQuery({
    queryKey: ['annual-report', 'published'],
    queryFn: () => apiRequest<AnnualReportVersionHead[]>('/api/public/annual-reports', { expectUnauthenticated: true }),
  });
}
export const publishedAnnualReportPdfUrl = (year: number) => `/api/public/annual-reports/${year}/report.pdf`;
