import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Estimate, SurveyBenchmark } from '../../../../shared/survey-results.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDate } from '../../../lib/format.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { RESULTS_PATHS, useSurveyBenchmark } from '../api.ts';
import { BenchmarkMap } from '../components/benchmark-map.tsx';
import { num, pct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';

type Figures = SurveyBenchmark['surveys'][number]['figures'];

/** One index cell: the value and its 95 % interval, or "< k" when suppressed. */
function FigureCell({ figures, id, unit, k, lang }: { figures: Figures; id: string; unit: 'share' | 'score'; k: number; lang: string }) {
  const t = useSurveyResultsT();
  const e: Estimate | undefined = figures.find((f) => f.id === id)?.estimate;
  if (!e || (e.value === null && !e.suppressed)) return <Table.Td className="num">–</Table.Td>;
  if (e.suppressed)
    return (
      <Table.Td className="num suppressed" data-suppressed={e.suppressed}>
        {t('benchmark.suppressed', { k })}
      </Table.Td>
    );
  const f = (x: number | null) => (unit === 'share' ? pct(x, lang) : num(x, lang, 1));
  return (
    <Table.Td className="num">
      <div>{f(e.value)}</div>
      {e.ciLow !== null && e.ciHigh !== null ? (
        <Text size="xs" c="dimmed" component="div">
          {t('benchmark.ci', { ci: `${f(e.ciLow)} – ${f(e.ciHigh)}` })}
        </Text>
      ) : null}
    </Table.Td>
  );
}

/** The statewide benchmark of felt safety: every survey released for comparison, and the others pooled. */
export function SurveyBenchmarkPage() {
  const t = useSurveyResultsT();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const [params] = useSearchParams();
  const raw = params.get('surveyId');
  const surveyId = raw !== null && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : undefined;
  const query = useSurveyBenchmark(surveyId, lang);
  const data = query.data;
  const notFound = query.isError && query.error instanceof ApiError && [400, 403, 404].includes(query.error.status);
  const othersK = data ? Math.max(5, ...data.surveys.filter((s) => !s.marked).map((s) => s.kMin)) : 5;
  return (
    <div className="survey-results">
      <PageHeader
        title={t('benchmark.title')}
        intro={t('benchmark.intro')}
        actions={
          surveyId !== undefined ? (
            <Anchor component={Link} to={RESULTS_PATHS.results(surveyId)}>
              {t('benchmark.back')}
            </Anchor>
          ) : undefined
        }
      />
      {query.isPending ? (
        <Loading />
      ) : notFound ? (
        <Callout tone="neutral">{t('benchmark.notFound')}</Callout>
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : data ? (
        <Stack gap="sm">
          <Text size="sm">{t('benchmark.note')}</Text>
          {data.surveys.length === 0 ? (
            <Callout tone="neutral">{t('benchmark.empty')}</Callout>
          ) : (
            <>
              <Title order={2} fz="xl">
                {t('benchmark.mapTitle')}
              </Title>
              <BenchmarkMap data={data} lang={lang} />
              <Title order={2} fz="xl">
                {t('benchmark.tableTitle')}
              </Title>
              <TableFrame label={t('benchmark.caption')} minWidth={900}>
                <Table striped bg="white">
                  <caption className="visually-hidden">{t('benchmark.caption')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('benchmark.municipality')}</Table.Th>
                      <Table.Th scope="col">{t('benchmark.survey')}</Table.Th>
                      <Table.Th scope="col">{t('benchmark.weighting')}</Table.Th>
                      {data.indices.map((i) => (
                        <Table.Th key={i.id} scope="col" className="num" title={i.description}>
                          {i.label}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.surveys.map((s) => (
                      <Table.Tr key={s.surveyId} aria-current={s.marked ? 'true' : undefined} fw={s.marked ? 700 : undefined}>
                        <Table.Th scope="row" fw={s.marked ? 700 : 500}>
                          {s.municipalities.map((m) => m.name).join(', ')}
                          {s.marked ? ` (${t('benchmark.marked')})` : ''}
                        </Table.Th>
                        <Table.Td>
                          {s.title}
                          {s.closedOn ? ` · ${formatDate(s.closedOn)}` : ''}
                        </Table.Td>
                        <Table.Td>{s.weighted ? t('benchmark.weighted') : t('benchmark.unweighted')}</Table.Td>
                        {data.indices.map((i) => (
                          <FigureCell key={i.id} figures={s.figures} id={i.id} unit={i.unit} k={s.kMin} lang={lang} />
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row" colSpan={3}>
                        {data.markedSurveyId === null
                          ? t('benchmark.all', { count: data.others.surveys })
                          : t('benchmark.others', { count: data.others.surveys })}
                      </Table.Th>
                      {data.indices.map((i) => (
                        <FigureCell key={i.id} figures={data.others.figures} id={i.id} unit={i.unit} k={othersK} lang={lang} />
                      ))}
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </TableFrame>
            </>
          )}
        </Stack>
      ) : null}
    </div>
  );
}
