import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateOrganisationInput,
  CreatePersonInput,
  Organisation,
  Person,
  UpdateOrganisationInput,
  UpdatePersonInput,
} from '../../../shared/organisations.schema.ts';
import type { PersonExportWithMentions } from '../../../shared/gdpr.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export function usePeople(ags?: string) {
  return useQuery({
    queryKey: ['people', ags ?? 'all'],
    queryFn: () => apiRequest<Page<Person>>('/api/people', { query: { ags, pageSize: 500 } }),
  });
}

export function useOrganisations(ags?: string) {
  return useQuery({
    queryKey: ['organisations', ags ?? 'all'],
    queryFn: () => apiRequest<Page<Organisation>>('/api/organisations', { query: { ags, pageSize: 500 } }),
  });
}

/** Organisations whose name contains the search text (the server searches), at most `pageSize`. */
export function useOrganisationSearch(query: { q?: string; ags?: string; pageSize: number }) {
  return useQuery({
    queryKey: ['organisations', 'search', query],
    queryFn: () => apiRequest<Page<Organisation>>('/api/organisations', { query }),
  });
}

/** A mutation that refreshes the given caches when it succeeds. */
function useWrite<I, O>(fn: (input: I) => Promise<O>, keys: readonly (readonly unknown[])[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      for (const k of keys) await qc.invalidateQueries({ queryKey: k });
    },
  });
}

export const useCreateOrganisation = () =>
  useWrite(
    (input: CreateOrganisationInput) => apiRequest<Organisation>('/api/organisations', { method: 'POST', body: input }),
    [['organisations'], ['people']],
  );
export const useCreatePerson = () =>
  useWrite(
    (input: CreatePersonInput) => apiRequest<Person>('/api/people', { method: 'POST', body: input }),
    [['people'], ['organisations']],
  );
export const useUpdateOrganisation = () =>
  useWrite(
    ({ id, ...body }: UpdateOrganisationInput & { id: number }) =>
      apiRequest<Organisation>(`/api/organisations/${id}`, { method: 'PATCH', body }),
    [['organisations'], ['people']],
  );
export const useUpdatePerson = () =>
  useWrite(
    ({ id, ...body }: UpdatePersonInput & { id: number }) => apiRequest<Person>(`/api/people/${id}`, { method: 'PATCH', body }),
    [['people'], ['organisations'], ['councils']],
  );
/** Erasure also anonymises the person's council memberships, so the councils are refreshed too. */
export const useErasePerson = () =>
  useWrite(
    ({ id, version, reason }: { id: number; version: number; reason: string }) =>
      apiRequest<unknown>(`/api/people/${id}/erase`, { method: 'POST', body: { version, reason } }),
    [['people'], ['organisations'], ['councils']],
  );

/** Where the person is mentioned (the export's mentions), for the review before an erasure. */
export function usePersonMentions(personId: number | null) {
  return useQuery({
    queryKey: ['people', 'mentions', personId],
    queryFn: () => apiRequest<PersonExportWithMentions>(`/api/people/${personId}/export`, { query: { format: 'json' } }),
    enabled: personId !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

/** The GDPR export of one person. */
export const exportUrl = (personId: number, format: 'json' | 'pdf') => `/api/people/${personId}/export?format=${format}`;

/** Names of the coordinator's communes (the municipalities route is scoped by the server). */
export function useCommuneNames(communes: readonly string[]) {
  const q = useQuery({
    queryKey: ['councils', 'commune-names', communes],
    queryFn: () => apiRequest<{ items: { ags: string; name: string }[] }>('/api/municipalities', { query: { pageSize: 500 } }),
    enabled: communes.length > 0,
    staleTime: 10 * 60_000,
  });
  const names = new Map((q.data?.items ?? []).map((m) => [m.ags, m.name]));
  return (ags: string) => names.get(ags) ?? ags;
}
