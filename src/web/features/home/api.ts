import { useQuery } from '@tanstack/react-query';
import type { WorkQueue } from '../../../shared/work-queue.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** The work queue of the signed-in user's role (its labels in the language on screen). */
export function useWorkQueue(language: string, enabled = true) {
  return useQuery({
    queryKey: ['work-queue', language],
    queryFn: () => apiRequest<WorkQueue>('/api/work-queue'),
    enabled,
  });
}
