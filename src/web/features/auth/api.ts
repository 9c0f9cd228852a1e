import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/auth.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { SESSION_QUERY_KEY, useAuth } from '../../app/auth-context.tsx';

export interface LoginInput {
  email: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Which sign-in methods the server offers (single sign-on or not). */
export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth', 'options'],
    queryFn: () => apiRequest<{ sso: boolean }>('/api/auth/options', { expectUnauthenticated: true }),
    staleTime: Infinity,
  });
}

/** Signs in with email and password and records the new session. */
export function useLogin() {
  const { setSession } = useAuth();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<SessionInfo>('/api/auth/login', { method: 'POST', body: input, expectUnauthenticated: true }),
    onSuccess: setSession,
  });
}

/** Replaces the own password; the session stays and is reloaded (mustChangePassword is then false). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => apiRequest<void>('/api/auth/password', { method: 'POST', body: input }),
    onSuccess: () => queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}

/** Signs out, forgetting every cached record; the route guard then shows the login page. */
export function useLogout() {
  const { clearSession } = useAuth();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST', body: {}, expectUnauthenticated: true }),
    onSettled: () => clearSession('signedOut'),
  });
}
