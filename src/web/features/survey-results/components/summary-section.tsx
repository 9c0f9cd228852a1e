import { Paper, Stack, Text, Title } from '@mantine/core';
import type { SurveyIndices } from '../../../../shared/survey-results.schema.ts';
import { num } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { summarySentences } from '../summary.ts';

/** The opening of the results page: the standard indices in plain sentences, what weighting means, the range in brackets. */
export function SummarySection({
  indices,
  responses,
  weighted,
  others,
  lang,
}: {
  indices: SurveyIndices;
  responses: number | null;
  weighted: boolean;
  /** How many other closed surveys the statewide comparison pools (never this one). */
  others: number | null;
  lang: string;
}) {
  const t = useSurveyResultsT();
  const sentences = summarySentences(indices.indices, t, lang);
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="summary-heading"
      data-testid="plain-summary"
    >
      <Title order={2} id="summary-heading" fz="xl" mb="sm">
        {t('summary.heading')}
      </Title>
      {sentences.length ? (
        <Stack gap="xs">
          {sentences.map((s) => (
            <Text key={s}>{s}</Text>
          ))}
          <Text size="sm">
            {t(weighted ? 'summary.weighted' : 'summary.unweighted', { responses: responses === null ? '–' : num(responses, lang) })}{' '}
            {t('summary.range')}
            {others ? ` ${t('summary.comparison', { count: others })}` : ''}
          </Text>
        </Stack>
      ) : (
        <Text>{t('summary.none')}</Text>
      )}
    </Paper>
  );
}
