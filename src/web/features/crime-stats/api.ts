import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  catalogueSchema,
  DistrictDetail,
  DistrictIndicators,
  ImportListItem,
  ImportListQuery,
  Mapping,
  MappingInput,
  MunicipalColumnsReport,
  MunicipalImportReport,
  MunicipalityDetail,
  MunicipalityIndicators,
  PksImportReport,
  yearsSchema,
} from '../../../shared/crime-stats.schema.ts';
import { apiRequest, toQueryString } from '../../lib/api-client.ts';

export type Catalogue = z.infer<typeof catalogueSchema>;
export type ImportedYears = z.infer<typeof yearsSchema>;

const offenceQuery = (offence?: string) => (offence && offence !== '------' ? toQueryString({ offence }) : '');

/** The import runs, newest first; filtered to the newest of each level and/or those imported before a day. */
export function useImportRuns(query: ImportListQuery) {
  return useQuery({
    queryKey: ['crime-stats', 'imports', query],
    queryFn: () => apiRequest<ImportListItem[]>('/api/crime-stats/imports', { query }),
  });
}

export const CRIME_PATHS = {
  overview: '/crime-stats',
  import: '/crime-stats/import',
  municipalImport: '/crime-stats/import/municipalities',
  offenceFields: '/crime-stats/offences',
  district: (ags: string, offence?: string) => `/crime-stats/districts/${ags}${offenceQuery(offence)}`,
  municipality: (ags: string, offence?: string) => `/crime-stats/municipalities/${ags}${offenceQuery(offence)}`,
} as const;

/** The imported years of district and municipality figures. */
export function useCrimeYears() {
  return useQuery({ queryKey: ['crime-stats', 'years'], queryFn: () => apiRequest<ImportedYears>('/api/crime-stats/years') });
}

/** The offence catalogue with its summary keys. */
export function useOffenceCatalogue() {
  return useQuery({
    queryKey: ['crime-stats', 'offences'],
    queryFn: () => apiRequest<Catalogue>('/api/crime-stats/offences'),
    staleTime: 5 * 60_000,
  });
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
      return apiRequest<PksImportReport>('/api/admin/imports/pks', {
        method: 'POST',
        query: { year: r.year, dryRun: String(r.dryRun) },
        body,
      });
    },
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['crime-stats'] });
    },
  });
}

/** One municipality: time series of a key with district and state comparison, every key of its latest year. */
export function useMunicipalityCrimeDetail(ags: string, offence: string) {
  return useQuery({
    queryKey: ['crime-stats', 'municipality', ags, offence],
    queryFn: () => apiRequest<MunicipalityDetail>(`/api/crime-stats/municipalities/${encodeURIComponent(ags)}`, { query: { offence } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Municipality figures of a year and key (the server scopes the rows to what the user may see). */
export function useMunicipalityIndicators(
  params: { year?: number; offence: string; districtAgs?: string },
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: ['crime-stats', 'municipalities', params],
    queryFn: () =>
      apiRequest<MunicipalityIndicators>('/api/crime-stats/municipalities', {
        query: { year: params.year, offence: params.offence, districtAgs: params.districtAgs },
      }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The download address of municipality figures (of a district, or all the user may see) as CSV or XLSX. */
export function municipalityExportUrl(format: 'csv' | 'xlsx', params: { year?: number; offence: string; districtAgs?: string }): string {
  return `/api/crime-stats/export${toQueryString({ level: 'municipalities', format, year: params.year, offence: params.offence, districtAgs: params.districtAgs })}`;
}

/** The saved column mappings of municipality files. */
export function useMappings() {
  return useQuery({ queryKey: ['crime-stats', 'mappings'], queryFn: () => apiRequest<Mapping[]>('/api/crime-stats/mappings') });
}

/** Saves a column mapping: a new one, or a change of an existing one with the version it is based on (409 when stale). */
export function useSaveMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: { mapping: MappingInput; existing?: { id: number; version: number } }) =>
      r.existing
        ? apiRequest<Mapping>(`/api/crime-stats/mappings/${r.existing.id}`, {
            method: 'PUT',
            body: { version: r.existing.version, mapping: r.mapping },
          })
        : apiRequest<Mapping>('/api/crime-stats/mappings', { method: 'POST', body: r.mapping }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['crime-stats', 'mappings'] });
    },
  });
}

/** Reads a municipality file's sheets, header and columns (nothing is stored). */
export function useInspectMunicipalFile() {
  return useMutation({
    mutationFn: (r: { file: File; sheet?: string }) => {
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiRequest<MunicipalColumnsReport>('/api/admin/imports/crime-municipal/columns', {
        method: 'POST',
        query: { sheet: r.sheet },
        body,
      });
    },
  });
}

/** Imports municipality figures with a saved mapping (dry run: the preview). */
export function useMunicipalImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: { file: File; mappingId: number; year?: number; dryRun: boolean }) => {
      const body = new FormData();
      body.append('file', r.file, r.file.name);
      return apiRequest<MunicipalImportReport>('/api/admin/imports/crime-municipal', {
        method: 'POST',
        query: { mappingId: r.mappingId, year: r.year, dryRun: String(r.dryRun) },
        body,
      });
    },
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['crime-stats'] });
    },
  });
}

/** Adds a field of action to the catalogue (code, German and English name). */
export function useAddFieldOfAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; name: string; nameEn: string }) =>
      apiRequest<Catalogue>('/api/crime-stats/fields-of-action', { method: 'POST', body: input }),
    onSuccess: (catalogue) => {
      queryClient.setQueryData(['crime-stats', 'offences'], catalogue);
    },
  });
}

/** Sets the fields of action of an offence key, with the version the change is based on. */
export function useSetOffenceFields() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: { key: string; fieldIds: number[]; version: number }) =>
      apiRequest<Catalogue>(`/api/crime-stats/offences/${encodeURIComponent(r.key)}/fields-of-action`, {
        method: 'PUT',
        body: { fieldIds: r.fieldIds, version: r.version },
      }),
    onSuccess: (catalogue) => {
      queryClient.setQueryData(['crime-stats', 'offences'], catalogue);
    },
  });
}
