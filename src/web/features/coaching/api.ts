import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddSessionInput,
  CoachingPage,
  Coach,
  CoachingProcess,
  CreateCoachInput,
  EndCoachingInput,
  StartCoachingInput,
  UpdateCoachingInput,
  UpdateCoachInput,
} from '../../../shared/coaching.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/**
 * The processes (and the history's processes without a record); with `runningAt`, those running at
 * that date; with `runningStartedBy`, those still running that started on or before that date.
 */
export function useCoachingProcesses(filter: { runningAt?: string; runningStartedBy?: string } = {}) {
  const { runningAt, runningStartedBy } = filter;
  return useQuery({
    queryKey: ['coaching', 'processes', runningAt ?? null, runningStartedBy ?? null],
    queryFn: () =>
      apiRequest<CoachingPage>('/api/coaching/processes', {
        query: { pageSize: 200, runningAt, ...(runningStartedBy ? { status: 'running', startedBy: runningStartedBy } : {}) },
      }),
  });
}
/** The running processes of one municipality (the alliance event form ends one in the same step). */
export function useRunningCoaching(ags: string, enabled: boolean) {
  return useQuery({
    queryKey: ['coaching', 'processes', 'running', ags],
    queryFn: () => apiRequest<CoachingPage>('/api/coaching/processes', { query: { ags, status: 'running', pageSize: 10 } }),
    enabled,
  });
}
export function useCoaches(enabled: boolean) {
  return useQuery({ queryKey: ['coaching', 'coaches'], queryFn: () => apiRequest<Coach[]>('/api/coaches'), enabled });
}

/** A mutation that refreshes the coaching caches when it succeeds. */
function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['coaching'] }) });
}

export const useStartCoaching = () =>
  useWrite((input: StartCoachingInput) => apiRequest<CoachingProcess>('/api/coaching/processes', { method: 'POST', body: input }));
export const useEndCoaching = () =>
  useWrite(({ id, ...input }: EndCoachingInput & { id: number }) =>
    apiRequest<CoachingProcess>(`/api/coaching/processes/${id}/end`, { method: 'POST', body: input }),
  );
export const useUpdateCoaching = () =>
  useWrite(({ id, ...input }: UpdateCoachingInput & { id: number }) =>
    apiRequest<CoachingProcess>(`/api/coaching/processes/${id}`, { method: 'PATCH', body: input }),
  );
export const useAddSession = () =>
  useWrite(({ id, ...input }: AddSessionInput & { id: number }) =>
    apiRequest<CoachingProcess>(`/api/coaching/processes/${id}/sessions`, { method: 'POST', body: input }),
  );
export const useCreateCoach = () =>
  useWrite((input: CreateCoachInput) => apiRequest<Coach>('/api/coaches', { method: 'POST', body: input }));
export const useUpdateCoach = () =>
  useWrite(({ id, ...input }: UpdateCoachInput & { id: number }) =>
    apiRequest<Coach>(`/api/coaches/${id}`, { method: 'PATCH', body: input }),
  );
