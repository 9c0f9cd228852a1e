import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddMemberInput, Council, councilCountsSchema, councilListItemSchema, CreateMeetingInput, CreateTaskInput, feedTokenSchema, FoundCouncilInput, Meeting,
  MeetingSummary, Member, Task, UpdateMeetingInput, UpdateTaskInput,
} from '../../../shared/councils.schema.ts';
import type { CreateOrganisationInput, CreatePersonInput, Organisation, Person } from '../../../shared/organisations.schema.ts';

import type { CoachingProcess, Coach, StartCoachingInput, EndCoachingInput } from '../../../shared/coaching.schema.ts';
import type { Course, Enrolment, Programme, TrainingFigures } from '../../../shared/training.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

export type CouncilListItem = z.infer<typeof councilListItemSchema>;
export type CouncilCounts = z.infer<typeof councilCountsSchema>;
export type FeedToken = z.infer<typeof feedTokenSchema>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };


export const COUNCIL_PATHS = {
  list: '/councils',
  found: '/councils/new',
  council: (id: number) => `/councils/${id}`,
  meeting: (id: number) => `/councils/meetings/${id}`,
  people: '/people',
} as const;

const KEY = ['councils'] as const;

export function useCouncils() {
  return useQuery({ queryKey: [...KEY, 'list'], queryFn: () => apiRequest<Page<CouncilListItem>>('/api/councils', { query: { pageSize: 200 } }) });
}

export function useCouncil(id: number) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => apiRequest<Council>(`/api/councils/${id}`) });
}

export function useMembers(id: number) {
  return useQuery({ queryKey: [...KEY, id, 'members'], queryFn: () => apiRequest<Member[]>(`/api/councils/${id}/members`) });
}

export function useMeetings(id: number, when: 'upcoming' | 'past') {
  return useQuery({ queryKey: [...KEY, id, 'meetings', when], queryFn: () => apiRequest<Page<MeetingSummary>>(`/api/councils/${id}/meetings`, { query: { when, pageSize: 20 } }) });
}

export function useTasks(id: number) {
  return useQuery({ queryKey: [...KEY, id, 'tasks'], queryFn: () => apiRequest<Page<Task>>(`/api/councils/${id}/tasks`, { query: { status: 'unfinished', pageSize: 100 } }) });
}

export function useMeeting(id: number) {
  return useQuery({ queryKey: [...KEY, 'meeting', id], queryFn: () => apiRequest<Meeting>(`/api/meetings/${id}`) });
}

export function useOverdueTasks(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'overdue'], queryFn: () => apiRequest<Task[]>('/api/tasks/overdue'), enabled });
}

export function usePeople(ags?: string) {
  return useQuery({ queryKey: ['people', ags ?? 'all'], queryFn: () => apiRequest<Page<Person>>('/api/people', { query: { ags, pageSize: 500 } }) });
}

export function useOrganisations(ags?: string) {
  return useQuery({ queryKey: ['organisations', ags ?? 'all'], queryFn: () => apiRequest<Page<Organisation>>('/api/organisations', { query: { ags, pageSize: 500 } }) });
}

/** A mutation that refreshes the councils (and optionally people) caches when it succeeds. */
function useWrite<I, O>(fn: (input: I) => Promise<O>, keys: readonly (readonly unknown[])[] = [KEY]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: async () => { for (const k of keys) await qc.invalidateQueries({ queryKey: k }); } });
}

export const useFoundCouncil = () => useWrite((input: FoundCouncilInput) => apiRequest<Council>('/api/councils', { method: 'POST', body: input }));
export const useAddMember = (councilId: number) => useWrite((input: AddMemberInput) => apiRequest<Member>(`/api/councils/${councilId}/members`, { method: 'POST', body: input }));
export const useCreateMeeting = (councilId: number) => useWrite((input: CreateMeetingInput) => apiRequest<Meeting>(`/api/councils/${councilId}/meetings`, { method: 'POST', body: input }));
export const useUpdateMeeting = (meetingId: number) => useWrite((input: UpdateMeetingInput) => apiRequest<Meeting>(`/api/meetings/${meetingId}`, { method: 'PATCH', body: input }));
export const useCreateTask = (councilId: number) => useWrite((input: CreateTaskInput) => apiRequest<Task>(`/api/councils/${councilId}/tasks`, { method: 'POST', body: input }));
export const useUpdateTask = () => useWrite(({ id, ...input }: UpdateTaskInput & { id: number }) => apiRequest<Task>(`/api/tasks/${id}`, { method: 'PATCH', body: input }));
export const useRotateFeed = (councilId: number) => useWrite((version: number) => apiRequest<FeedToken>(`/api/councils/${councilId}/feed-token`, { method: 'POST', body: { version } }));
export const useCreateOrganisation = () => useWrite((input: CreateOrganisationInput) => apiRequest<Organisation>('/api/organisations', { method: 'POST', body: input }), [['organisations'], ['people']]);
export const useCreatePerson = () => useWrite((input: CreatePersonInput) => apiRequest<Person>('/api/people', { method: 'POST', body: input }), [['people'], ['organisations']]);
export const useErasePerson = () => useWrite(({ id, version, reason }: { id: number; version: number; reason: string }) => apiRequest<unknown>(`/api/people/${id}/erase`, { method: 'POST', body: { version, reason } }), [['people'], ['organisations'], KEY]);

/** Download addresses. */
export const icsUrl = (meetingId: number) => `/api/meetings/${meetingId}/ics`;
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

// ---- training and coaching ----



export function useProgrammes() {
  return useQuery({ queryKey: ['training', 'programmes'], queryFn: () => apiRequest<Programme[]>('/api/training/programmes'), staleTime: 10 * 60_000 });
}
export function useCourses() {
  return useQuery({ queryKey: ['training', 'courses'], queryFn: () => apiRequest<Page<Omit<Course, 'enrolments' | 'dates' | 'modules'>>>('/api/training/courses', { query: { pageSize: 200 } }) });
}
export function useTrainingFigures(level: 'district' | 'municipality') {
  return useQuery({ queryKey: ['training', 'figures', level], queryFn: () => apiRequest<TrainingFigures>('/api/training/figures', { query: { level } }) });
}
export const useEnrol = () => useWrite(({ courseId, personId }: { courseId: number; personId: number }) => apiRequest<Enrolment>(`/api/training/courses/${courseId}/enrolments`, { method: 'POST', body: { personId } }), [['training']]);
export const trainingExportUrl = (level: 'district' | 'municipality', format: 'csv' | 'xlsx') => `/api/training/figures/export?level=${level}&format=${format}`;

export function useCoachingProcesses() {
  return useQuery({ queryKey: ['coaching', 'processes'], queryFn: () => apiRequest<Page<CoachingProcess>>('/api/coaching/processes', { query: { pageSize: 200 } }) });
}
export function useCoaches(enabled: boolean) {
  return useQuery({ queryKey: ['coaching', 'coaches'], queryFn: () => apiRequest<Coach[]>('/api/coaches'), enabled });
}
export const useStartCoaching = () => useWrite((input: StartCoachingInput) => apiRequest<CoachingProcess>('/api/coaching/processes', { method: 'POST', body: input }), [['coaching']]);
export const useEndCoaching = () => useWrite(({ id, ...input }: EndCoachingInput & { id: number }) => apiRequest<CoachingProcess>(`/api/coaching/processes/${id}/end`, { method: 'POST', body: input }), [['coaching']]);
