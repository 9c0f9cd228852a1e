import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { allows, type PolicyName } from '../../shared/policies.ts';
import { useAuth } from './auth-context.tsx';
import { PATHS } from './navigation.ts';
import { ForbiddenPage } from './status-pages.tsx';

/** Pages behind sign-in: without a session, go to the login page and come back afterwards. */
export function RequireAuth() {
  const { user, ended } = useAuth();
  const location = useLocation();
  // After an explicit sign-out the next person starts on the home page, not on the last page.
  if (!user)
    return <Navigate to={PATHS.login} replace state={ended === 'signedOut' ? null : { from: `${location.pathname}${location.search}` }} />;
  return <Outlet />;
}

/** A user with a one-time password may do nothing but replace it (the server answers 403 otherwise). */
export function RequirePasswordChanged() {
  const { user } = useAuth();
  if (user?.mustChangePassword) return <Navigate to={PATHS.changePassword} replace />;
  return <Outlet />;
}

/** Pages for the roles a rule of `shared/policies.ts` admits; others see an explanation instead of a broken page. */
export function RequireRole({ policy }: { policy: PolicyName }) {
  const { user } = useAuth();
  if (!user || !allows(policy, user.role)) return <ForbiddenPage />;
  return <Outlet />;
}

/** The login page is for visitors; a signed-in user goes on to where they belong. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user) return <Navigate to={user.mustChangePassword ? PATHS.changePassword : '/'} replace />;
  return <>{children}</>;
}
