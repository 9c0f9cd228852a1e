import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../shared/roles.ts';
import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/users.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { Page } from '../territory/index.ts';

export type UserSort = 'email' | 'displayName' | 'role' | 'createdAt';

export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  sort: UserSort;
  order: 'asc' | 'desc';
}

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: ['users', 'list', params],
    queryFn: () => apiRequest<Page<User>>('/api/users', { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: number) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => apiRequest<User>(`/api/users/${id}`),
  });
}

/** Creates an account; the answer carries the one-time password, shown once, or null when an invitation was mailed. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      apiRequest<{ user: User; oneTimePassword: string | null; invitationSent: boolean }>('/api/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', 'list'] }),
  });
}

/** Changes an account; a stale `version` fails with 409 and the current record. */
export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => apiRequest<User>(`/api/users/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(['users', 'one', id], user);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}

/** Sets a new one-time password; the user must change it at the next sign-in. */
export function useResetPassword(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ oneTimePassword: string }>(`/api/users/${id}/reset-password`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
