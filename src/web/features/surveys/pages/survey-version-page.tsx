import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { surveyPaths, useQuestionnaireVersion } from '../api.ts';
import { QuestionnairePreview } from '../components/questionnaire-preview.tsx';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../../shared/time.ts';

function VersionView({ surveyId, version }: { surveyId: number; version: number }) {
  const t = useSurveysT();
  const v = useQuestionnaireVersion(surveyId, version);
  if (v.isPending) return <Loading />;
  if (v.isError) return <LoadError error={v.error} onRetry={() => void v.refetch()} />;
  return (
    <>
      <Text mb="xs">
        {t('versions.saved', { version: v.data.version, date: formatDateTime(v.data.createdAt, currentLanguage()) })}
        {v.data.current ? ` ${t('versions.isCurrent')}` : ''}
      </Text>
      <Text mb="lg">
        <Anchor component={Link} to={surveyPaths.questionnaire(surveyId)}>
          {t('versions.backToEditor')}
        </Anchor>
      </Text>
      <QuestionnairePreview def={v.data.definition} />
    </>
  );
}

/** An earlier version of a questionnaire, read-only, shown as respondents saw it. */
export function SurveyVersionPage() {
  const t = useSurveysT();
  const { v } = useParams();
  const version = Number(v);
  return (
    <SurveySubpage what={t('versions.title', { version: Number.isInteger(version) ? version : '?' })}>
      {(survey) => <VersionView surveyId={survey.id} version={Number.isInteger(version) && version > 0 ? version : 1} />}
    </SurveySubpage>
  );
}
