import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client.ts';
import { SESSION_QUERY_KEY, useAuth } from '../../app/auth-context.tsx';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Replaces the own password; the session stays and is reloaded (mustChangePassword is then false). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => apiRequest<void>('/api/auth/password', { method: 'POST', body: input }),
    onSuccess: () => queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}

/** Signs out, forgetting every cached record; the route guard then loads the sign-in page. */
export function useLogout() {
  const { clearSession } = useAuth();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST', body: {}, expectUnauthenticated: true }),
    onSettled: () => clearSession('signedOut'),
  });
}
