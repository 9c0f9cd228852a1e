import { Anchor, Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../lib/api-client.ts';
import { useAuth } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { allows } from '../../../../shared/policies.ts';
import { exportHref, RESULTS_PATHS, useSurveyComparison, useSurveyIndices, useSurveyResults } from '../api.ts';
import { ComparisonSection } from '../components/comparison-section.tsx';
import { CrosstabSection } from '../components/crosstab-section.tsx';
import { IndicesSection } from '../components/indices-section.tsx';
import { SummarySection } from '../components/summary-section.tsx';
import { VariablesSection } from '../components/variables-section.tsx';
import { WeightingSection } from '../components/weighting-section.tsx';
import { num } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import '../survey-results.css';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} fz="xl" mb="sm" mt="lg">
        {title}
      </Title>
      {children}
    </section>
  );
}

/**
 * The results of a survey: a plain-language summary first, the method (weighting, suppression,
 * intervals) folded below it, then indices, comparison, answers per question, crosstab, downloads.
 */
export function SurveyResultsPage() {
  const t = useSurveyResultsT();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const { id: raw = '' } = useParams();
  const id = Number(raw);
  const [params, setParams] = useSearchParams();
  const weighted = params.get('weighted') !== 'false';
  const auth = useAuth();
  const role = auth.user?.role;
  const results = useSurveyResults(id, weighted);
  const indices = useSurveyIndices(id, weighted);
  const comparison = useSurveyComparison(id, weighted);
  const data = results.data;
  const notFound = results.isError && results.error instanceof ApiError && [400, 403, 404].includes(results.error.status);
  const canRun = role !== undefined && allows('surveyAnalysis.margins', role);
  return (
    <div className="survey-results">
      <PageHeader
        title={data ? t('page.title', { title: data.title }) : t('page.titleFallback')}
        intro={
          data
            ? data.responses === null
              ? t('page.introSmall', { k: data.kMin })
              : t('page.intro', { responses: num(data.responses, lang), k: data.kMin })
            : undefined
        }
        actions={
          canRun ? (
            <Anchor component={Link} to={RESULTS_PATHS.survey(id)}>
              {t('page.back')}
            </Anchor>
          ) : undefined
        }
      />
      {results.isPending ? (
        <Loading />
      ) : notFound ? (
        <Callout tone="neutral">{t('page.notFound')}</Callout>
      ) : results.isError ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} />
      ) : data ? (
        <Stack gap="xs">
          {data.status !== 'closed' ? <Callout tone="warning">{t('page.fieldwork')}</Callout> : null}
          {indices.data ? (
            <SummarySection
              indices={indices.data}
              responses={data.responses}
              weighted={data.weighted}
              others={comparison.data?.statewide.surveys ?? null}
              lang={lang}
            />
          ) : indices.isPending ? (
            <Loading />
          ) : null}
          <Group gap="lg" align="center">
            <Switch
              label={t('page.weighted')}
              checked={weighted}
              disabled={!data.weighting.applied && !weighted}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                if (e.currentTarget.checked) next.delete('weighted');
                else next.set('weighted', 'false');
                setParams(next, { replace: true });
              }}
            />
            <Text size="sm">
              {t('page.weighting')}: {data.weighted ? t('page.weighted') : t('page.unweighted')}
            </Text>
            {canRun ? (
              <Anchor component={Link} to={RESULTS_PATHS.margins(id)}>
                {t('page.marginsLink')}
              </Anchor>
            ) : null}
            {role !== undefined && allows('surveyAnalysis.benchmark', role) && data.status === 'closed' ? (
              <Anchor component={Link} to={RESULTS_PATHS.benchmark(id)}>
                {t('page.benchmarkLink')}
              </Anchor>
            ) : null}
          </Group>
          <details className="method-details" data-testid="method-details">
            <summary>{t('method.heading')}</summary>
            <Text size="sm" mt="xs">
              {t('page.suppressionNote', { k: data.kMin })} {t('page.ciNote')}
            </Text>
            <Section id="weighting-heading" title={t('sections.weighting')}>
              <WeightingSection report={data.weighting} k={data.kMin} lang={lang} />
            </Section>
          </details>
          <Section id="indices-heading" title={t('sections.indices')}>
            {indices.isPending ? (
              <Loading />
            ) : indices.isError ? (
              <LoadError error={indices.error} />
            ) : (
              <IndicesSection data={indices.data} lang={lang} />
            )}
          </Section>
          <Section id="comparison-heading" title={t('sections.comparison')}>
            {comparison.isPending ? (
              <Loading />
            ) : comparison.isError ? (
              <LoadError error={comparison.error} />
            ) : (
              <ComparisonSection data={comparison.data} lang={lang} />
            )}
          </Section>
          <Section id="variables-heading" title={t('sections.variables')}>
            <VariablesSection results={data} lang={lang} />
          </Section>
          <Section id="crosstab-heading" title={t('sections.crosstab')}>
            <CrosstabSection surveyId={id} results={data} weighted={weighted} lang={lang} />
          </Section>
          <Section id="exports-heading" title={t('sections.exports')}>
            <Group gap="xs">
              <Button component="a" href={exportHref(id, 'results.xlsx', weighted)} download size="xs">
                {t('exports.resultsXlsx')}
              </Button>
              <Button component="a" href={exportHref(id, 'results.csv', weighted)} download variant="default" size="xs">
                {t('exports.resultsCsv')}
              </Button>
              {canRun && data.status === 'closed' ? (
                <>
                  <Button component="a" href={exportHref(id, 'responses.csv')} download variant="default" size="xs">
                    {t('exports.responsesCsv')}
                  </Button>
                  <Button component="a" href={exportHref(id, 'codebook.csv')} download variant="default" size="xs">
                    {t('exports.codebookCsv')}
                  </Button>
                </>
              ) : null}
            </Group>
            {canRun ? (
              <Text size="sm" mt="xs">
                {t('exports.researchNote')}
              </Text>
            ) : null}
          </Section>
        </Stack>
      ) : null}
    </div>
  );
}
