import type { SessionInfo, SessionProbe } from '../../../shared/auth.schema.ts';
import { apiRequest } from '../../lib/api-request.ts';

/*
 * The sign-in page's calls (a light entry, decision 040): the API client's core without React or
 * TanStack Query. None of them treats a 401 as an expired session.
 */

/** Whether this browser is signed in already (always 200). */
export function probeSession(): Promise<SessionProbe> {
  return apiRequest<SessionProbe>('/api/auth/probe', { expectUnauthenticated: true });
}

/** Which sign-in methods the server offers (single sign-on or not). */
export function authOptions(): Promise<{ sso: boolean }> {
  return apiRequest<{ sso: boolean }>('/api/auth/options', { expectUnauthenticated: true });
}

/** Signs in with email and password; the server sets the session cookie. */
export function signIn(input: { email: string; password: string }): Promise<SessionInfo> {
  return apiRequest<SessionInfo>('/api/auth/login', { method: 'POST', body: input, expectUnauthenticated: true });
}
