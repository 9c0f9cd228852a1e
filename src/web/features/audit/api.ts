import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditFacets } from '../../../shared/audit.schema.ts';
import { apiRequest, toQueryString } from '../../lib/api-client.ts';
import type { Page } from '../territory/index.ts';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: number;
  action?: string;
  from?: string;
  to?: string;
}

export function useAuditEntries(filter: AuditFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filter, page, pageSize],
    queryFn: () => apiRequest<Page<AuditEntry>>('/api/audit', { query: { ...filter, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the same filtered entries (the browser downloads it with the session cookie). */
export function auditCsvUrl(filter: AuditFilter): string {
  return `/api/audit.csv${toQueryString({ ...filter })}`;
}

/** The actions and entity types the trail holds, for the filter's choices. */
export function useAuditFacets() {
  return useQuery({ queryKey: ['audit', 'facets'], queryFn: () => apiRequest<AuditFacets>('/api/audit/facets'), staleTime: 60_000 });
}
