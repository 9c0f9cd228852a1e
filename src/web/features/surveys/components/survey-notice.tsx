import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Callout } from '../../../ui/callout.tsx';
import { type SurveysKey, useSurveysT } from '../i18n.ts';

/* Confirmations of this feature after an action, shown once on the target page (like the app's notices). */
const NOTICES = ['created', 'edited', 'deleted', 'started', 'closed', 'saved', 'restored', 'codesCreated'] as const;
type SurveyNoticeName = (typeof NOTICES)[number];

function noticeOf(state: unknown): SurveyNoticeName | null {
  const n = (state as { surveyNotice?: unknown } | null)?.surveyNotice;
  return typeof n === 'string' && (NOTICES as readonly string[]).includes(n) ? (n as SurveyNoticeName) : null;
}

/** Navigates (by default: stays) and shows the confirmation there. */
export function useSurveyNotify(): (notice: SurveyNoticeName, to?: string) => void {
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(
    (notice: SurveyNoticeName, to?: string) => {
      void navigate(to ?? `${location.pathname}${location.search}`, { replace: !to, state: { surveyNotice: notice } });
    },
    [navigate, location.pathname, location.search],
  );
}

/** A polite live region, always present, that announces the confirmation. */
export function SurveyNoticeRegion() {
  const t = useSurveysT();
  const notice = noticeOf(useLocation().state);
  return (
    <div role="status" aria-live="polite">
      {notice ? <Callout tone="success">{t(`notices.${notice}` as SurveysKey)}</Callout> : null}
    </div>
  );
}
