import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Directorate, Municipality } from '../../../shared/territory.schema.ts';
import { apiRequest } from '../../app/api-client.ts';

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
