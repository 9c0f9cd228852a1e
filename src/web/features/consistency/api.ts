import { useQuery } from '@tanstack/react-query';
import type { ConsistencyReport } from '../../../shared/consistency.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** Every contradiction across the modules at today (`GET /api/consistency`). */
export function useConsistencyReport() {
  return useQuery({ queryKey: ['consistency'], queryFn: () => apiRequest<ConsistencyReport>('/api/consistency') });
}
