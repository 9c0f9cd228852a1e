import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoachingPage, CoachingProcess, Coach, StartCoachingInput, EndCoachingInput } from '../../../shared/coaching.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** The processes (and the history's processes without a record); with `runningAt`, those running at that date. */
export function useCoachingProcesses(runningAt?: string) {
  return useQuery({
    queryKey: ['coaching', 'processes', runningAt ?? null],
    queryFn: () => apiRequest<CoachingPage>('/api/coaching/processes', { query: { pageSize: 200, runningAt } }),
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
