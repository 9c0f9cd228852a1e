import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Course,
  CreateCourseInput,
  Enrolment,
  Programme,
  TrainingFigures,
  UpdateCourseInput,
  UpdateEnrolmentInput,
} from '../../../shared/training.schema.ts';
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
export function useCourse(id: number | null) {
  return useQuery({
    queryKey: ['training', 'course', id],
    queryFn: () => apiRequest<Course>(`/api/training/courses/${id}`),
    enabled: id !== null,
  });
}
export function useCreateCourse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCourseInput) => apiRequest<Course>('/api/training/courses', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
}
/** Changes a course's title, place, capacity or notes, with its version. */
export function useUpdateCourse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCourseInput & { id: number }) =>
      apiRequest<Course>(`/api/training/courses/${id}`, { method: 'PATCH', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
}
/** Records attendance (modules attended), completion or withdrawal of an enrolment, with its version. */
export function useUpdateEnrolment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateEnrolmentInput & { id: number }) =>
      apiRequest<Enrolment>(`/api/training/enrolments/${id}`, { method: 'PATCH', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
}
export const trainingExportUrl = (level: 'district' | 'municipality', format: 'csv' | 'xlsx') =>
  `/api/training/figures/export?level=${level}&format=${format}`;
