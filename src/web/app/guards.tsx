import { type ReactNode, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { allows, type PolicyName } from '../../shared/policies.ts';
import { signInAddress } from '../lib/sign-in-address.ts';
import { Loading } from '../ui/query-status.tsx';
import { useAuth } from './auth-context.tsx';
import { PATHS } from './navigation.ts';
import { ForbiddenPage } from './status-pages.tsx';

/** Loads the sign-in page (an entry of its own, decision 040) in place of this one. */
function LeaveForSignIn({ address }: { address: string }) {
  useEffect(() => {
    window.location.replace(address);
  }, [address]);
  return <Loading />;
}

/**
 * Pages behind sign-in: without a session, the sign-in page (by a full page load), which comes back
 * here afterwards and says why the session ended, if it did.
 */
export function RequireAuth() {
  const { user, ended } = useAuth();
  const { pathname, search, hash } = useLocation();
  // After an explicit sign-out the next person starts on the home page, not on the last page.
  if (!user)
    return <LeaveForSignIn address={signInAddress({ next: ended === 'signedOut' ? null : `${pathname}${search}${hash}`, ended })} />;
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

/** Pages for visitors (a forgotten password); a signed-in user goes on to where they belong. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user) return <Navigate to={user.mustChangePassword ? PATHS.changePassword : '/'} replace />;
  return <>{children}</>;
}
