import { Anchor, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { surveyPaths, useSurvey } from '../api.ts';
import { useSurveysT } from '../i18n.ts';
import { SurveyNoticeRegion } from './survey-notice.tsx';

/** The survey id of the address (0 when it is not a number; the server then answers 404). */
export function useSurveyId(): number {
  const { id } = useParams();
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * A page about one survey: loads it, titles the page "<what>: <survey>" with a link back to the
 * survey, and renders the content with the loaded survey.
 */
export function SurveySubpage(props: { what: string; intro?: string; children(survey: SurveyDetail): ReactNode }) {
  const t = useSurveysT();
  const id = useSurveyId();
  const survey = useSurvey(id);
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <PageHeader title={props.what} />
        <LoadError error={survey.error} onRetry={() => void survey.refetch()} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`${props.what}: ${survey.data.title}`}
        intro={props.intro}
        actions={
          <Group gap="md">
            <Anchor component={Link} to={surveyPaths.detail(id)}>
              {t('common.backToSurvey')}
            </Anchor>
          </Group>
        }
      />
      <SurveyNoticeRegion />
      {props.children(survey.data)}
    </>
  );
}
