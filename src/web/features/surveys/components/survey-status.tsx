import { SURVEY_STATUS_LABELS, type SurveyStatusName } from '../../../../shared/surveys.schema.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';

const TONE = { draft: 'neutral', fieldwork: 'warning', closed: 'ok' } as const;

export function statusLabel(status: SurveyStatusName): string {
  return SURVEY_STATUS_LABELS[status][currentLanguage()];
}

/** The status of a survey as a badge: draft, fieldwork, closed. */
export function SurveyStatusBadge({ status }: { status: SurveyStatusName }) {
  return <StatusBadge tone={TONE[status]}>{statusLabel(status)}</StatusBadge>;
}
