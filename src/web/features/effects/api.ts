import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EffectEstimate, EffectList, FollowUp, StatewideEffects } from '../../../shared/effects.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** The estimates of one municipality or one funded project. */
export function useEffects(source: { ags: string } | { projectId: number }) {
  const url = 'ags' in source ? `/api/effects/municipalities/${source.ags}` : `/api/effects/projects/${source.projectId}`;
  return useQuery({ queryKey: ['effects', url], queryFn: () => apiRequest<EffectList>(url) });
}

/** The effects per field of action of a year, in the caller's scope. */
export function useStatewideEffects(year: number) {
  return useQuery({
    queryKey: ['effects', 'statewide', year],
    queryFn: () => apiRequest<StatewideEffects>('/api/effects/statewide', { query: { year } }),
  });
}

/**
 * The address of an export of the estimates (CSV or XLSX), its headers and labels in the language on
 * screen (a download link sends the browser's language, not the app's).
 */
export function effectsExportUrl(
  format: 'csv' | 'xlsx',
  q: { ags?: string; projectId?: number; year?: number },
  lang: 'de' | 'en',
): string {
  const params = new URLSearchParams({ format });
  if (q.ags) params.set('ags', q.ags);
  if (q.projectId) params.set('projectId', String(q.projectId));
  if (q.year) params.set('year', String(q.year));
  params.set('lang', lang);
  return `/api/effects/export?${params.toString()}`;
}

/** The follow-up of a security analysis: baseline year against the latest figures. */
export function useAnalysisFollowUp(analysisId: number) {
  return useQuery({
    queryKey: ['effects', 'follow-up', analysisId],
    queryFn: () => apiRequest<FollowUp>(`/api/effects/security-analyses/${analysisId}/follow-up`),
  });
}

/** Records the comparison group the LPR chose (with the current version when one is recorded); refreshes every estimate. */
export function useSetComparison(e: EffectEstimate) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { units: string[]; reason: string; version?: number }) =>
      apiRequest<EffectEstimate>(`/api/effects/comparisons/${e.interventionKind}/${e.interventionId}/${encodeURIComponent(e.field.code)}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['effects'] }),
  });
}

/** Returns the comparison group to the automatic choice. */
export function useClearComparison(e: EffectEstimate) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest<EffectEstimate>(`/api/effects/comparisons/${e.interventionKind}/${e.interventionId}/${encodeURIComponent(e.field.code)}`, {
        method: 'DELETE',
        query: { version },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['effects'] }),
  });
}
