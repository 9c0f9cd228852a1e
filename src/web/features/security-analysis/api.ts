import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdoptInput,
  Analysis,
  AnalysisPhase,
  AnalysisPage,
  AreasInput,
  CreateAnalysisInput,
  CreateFindingInput,
  CreateRecommendationInput,
  DecisionInput,
  FindingOut,
  Profile,
  RecommendationOut,
  Report,
  ReportHead,
  ReportEditInput,
  UpdateAnalysisInput,
  UpdateFindingInput,
  UpdatePhaseInput,
  UpdateRecommendationInput,
} from '../../../shared/security-analysis.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

const BASE = '/api/security-analyses';

export const SA_PATHS = {
  overview: '/security-analyses',
  analysis: (id: number) => `/security-analyses/${id}`,
  report: (id: number, n: number) => `/security-analyses/${id}/reports/${n}`,
  pdf: (id: number, n: number) => `${BASE}/${id}/reports/${n}/report.pdf`,
} as const;

/** The analyses (and the history's analyses without a record); with `completedBy`, those completed by that date, in an area. */
export function useAnalyses(q: { late?: boolean; completedBy?: string; district?: string; directorateId?: number }) {
  return useQuery({
    queryKey: ['security-analyses', 'list', q],
    queryFn: () =>
      apiRequest<AnalysisPage>(BASE, {
        query: {
          late: q.late ? 'true' : undefined,
          completedBy: q.completedBy,
          district: q.district,
          directorateId: q.directorateId,
          pageSize: 500,
        },
      }),
  });
}

export function useAnalysis(id: number) {
  return useQuery({ queryKey: ['security-analyses', id], queryFn: () => apiRequest<Analysis>(`${BASE}/${id}`) });
}

export function useProfile(id: number) {
  return useQuery({ queryKey: ['security-analyses', id, 'profile'], queryFn: () => apiRequest<Profile>(`${BASE}/${id}/profile`) });
}

export function useReport(id: number, n: number) {
  return useQuery({ queryKey: ['security-analyses', id, 'report', n], queryFn: () => apiRequest<Report>(`${BASE}/${id}/reports/${n}`) });
}

export function useFieldsOfAction() {
  return useQuery({
    queryKey: ['crime-stats', 'offences'],
    queryFn: () => apiRequest<{ fieldsOfAction: { id: number; code: string; name: string }[] }>('/api/crime-stats/offences'),
    staleTime: 5 * 60_000,
  });
}

/** A mutation that refreshes every security-analysis query afterwards (also after a 409, so the form shows the current state). */
function useSaMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['security-analyses'] });
    },
  });
}

export const useCreateAnalysis = () =>
  useSaMutation((b: Partial<CreateAnalysisInput> & { ags: string; contractor: string }) =>
    apiRequest<Analysis>(BASE, { method: 'POST', body: b }),
  );
export const useUpdatePhase = (id: number) =>
  useSaMutation((b: UpdatePhaseInput & { phase: AnalysisPhase }) => {
    const { phase, ...body } = b;
    return apiRequest<Analysis>(`${BASE}/${id}/phases/${phase}`, { method: 'PATCH', body });
  });
export const useMilestone = (id: number, which: 'start' | 'complete') =>
  useSaMutation((b: { version: number; date: string }) => apiRequest<Analysis>(`${BASE}/${id}/${which}`, { method: 'POST', body: b }));
export const useCreateFinding = (id: number) =>
  useSaMutation((b: CreateFindingInput) => apiRequest<FindingOut>(`${BASE}/${id}/findings`, { method: 'POST', body: b }));
export const useCreateRecommendation = (id: number) =>
  useSaMutation((b: CreateRecommendationInput) =>
    apiRequest<RecommendationOut>(`${BASE}/${id}/recommendations`, { method: 'POST', body: b }),
  );
export const useDecide = (id: number) =>
  useSaMutation((b: Partial<DecisionInput> & { version: number; decision: DecisionInput['decision']; recommendationId: number }) => {
    const { recommendationId, ...body } = b;
    return apiRequest<RecommendationOut>(`${BASE}/${id}/recommendations/${recommendationId}/decision`, { method: 'POST', body });
  });
export const useAdopt = (id: number) =>
  useSaMutation((b: Partial<AdoptInput> & { version: number; target: AdoptInput['target']; recommendationId: number }) => {
    const { recommendationId, ...body } = b;
    return apiRequest<RecommendationOut>(`${BASE}/${id}/recommendations/${recommendationId}/adopt`, { method: 'POST', body });
  });
export const useCreateReport = (id: number) =>
  useSaMutation((b: { kind: 'draft' | 'final'; version: number; confirm?: boolean }) =>
    apiRequest<ReportHead>(`${BASE}/${id}/reports`, { method: 'POST', body: b }),
  );
export const useUpdateFinding = (id: number) =>
  useSaMutation((b: UpdateFindingInput & { findingId: number }) => {
    const { findingId, ...body } = b;
    return apiRequest<FindingOut>(`${BASE}/${id}/findings/${findingId}`, { method: 'PATCH', body });
  });
export const useDeleteFinding = (id: number) =>
  useSaMutation((b: { findingId: number; version: number }) =>
    apiRequest<null>(`${BASE}/${id}/findings/${b.findingId}`, { method: 'DELETE', body: { version: b.version } }),
  );
export const useUpdateRecommendation = (id: number) =>
  useSaMutation((b: UpdateRecommendationInput & { recommendationId: number }) => {
    const { recommendationId, ...body } = b;
    return apiRequest<RecommendationOut>(`${BASE}/${id}/recommendations/${recommendationId}`, { method: 'PATCH', body });
  });
export const useDeleteRecommendation = (id: number) =>
  useSaMutation((b: { recommendationId: number; version: number }) =>
    apiRequest<null>(`${BASE}/${id}/recommendations/${b.recommendationId}`, { method: 'DELETE', body: { version: b.version } }),
  );
export const useUpdateAnalysis = (id: number) =>
  useSaMutation((b: UpdateAnalysisInput) => apiRequest<Analysis>(`${BASE}/${id}`, { method: 'PATCH', body: b }));
export const useEditReport = (id: number, n: number) =>
  useSaMutation((b: ReportEditInput) => apiRequest<ReportHead>(`${BASE}/${id}/reports/${n}`, { method: 'PATCH', body: b }));
export const useSaveAreas = (id: number) =>
  useSaMutation((b: AreasInput) => apiRequest<Analysis>(`${BASE}/${id}/areas`, { method: 'PUT', body: b }));
