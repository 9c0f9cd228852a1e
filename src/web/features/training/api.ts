import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Course, Enrolment, Programme, TrainingFigures } from '../../../shared/training.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export function useProgrammes() {
  return useQuery({
    queryKey: ['training', 'programmes'],
    queryFn: () => apiRequest<Programme[]>('/api/training/programmes'),
    staleTime: 10 * 60_000,
  });
}
export function useCourses() {
  return useQuery({
    queryKey: ['training', 'courses'],
    queryFn: () =>
      apiRequest<Page<Omit<Course, 'enrolments' | 'dates' | 'modules'>>>('/api/training/courses', { query: { pageSize: 200 } }),
  });
}
export function useTrainingFigures(level: 'district' | 'municipality') {
  return useQuery({
    queryKey: ['training', 'figures', level],
    queryFn: () => apiRequest<TrainingFigures>('/api/training/figures', { query: { level } }),
  });
}
export function useEnrol() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, personId }: { courseId: number; personId: number }) =>
      apiRequest<Enrolment>(`/api/training/courses/${courseId}/enrolments`, { method: 'POST', body: { personId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
}
export const trainingExportUrl = (level: 'district' | 'municipality', format: 'csv' | 'xlsx') =>
  `/api/training/figures/export?level=${level}&format=${format}`;
