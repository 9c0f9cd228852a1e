import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Figures, FigureKey, MunicipalityStatus, PublicFigureRows } from '../../../shared/alliance.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { FactBox } from './api.ts';

/*
 * The public page's endpoints: no session needed, no personal data. Figures, fact box and members
 * answer 404 until an admin publishes the page.
 */

const PUBLIC = ['public-alliance'] as const;

export interface PublicInfo {
  enabled: boolean;
  programmeName: string;
  programmeStart: string;
}

export interface PublicMember {
  ags: string;
  name: string;
  districtAgs: string;
  status: MunicipalityStatus;
  inCollaboration: boolean;
  coveredByAgreement: boolean;
}

export function usePublicInfo() {
  return useQuery({
    queryKey: [...PUBLIC, 'info'],
    queryFn: () => apiRequest<PublicInfo>('/api/public/alliance', { expectUnauthenticated: true }),
  });
}

export function usePublicFigures(at: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PUBLIC, 'figures', at],
    queryFn: () => apiRequest<Figures>('/api/public/alliance/figures', { query: { at }, expectUnauthenticated: true }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePublicFactBox(at: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PUBLIC, 'fact-box', at],
    queryFn: () => apiRequest<FactBox>('/api/public/alliance/fact-box', { query: { at }, expectUnauthenticated: true }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePublicMembers(at: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PUBLIC, 'members', at],
    queryFn: () => apiRequest<PublicMember[]>('/api/public/alliance/members', { query: { at }, expectUnauthenticated: true }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** What a published figure counts at the date in the area (the public drill-down; names and dates only). */
export function usePublicFigureRows(q: { figure: FigureKey; at: string; district?: string; directorateId?: number } | null) {
  return useQuery({
    queryKey: [...PUBLIC, 'figure-rows', q],
    queryFn: () => apiRequest<PublicFigureRows>('/api/public/alliance/figure-rows', { query: q ?? {}, expectUnauthenticated: true }),
    enabled: q !== null,
  });
}
