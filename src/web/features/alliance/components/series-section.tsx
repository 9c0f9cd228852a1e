import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useSeries } from '../api.ts';
import { ExportLinks } from './export-links.tsx';
import { SectionHeading } from './section-heading.tsx';
import { SeriesLegend } from './series-legend.tsx';
import { SeriesTable } from './series-table.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

// ECharts is loaded only when the chart is shown.
const SeriesChart = lazy(() => import('./series-chart.tsx'));

/** One sentence that says what the chart shows: the first and last value of the main figures. */
function useSummary(series: Series): string {
  const { t } = useTranslation();
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (!first || !last) return t('alliance.series.empty');
  return t('alliance.series.summary', {
    from: formatDate(series.from, currentLanguage()),
    to: formatDate(last.at, currentLanguage()),
    collaborationFrom: formatNumber(first.inCollaboration),
    collaborationTo: formatNumber(last.inCollaboration),
    advised: formatNumber(last.advised),
    covered: formatNumber(last.communesCoveredByAgreements),
  });
}

function SeriesBody({ series, at }: { series: Series; at: string }) {
  const { t } = useTranslation();
  const summaryId = useId();
  const summary = useSummary(series);
  return (
    <>
      <p id={summaryId}>{summary}</p>
      <SeriesLegend />
      <Suspense fallback={<Loading />}>
        <SeriesChart
          series={series}
          label={t('alliance.series.chartLabel', { to: formatDate(at, currentLanguage()) })}
          describedBy={summaryId}
        />
      </Suspense>
      <details>
        <summary>{t('alliance.series.tableToggle')}</summary>
        <SeriesTable series={series} />
      </details>
    </>
  );
}

/** The monthly development since the programme start: summary, chart, data table, exports. */
export function SeriesSection({ at }: { at: string }) {
  const { t } = useTranslation();
  const query = useSeries(at);
  return (
    <section aria-labelledby="series-heading">
      <SectionHeading id="series-heading" actions={<ExportLinks table="series" at={at} what={t('alliance.series.title')} />}>
        {t('alliance.series.title')}
      </SectionHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SeriesBody series={query.data} at={at} />
      )}
    </section>
  );
}
