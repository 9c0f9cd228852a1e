import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { SessionInfo, SessionProbe } from '../../shared/auth.schema.ts';
import type { User } from '../../shared/users.schema.ts';
import { apiRequest, setCsrfToken, setUnauthenticatedHandler } from '../lib/api-client.ts';
import { hasStoredLanguage, i18n, switchLanguage } from '../lib/i18n.ts';
import type { SessionEnd } from '../lib/sign-in-address.ts';

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;

interface AuthState {
  /** The signed-in user, or null when nobody is signed in. */
  user: User | null;
  /** How the previous session of this page ended, if it did (the sign-in page says so). */
  ended: SessionEnd | null;
  /** Forgets the session and every cached record (logout, expiry). */
  clearSession(reason: SessionEnd): void;
}

const AuthContext = createContext<AuthState | null>(null);

/** The session of this browser, or null: the probe answers 200 either way, so no sign-in logs no error. */
async function fetchSession(): Promise<SessionInfo | null> {
  const probe = await apiRequest<SessionProbe>('/api/auth/probe', { expectUnauthenticated: true });
  return probe.signedIn ? { user: probe.user, csrfToken: probe.csrfToken } : null;
}

/** Loads the session once and provides the signed-in user to the app; renders `fallback` until known. */
export function AuthProvider({
  children,
  fallback,
  failure,
}: {
  children: ReactNode;
  fallback: ReactNode;
  failure: (retry: () => void, error: unknown) => ReactNode;
}) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
  const info = session.data ?? null;
  const [ended, setEnded] = useState<SessionEnd | null>(null);

  useEffect(() => {
    setCsrfToken(info?.csrfToken ?? null);
    // The account's language applies until the user picks one on this device.
    if (info && !hasStoredLanguage() && i18n.language !== info.user.locale) void switchLanguage(info.user.locale);
  }, [info]);

  const clearSession = useCallback(
    (reason: SessionEnd) => {
      const hadSession = queryClient.getQueryData(SESSION_QUERY_KEY) != null;
      if (hadSession) setEnded(reason);
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthenticatedHandler(() => clearSession('sessionExpired'));
    return () => setUnauthenticatedHandler(null);
  }, [clearSession]);

  const value = useMemo<AuthState>(() => ({ user: info?.user ?? null, ended, clearSession }), [info, ended, clearSession]);

  if (session.isPending) return <>{fallback}</>;
  if (session.isError) return <>{failure(() => void session.refetch(), session.error)}</>;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user and the session actions. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser without a signed-in user');
  return user;
}
