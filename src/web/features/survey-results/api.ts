import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MarginsInput,
  ResultSurveys,
  SurveyBenchmark,
  SurveyComparison,
  SurveyCrosstab,
  SurveyIndices,
  SurveyMargins,
  SurveyResults,
} from '../../../shared/survey-results.schema.ts';
import { apiRequest, toQueryString } from '../../lib/api-client.ts';
import { currentLanguage } from '../../lib/i18n.ts';

export const RESULTS_PATHS = {
  results: (id: number | string) => `/surveys/${id}/results`,
  margins: (id: number | string) => `/surveys/${id}/margins`,
  survey: (id: number | string) => `/surveys/${id}`,
  benchmark: (surveyId?: number) => (surveyId === undefined ? '/survey-benchmark' : `/survey-benchmark?surveyId=${surveyId}`),
} as const;

/** The surveys whose results the user may read, searched by title. */
export function useResultSurveys(query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['survey-results', 'list', query],
    queryFn: () => apiRequest<ResultSurveys>('/api/survey-results', { query }),
    placeholderData: keepPreviousData,
  });
}

const base = (id: number) => `/api/surveys/${id}`;
const w = (weighted: boolean) => ({ weighted: String(weighted) });

export function useSurveyResults(id: number, weighted: boolean) {
  return useQuery({
    queryKey: ['survey-results', id, 'results', weighted],
    queryFn: () => apiRequest<SurveyResults>(`${base(id)}/results`, { query: w(weighted) }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyIndices(id: number, weighted: boolean) {
  return useQuery({
    queryKey: ['survey-results', id, 'indices', weighted],
    queryFn: () => apiRequest<SurveyIndices>(`${base(id)}/indices`, { query: w(weighted) }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyComparison(id: number, weighted: boolean) {
  return useQuery({
    queryKey: ['survey-results', id, 'comparison', weighted],
    queryFn: () => apiRequest<SurveyComparison>(`${base(id)}/comparison`, { query: w(weighted) }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyCrosstab(id: number, weighted: boolean, row: string, col: string) {
  return useQuery({
    queryKey: ['survey-results', id, 'crosstab', weighted, row, col],
    queryFn: () => apiRequest<SurveyCrosstab>(`${base(id)}/crosstab`, { query: { ...w(weighted), row, col } }),
    enabled: row !== '' && col !== '' && row !== col,
    placeholderData: keepPreviousData,
  });
}

/** The statewide benchmark; opened from a survey, that survey is marked and left out of "others". */
export function useSurveyBenchmark(surveyId: number | undefined, lang: string) {
  return useQuery({
    queryKey: ['survey-results', 'benchmark', surveyId ?? null, lang],
    queryFn: () =>
      apiRequest<SurveyBenchmark>('/api/survey-benchmark', {
        query: surveyId === undefined ? { lang } : { surveyId: String(surveyId), lang },
      }),
  });
}

export function useSurveyMargins(id: number) {
  return useQuery({ queryKey: ['survey-results', id, 'margins'], queryFn: () => apiRequest<SurveyMargins>(`${base(id)}/margins`) });
}

export function useSaveMargins(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarginsInput) => apiRequest<SurveyMargins>(`${base(id)}/margins`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['survey-results', id, 'margins'], saved);
      void queryClient.invalidateQueries({ queryKey: ['survey-results', id] });
    },
  });
}

/**
 * The address of a download. The tables and the codebook are written in the language on screen
 * (`lang`): a plain download link would send the browser's language, not the app's. The
 * anonymised responses carry codes only.
 */
export function exportHref(
  id: number,
  file: 'results.csv' | 'results.xlsx' | 'responses.csv' | 'codebook.csv',
  weighted?: boolean,
): string {
  const lang = file === 'responses.csv' ? undefined : currentLanguage();
  return `${base(id)}/${file}${toQueryString({ ...(weighted === undefined ? {} : w(weighted)), lang })}`;
}
