import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Callout } from '../ui/callout.tsx';

/** Confirmations shown once after an action, e.g. "Password changed". */
export const NOTICES = [
  'passwordChanged',
  'userCreated',
  'userInvited',
  'userSaved',
  'noChanges',
  'eventRecorded',
  'eventAndCoachingStarted',
  'eventAndCoachingEnded',
  'agreementRecorded',
  'eventCorrected',
  'eventCancelled',
  'importDone',
] as const;
export type Notice = (typeof NOTICES)[number];

function noticeOf(state: unknown): Notice | null {
  const n = (state as { notice?: unknown } | null)?.notice;
  return typeof n === 'string' && (NOTICES as readonly string[]).includes(n) ? (n as Notice) : null;
}

/** Navigates (by default: stays) and shows a confirmation on the target page. */
export function useNotify(): (notice: Notice, to?: string) => void {
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(
    (notice: Notice, to?: string) => {
      void navigate(to ?? `${location.pathname}${location.search}`, { replace: !to, state: { notice } });
    },
    [navigate, location.pathname, location.search],
  );
}

/** A polite live region that is always present, so screen readers announce confirmations. */
export function NoticeRegion() {
  const { t } = useTranslation();
  const notice = noticeOf(useLocation().state);
  return (
    <div role="status" aria-live="polite">
      {notice ? <Callout tone="success">{t(`notices.${notice}`)}</Callout> : null}
    </div>
  );
}
