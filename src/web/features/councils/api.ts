import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddMemberInput,
  Council,
  councilCountsSchema,
  councilListItemSchema,
  CreateMeetingInput,
  CreateTaskInput,
  feedTokenSchema,
  FoundCouncilInput,
  Meeting,
  MeetingSummary,
  Member,
  Priorities,
  Priority,
  CreatePriorityInput,
  Task,
  UpdateCouncilInput,
  UpdateMeetingInput,
  UpdateMemberInput,
  UpdatePriorityInput,
  UpdateTaskInput,
} from '../../../shared/councils.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

export type CouncilListItem = z.infer<typeof councilListItemSchema>;
export type CouncilCounts = z.infer<typeof councilCountsSchema>;
export type FeedToken = z.infer<typeof feedTokenSchema>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const COUNCIL_PATHS = {
  list: '/councils',
  counts: '/council-counts',
  found: '/councils/new',
  council: (id: number) => `/councils/${id}`,
  meeting: (id: number) => `/councils/meetings/${id}`,
} as const;

const KEY = ['councils'] as const;

/** The query key of one council's record (refreshed after a change of its documents). */
export const councilKey = (id: number) => [...KEY, id];

export function useCouncils() {
  return useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: () => apiRequest<Page<CouncilListItem>>('/api/councils', { query: { pageSize: 200 } }),
  });
}

export function useCouncil(id: number) {
  return useQuery({ queryKey: councilKey(id), queryFn: () => apiRequest<Council>(`/api/councils/${id}`) });
}

export function useMembers(id: number) {
  return useQuery({ queryKey: [...KEY, id, 'members'], queryFn: () => apiRequest<Member[]>(`/api/councils/${id}/members`) });
}

export function useMeetings(id: number, when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: [...KEY, id, 'meetings', when],
    queryFn: () => apiRequest<Page<MeetingSummary>>(`/api/councils/${id}/meetings`, { query: { when, pageSize: 20 } }),
  });
}

export function useTasks(id: number) {
  return useQuery({
    queryKey: [...KEY, id, 'tasks'],
    queryFn: () => apiRequest<Page<Task>>(`/api/councils/${id}/tasks`, { query: { status: 'unfinished', pageSize: 100 } }),
  });
}

export function useCouncilCounts() {
  return useQuery({ queryKey: [...KEY, 'counts'], queryFn: () => apiRequest<CouncilCounts>('/api/councils/counts') });
}

export function useMeeting(id: number) {
  return useQuery({ queryKey: [...KEY, 'meeting', id], queryFn: () => apiRequest<Meeting>(`/api/meetings/${id}`) });
}

export function useOverdueTasks(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'overdue'], queryFn: () => apiRequest<Task[]>('/api/tasks/overdue'), enabled });
}

/** A mutation that refreshes the given caches (by default the councils) when it succeeds. */
function useWrite<I, O>(fn: (input: I) => Promise<O>, keys: readonly (readonly unknown[])[] = [KEY]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      for (const k of keys) await qc.invalidateQueries({ queryKey: k });
    },
  });
}

export const useFoundCouncil = () =>
  useWrite((input: FoundCouncilInput) => apiRequest<Council>('/api/councils', { method: 'POST', body: input }));
export const useAddMember = (councilId: number) =>
  useWrite((input: AddMemberInput) => apiRequest<Member>(`/api/councils/${councilId}/members`, { method: 'POST', body: input }));
export const useUpdateCouncil = (councilId: number) =>
  useWrite((input: UpdateCouncilInput) => apiRequest<Council>(`/api/councils/${councilId}`, { method: 'PATCH', body: input }));
export const useUpdateMember = (councilId: number) =>
  useWrite(({ memberId, ...input }: UpdateMemberInput & { memberId: number }) =>
    apiRequest<Member>(`/api/councils/${councilId}/members/${memberId}`, { method: 'PATCH', body: input }),
  );
export const useCreateMeeting = (councilId: number) =>
  useWrite((input: CreateMeetingInput) => apiRequest<Meeting>(`/api/councils/${councilId}/meetings`, { method: 'POST', body: input }));
export const useUpdateMeeting = (meetingId: number) =>
  useWrite((input: UpdateMeetingInput) => apiRequest<Meeting>(`/api/meetings/${meetingId}`, { method: 'PATCH', body: input }));
export const useCreateTask = (councilId: number) =>
  useWrite((input: CreateTaskInput) => apiRequest<Task>(`/api/councils/${councilId}/tasks`, { method: 'POST', body: input }));
export const useUpdateTask = () =>
  useWrite(({ id, ...input }: UpdateTaskInput & { id: number }) => apiRequest<Task>(`/api/tasks/${id}`, { method: 'PATCH', body: input }));
export const useRotateFeed = (councilId: number) =>
  useWrite((version: number) => apiRequest<FeedToken>(`/api/councils/${councilId}/feed-token`, { method: 'POST', body: { version } }));

/** A municipality's problem fields and prevention areas, its completed steps and the fields-of-action catalogue. */
const prioritiesKey = (ags: string) => [...KEY, 'priorities', ags];
export function usePriorities(ags: string) {
  return useQuery({
    queryKey: prioritiesKey(ags),
    queryFn: () => apiRequest<Priorities>(`/api/municipalities/${ags}/priorities`),
    // A coordinator of another municipality is refused (403): nothing to retry.
    retry: false,
  });
}
export const useCreatePriority = (ags: string) =>
  useWrite(
    (input: CreatePriorityInput) => apiRequest<Priority>(`/api/municipalities/${ags}/priorities`, { method: 'POST', body: input }),
    [prioritiesKey(ags)],
  );
/** Changes an entry; a stale version (409) reloads the list, so the form shows the current entry. */
export function useUpdatePriority(ags: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdatePriorityInput & { id: number }) =>
      apiRequest<Priority>(`/api/priorities/${id}`, { method: 'PATCH', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: prioritiesKey(ags) }),
  });
}
export const useCompletePriorityStep = (ags: string) =>
  useWrite(
    (input: { step: Priority['kind']; date: string }) =>
      apiRequest<Priorities>(`/api/municipalities/${ags}/priorities/complete`, { method: 'POST', body: input }),
    [prioritiesKey(ags)],
  );

/** Download addresses. */
export const membersExportUrl = (councilId: number, format: 'xlsx' | 'csv') => `/api/councils/${councilId}/members.${format}`;
export const icsUrl = (meetingId: number) => `/api/meetings/${meetingId}/ics`;
