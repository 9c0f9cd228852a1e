import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { QuestionnaireDefinition } from '../../../shared/survey-questionnaire.ts';
import type {
  codesBatchListSchema,
  CreateSurveyInput,
  createCodesResultSchema,
  LettersJob,
  PaperReturnInput,
  paperReturnResultSchema,
  questionnaireVersionListSchema,
  questionnaireVersionSchema,
  responseImportResultSchema,
  SurveyDetail,
  surveyListSchema,
  SurveyStatusName,
  UpdateSurveyInput,
} from '../../../shared/surveys.schema.ts';
import { apiRequest, toQueryString } from '../../lib/api-client.ts';

/* The staff's survey calls (list, record, questionnaire versions, codes and letters, paper returns, imports). */

export type SurveyList = z.infer<typeof surveyListSchema>;
export type SurveyListItem = SurveyList['items'][number];
export type QuestionnaireVersion = z.infer<typeof questionnaireVersionSchema>;
export type QuestionnaireVersionList = z.infer<typeof questionnaireVersionListSchema>;
export type CodesBatchList = z.infer<typeof codesBatchListSchema>;
export type CodesBatch = CodesBatchList['items'][number];
export type CreateCodesResult = z.infer<typeof createCodesResultSchema>;
export type PaperReturnResult = z.infer<typeof paperReturnResultSchema>;
export type ResponseImportResult = z.infer<typeof responseImportResultSchema>;

const KEY = ['surveys'] as const;

/** The surveys of the user's scope. Few per year, so the page sorts and pages them itself (up to 500). */
export function useSurveys(params: { status?: SurveyStatusName; q?: string }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => apiRequest<SurveyList>('/api/surveys', { query: { ...params, page: 1, pageSize: 500 } }),
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: number) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => apiRequest<SurveyDetail>(`/api/surveys/${id}`) });
}

export function useCreateSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSurveyInput) => apiRequest<SurveyDetail>('/api/surveys', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export function useUpdateSurvey(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSurveyInput) => apiRequest<SurveyDetail>(`/api/surveys/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
    // A 409 means someone else changed the survey: load the current state (and its version).
    onError: () => qc.invalidateQueries({ queryKey: [...KEY, id] }),
  });
}

export function useDeleteSurvey(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => apiRequest<void>(`/api/surveys/${id}`, { method: 'DELETE', query: { version } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

/** Starts fieldwork (draft → fieldwork) or closes it (fieldwork → closed). */
export function useSurveyTransition(id: number, action: 'start' | 'close') {
  const qc = useQueryClient();
  return useMutation({
    /** Closing discards paper returns still waiting for their second entry only when told so. */
    mutationFn: (input: { version: number; discardPendingPaperEntries?: boolean }) =>
      apiRequest<SurveyDetail>(`/api/surveys/${id}/${action}`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useQuestionnaire(id: number) {
  return useQuery({
    queryKey: [...KEY, id, 'questionnaire'],
    queryFn: () => apiRequest<QuestionnaireVersion>(`/api/surveys/${id}/questionnaire`),
  });
}

export function useQuestionnaireVersions(id: number) {
  return useQuery({
    queryKey: [...KEY, id, 'questionnaire', 'versions'],
    queryFn: () => apiRequest<QuestionnaireVersionList>(`/api/surveys/${id}/questionnaire/versions`),
  });
}

export function useQuestionnaireVersion(id: number, version: number | null) {
  return useQuery({
    queryKey: [...KEY, id, 'questionnaire', 'versions', version],
    queryFn: () => apiRequest<QuestionnaireVersion>(`/api/surveys/${id}/questionnaire/versions/${version}`),
    enabled: version !== null,
  });
}

/** Saves the questionnaire as a new version; a stale `basedOnVersion` answers 409. */
export function useSaveQuestionnaire(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { basedOnVersion: number; definition: QuestionnaireDefinition }) =>
      apiRequest<QuestionnaireVersion>(`/api/surveys/${id}/questionnaire`, { method: 'PUT', body: input }),
    onSuccess: (saved) => {
      qc.setQueryData([...KEY, id, 'questionnaire'], saved);
      void qc.invalidateQueries({ queryKey: [...KEY, id] });
    },
  });
}

/** Restores an older questionnaire version as a new version; a stale `basedOnVersion` answers 409. */
export function useRestoreQuestionnaireVersion(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; basedOnVersion: number }) =>
      apiRequest<QuestionnaireVersion>(`/api/surveys/${id}/questionnaire/versions/${input.version}/restore`, {
        method: 'POST',
        body: { basedOnVersion: input.basedOnVersion },
      }),
    onSuccess: (saved) => {
      qc.setQueryData([...KEY, id, 'questionnaire'], saved);
      void qc.invalidateQueries({ queryKey: [...KEY, id] });
    },
  });
}

export function useCodeBatches(id: number) {
  return useQuery({ queryKey: [...KEY, id, 'batches'], queryFn: () => apiRequest<CodesBatchList>(`/api/surveys/${id}/codes/batches`) });
}

export function useCreateCodes(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { ags: string; count: number }) =>
      apiRequest<CreateCodesResult>(`/api/surveys/${id}/codes`, { method: 'POST', body: input }),
    onSuccess: async () => {
      // A first load of the batches still in flight started before the new batch existed: drop it, then load anew.
      await qc.cancelQueries({ queryKey: [...KEY, id, 'batches'] });
      await qc.invalidateQueries({ queryKey: [...KEY, id] });
    },
  });
}

export function lettersUrl(id: number, batch: number, kind: 'invitation' | 'reminder'): string {
  return `/api/surveys/${id}/codes/batches/${batch}/letters.pdf${toQueryString({ kind })}`;
}

/** Batches above this size get their letters from a background job (progress, then a download); smaller ones directly. */
export const DIRECT_LETTERS_MAX = 500;

const lettersJobsKey = (id: number) => [...KEY, id, 'letters-jobs'];

export function useStartLettersJob(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { batch: number; kind: 'invitation' | 'reminder' }) =>
      apiRequest<LettersJob>(`/api/surveys/${id}/codes/batches/${input.batch}/letters-jobs`, {
        method: 'POST',
        body: { kind: input.kind },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: lettersJobsKey(id) }),
  });
}

/** The survey's recent letters jobs (newest first), asked again every second while one of them is queued or running. */
export function useLettersJobs(id: number) {
  return useQuery({
    queryKey: lettersJobsKey(id),
    queryFn: () => apiRequest<LettersJob[]>(`/api/surveys/${id}/letters-jobs`),
    refetchInterval: (q) => (q.state.data?.some((j) => j.state === 'queued' || j.state === 'running') ? 1000 : false),
  });
}

export function lettersJobFileUrl(id: number, jobId: number): string {
  return `/api/surveys/${id}/letters-jobs/${jobId}/letters.pdf`;
}

export function codesCsvUrl(id: number, batch: number): string {
  return `/api/surveys/${id}/codes/batches/${batch}/codes.csv`;
}

export function usePaperReturn(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PaperReturnInput) =>
      apiRequest<PaperReturnResult>(`/api/surveys/${id}/paper-returns`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, id] }),
  });
}

export function useImportResponses(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: 'preview' | 'commit' }) => {
      const form = new FormData();
      form.append('file', file);
      return apiRequest<ResponseImportResult>(`/api/surveys/${id}/imports/responses`, { method: 'POST', query: { mode }, body: form });
    },
    onSuccess: (r) => {
      if (r.mode === 'commit') void qc.invalidateQueries({ queryKey: [...KEY, id] });
    },
  });
}

export const surveyPaths = {
  list: '/surveys',
  create: '/surveys/new',
  detail: (id: number) => `/surveys/${id}`,
  questionnaire: (id: number) => `/surveys/${id}/questionnaire`,
  version: (id: number, v: number) => `/surveys/${id}/questionnaire/versions/${v}`,
  codes: (id: number) => `/surveys/${id}/codes`,
  paper: (id: number) => `/surveys/${id}/paper`,
  import: (id: number) => `/surveys/${id}/import`,
  results: (id: number) => `/surveys/${id}/results`,
} as const;
