import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoundariesReport, DirectoratesReport, Gv100adReport, MapPayload } from '../../../shared/territory-import.schema.ts';
import type { Directorate, District, Municipality } from '../../../shared/territory.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** The page envelope of every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface MunicipalityListParams {
  page?: number;
  pageSize?: number;
  q?: string;
  district?: string;
  directorateId?: number;
  sort?: 'name' | 'ags' | 'population' | 'district';
  order?: 'asc' | 'desc';
}

/** A page of municipalities with the source note the directory's publisher requires (if the server sends one). */
export type MunicipalityPage = Page<Municipality> & { attribution?: string[] };

/** The municipalities the signed-in user may see (the server scopes them by role). */
export function useMunicipalities(params: MunicipalityListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['municipalities', params],
    queryFn: () => apiRequest<MunicipalityPage>('/api/municipalities', { query: { ...params } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** All police directorates with their districts. */
export function useDirectorates() {
  return useQuery({
    queryKey: ['directorates'],
    queryFn: () => apiRequest<Directorate[]>('/api/directorates'),
    staleTime: 5 * 60_000,
  });
}

/** A municipality as people read it: "Annaberg-Buchholz, Stadt (14521020)". */
export function municipalityLabel(m: Pick<Municipality, 'name' | 'ags'>): string {
  return `${m.name} (${m.ags})`;
}

/** The active districts (Kreise) with their police directorate. */
export function useDistricts() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => apiRequest<{ items: District[]; attribution: string[] }>('/api/districts'),
    staleTime: 5 * 60_000,
  });
}

/** The simplified boundaries (TopoJSON) with their attribution; public, cached by ETag. A 404 means none imported. */
export function useMapPayload() {
  return useQuery({
    queryKey: ['map', 'municipalities'],
    queryFn: () => apiRequest<MapPayload>('/api/map/municipalities', { expectUnauthenticated: true }),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export type ImportKind = 'gv100ad' | 'directorates' | 'boundaries';
export type ImportReport = Gv100adReport | DirectoratesReport | BoundariesReport;

export interface ImportRequest {
  kind: ImportKind;
  dryRun: boolean;
  /** An uploaded file, or else the address to download. */
  file: File | null;
  url: string;
  /** GV100AD: two-digit state key or "all"; empty for the configured default. */
  state: string;
  /** Boundaries: which level the file holds. */
  level: 'municipalities' | 'districts';
}

/** Runs an admin import (dry run: a preview of the change report). */
export function useTerritoryImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: ImportRequest) => {
      const query: Record<string, string> = { dryRun: String(r.dryRun) };
      if (r.kind === 'gv100ad' && r.state) query.state = r.state;
      if (r.kind === 'boundaries') query.level = r.level;
      let body: FormData | { url: string };
      if (r.file) {
        body = new FormData();
        body.append('file', r.file, r.file.name);
      } else {
        body = { url: r.url.trim() };
      }
      return apiRequest<ImportReport>(`/api/admin/imports/${r.kind}`, { method: 'POST', query, body });
    },
    onSuccess: (report) => {
      if (report.dryRun) return;
      // Directory, directorates and map feed every list, figure and map of the app.
      void queryClient.invalidateQueries();
    },
  });
}
