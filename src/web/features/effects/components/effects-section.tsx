import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { allows } from '../../../../shared/policies.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { effectsExportUrl, useEffects } from '../api.ts';
import { useEffectsT } from '../i18n.ts';
import { ComparisonEditor } from './comparison-editor.tsx';
import { EffectsChart } from './effects-chart.tsx';
import { EffectsTable, useLang } from './effects-table.tsx';
import { SurveyEffectsChart, SurveyEffectsTable } from './survey-effects.tsx';
import { DownloadLinks } from '../../../ui/download-links.tsx';

/**
 * The "Wirkung" section of a municipality's or a funded project's page: the crime estimates (chart
 * and its table), the survey index effects (chart and its table), downloads, the method.
 */
export function EffectsSection({ source }: { source: { ags: string } | { projectId: number } }) {
  const t = useEffectsT();
  const lang = useLang();
  const user = useCurrentUser();
  const query = useEffects(source);
  const q = 'ags' in source ? { ags: source.ags } : { projectId: source.projectId };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="effects-title" id="wirkung">
      <Title order={2} fz="lg" id="effects-title" mb="xs">
        {t('section.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('section.intro')}
      </Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.estimates.length || query.data.surveyEstimates.length ? (
        <Stack gap="sm">
          {query.data.estimates.length ? (
            <>
              <EffectsChart estimates={query.data.estimates} />
              <EffectsTable estimates={query.data.estimates} caption={t('section.table')} />
              <Text size="xs" c="dimmed">
                {t('section.method', { version: query.data.methodVersion, min: query.data.minCases })}
              </Text>
            </>
          ) : null}
          {query.data.surveyEstimates.length ? (
            <Box component="section" aria-labelledby="effects-survey-title">
              <Title order={3} fz="md" id="effects-survey-title" mb="xs">
                {t('survey.title')}
              </Title>
              <Stack gap="sm">
                <Text size="sm">{t('survey.intro')}</Text>
                <SurveyEffectsChart estimates={query.data.surveyEstimates} />
                <SurveyEffectsTable estimates={query.data.surveyEstimates} caption={t('survey.table')} />
                <Text size="xs" c="dimmed">
                  {t('survey.method', { version: query.data.methodVersion, min: query.data.minRespondents })}
                </Text>
              </Stack>
            </Box>
          ) : null}
          <DownloadLinks hrefOf={(format) => effectsExportUrl(format, q, lang)} what={t('section.downloadWhat')} />
          {allows('effects.choose', user.role) && query.data.estimates.length ? (
            <ComparisonEditor estimates={query.data.estimates} />
          ) : null}
        </Stack>
      ) : (
        <Text size="sm">{t('section.none')}</Text>
      )}
    </Paper>
  );
}
