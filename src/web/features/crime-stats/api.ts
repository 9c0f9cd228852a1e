import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { catalogueSchema, DistrictDetail, DistrictIndicators, PksImportReport, yearsSchema } from '../../../shared/crime-stats.schema.ts';
import { apiRequest, toQueryString } from '../../app/api-client.ts';

export type Catalogue = z.infer<typeof catalogueSchema>;
export type ImportedYears = z.infer<typeof yearsSchema>;

/** The roles that import PKS files (the server's crime-stats policy says the same). */
export const PKS_IMPORT_ROLES = ['admin', 'lpr'] as const;

export const CRIME_PATHS = {
  overview: '/crime-stats',
  import: '/crime-stats/import',
  district: (ags: string, offence?: string) => `/crime-stats/districts/${ags}${offence && offence !== '------' ? toQueryString({ offence }) : ''}`,
} as const;

/** The imported years of district and municipality figures. */
export function useCrimeYears() {
  return useQuery({ queryKey: ['crime-stats', 'years'], queryFn: () => apiRequest<ImportedYears>('/api/crime-stats/years') });
}

/** The offence catalogue with its summary keys. */
export function useOffenceCatalogue() {
  return useQuery({ queryKey: ['crime-stats', 'offences'], queryFn: () => apiRequest<Catalogue>('/api/crime-stats/offences'), staleTime: 5 * 60_000 });
}

/** Indicators of every district of the configured state for a year and offence key. */
export function useDistrictIndicators(params: { year?: number; offence: string }, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['crime-stats', 'districts', params],
    queryFn: () => apiRequest<DistrictIndicators>('/api/crime-stats/districts', { query: { year: params.year, offence: params.offence } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One district: time series of a key and every key of the latest year. */
export function useDistrictDetail(ags: string, offence: string) {
  return useQuery({
    queryKey: ['crime-stats', 'district', ags, offence],
    queryFn: () => apiRequest<DistrictDetail>(`/api/crime-stats/districts/${encodeURIComponent(ags)}`, { query: { offence } }),
    placeholderData: keepPreviousData,
  });
}

/** The download address of the district indicators as CSV or XLSX. */
export function exportUrl(format: 'csv' | 'xlsx', params: { year?: number; offence: string }): string {
  return `/api/crime-stats/export${toQueryString({ level: 'districts', format, year: params.year, offence: params.offence })}`;
}

export interface PksImportRequest {
  file: File;
  year: number;
  dryRun: boolean;
}

/** Imports a PKS T01 file (dry run: the preview). */
export function usePksImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: PksImportRequest) => {
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiRequest<PksImportReport>('/api/admin/imports/pks', { method: 'POST', query: { year: r.year, dryRun: String(r.dryRun) }, body });
    },
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['crime-stats'] });
    },
  });
}
