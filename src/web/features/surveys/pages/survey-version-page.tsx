import { Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { surveyPaths, useQuestionnaireVersion, useRestoreQuestionnaireVersion } from '../api.ts';
import { QuestionnairePreview } from '../components/questionnaire-preview.tsx';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveyNotify } from '../components/survey-notice.tsx';
import { useSurveysT } from '../i18n.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../../shared/time.ts';

function VersionView({ survey, version }: { survey: SurveyDetail; version: number }) {
  const t = useSurveysT();
  const v = useQuestionnaireVersion(survey.id, version);
  const restore = useRestoreQuestionnaireVersion(survey.id);
  const notify = useSurveyNotify();
  const [confirming, setConfirming] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  if (v.isPending) return <Loading />;
  if (v.isError) return <LoadError error={v.error} onRetry={() => void v.refetch()} />;
  const restorable = survey.mayChange && survey.status !== 'closed' && !v.data.current;

  async function confirm() {
    setConfirming(false);
    setReport(null);
    try {
      await restore.mutateAsync({ version, basedOnVersion: survey.questionnaireVersion });
      notify('restored', surveyPaths.questionnaire(survey.id));
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <>
      <ErrorSummary report={report} fields={{}} />
      <Text mb="xs">
        {t('versions.saved', { version: v.data.version, date: formatDateTime(v.data.createdAt, currentLanguage()) })}
        {v.data.current ? ` ${t('versions.isCurrent')}` : ''}
      </Text>
      <Group mb="lg" gap="lg">
        <Anchor component={Link} to={surveyPaths.questionnaire(survey.id)}>
          {t('versions.backToEditor')}
        </Anchor>
        {restorable ? (
          <Button variant="default" onClick={() => setConfirming(true)} loading={restore.isPending}>
            {t('versions.restore')}
          </Button>
        ) : null}
      </Group>
      <QuestionnairePreview def={v.data.definition} />
      <ConfirmDialog
        opened={confirming}
        title={t('versions.restoreTitle', { version })}
        message={[
          t('versions.restoreMessage', { version, next: survey.questionnaireVersion + 1, current: survey.questionnaireVersion }),
          survey.status === 'fieldwork' ? t('versions.restoreFieldwork') : '',
        ]
          .filter(Boolean)
          .join(' ')}
        confirmLabel={t('versions.restore')}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

/** An earlier version of a questionnaire, read-only, shown as respondents saw it; whoever runs the survey can restore it. */
export function SurveyVersionPage() {
  const t = useSurveysT();
  const { v } = useParams();
  const version = Number(v);
  return (
    <SurveySubpage what={t('versions.title', { version: Number.isInteger(version) ? version : '?' })}>
      {(survey) => <VersionView survey={survey} version={Number.isInteger(version) && version > 0 ? version : 1} />}
    </SurveySubpage>
  );
}
