import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailSettings, MailStatus, OutboxMessage, OutboxMessageDetail, UpdateMailSettingsInput } from '../../../shared/mail.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { Page } from '../territory/index.ts';

/** Asks for a password-reset link; the answer is the same whether the address is known or not. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      apiRequest<{ message: string }>('/api/mail/password-reset', { method: 'POST', body: input, expectUnauthenticated: true }),
  });
}

/** Whether the link of an invitation or password reset can still be used. */
export function useLinkStatus(token: string) {
  return useQuery({
    queryKey: ['mail', 'link', token],
    queryFn: () =>
      apiRequest<{ purpose: 'invitation' | 'password-reset'; valid: boolean; email: string | null }>('/api/mail/links', {
        query: { token },
        expectUnauthenticated: true,
      }),
    enabled: token.length > 0,
    retry: false,
  });
}

/** Sets the new password with the link's token. */
export function useSetPasswordWithLink() {
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) =>
      apiRequest<void>('/api/mail/links/password', { method: 'POST', body: input, expectUnauthenticated: true }),
  });
}

export function useOutbox(params: { page: number; pageSize: number; status?: MailStatus }) {
  return useQuery({
    queryKey: ['mail', 'outbox', params],
    queryFn: () => apiRequest<Page<OutboxMessage>>('/api/mail/outbox', { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxMessage(id: number | null) {
  return useQuery({
    queryKey: ['mail', 'outbox', 'one', id],
    queryFn: () => apiRequest<OutboxMessageDetail>(`/api/mail/outbox/${id}`),
    enabled: id !== null,
  });
}

/** Queues a failed message again. */
export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<OutboxMessageDetail>(`/api/mail/outbox/${id}/retry`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['mail', 'outbox'] }),
  });
}

export function useMailSettings() {
  return useQuery({ queryKey: ['mail', 'settings'], queryFn: () => apiRequest<MailSettings>('/api/mail/settings') });
}

export function useUpdateMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMailSettingsInput) => apiRequest<MailSettings>('/api/mail/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => queryClient.setQueryData(['mail', 'settings'], settings),
  });
}
