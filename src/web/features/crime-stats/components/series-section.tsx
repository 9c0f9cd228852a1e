import { Table } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { DistrictDetail } from '../../../../shared/crime-stats.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { SectionHeading } from './section-heading.tsx';

// ECharts is loaded only when a chart is shown.
const CrimeChart = lazy(() => import('./crime-chart.tsx'));

const COLOURS = { own: '#1f4e79', state: '#c55a11', national: '#495057' };

/** The district's HZ per year beside the state's and Germany's: summary, line chart, data table. */
export function SeriesSection({ detail }: { detail: DistrictDetail }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  const name = detail.district.name;
  const names = { own: t('district.seriesOwn', { name }), state: t('district.seriesState'), national: t('district.seriesNational') };
  const points = detail.series;
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    !first || !last
      ? t('common.noData')
      : points.length === 1
        ? t('district.seriesSummaryOne', {
            name,
            offence: detail.offence.name,
            hz: num(last.hz),
            year: last.year,
            stateHz: num(last.stateHz),
            nationalHz: num(last.nationalHz),
          })
        : t('district.seriesSummary', {
            name,
            offence: detail.offence.name,
            from: num(first.hz),
            fromYear: first.year,
            to: num(last.hz),
            toYear: last.year,
            stateHz: num(last.stateHz),
            nationalHz: num(last.nationalHz),
          });
  const option = useMemo(() => {
    const names = { own: t('district.seriesOwn', { name }), state: t('district.seriesState'), national: t('district.seriesNational') };
    const line = (key: keyof typeof COLOURS, data: (number | null)[], type: 'solid' | 'dashed' | 'dotted') => ({
      type: 'line',
      name: names[key],
      data,
      symbol: 'circle',
      symbolSize: 8,
      showSymbol: true,
      lineStyle: { width: 2.5, type, color: COLOURS[key] },
      itemStyle: { color: COLOURS[key] },
    });
    return {
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? num(v) : '–') },
      legend: { top: 0, left: 0, textStyle: { color: '#212529' } },
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => String(p.year)), axisLabel: { color: '#495057' } },
      yAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: '#495057', formatter: (v: number) => num(v) },
        splitLine: { lineStyle: { color: '#e9ecef' } },
      },
      series: [
        line(
          'own',
          points.map((p) => p.hz),
          'solid',
        ),
        line(
          'state',
          points.map((p) => p.stateHz),
          'dashed',
        ),
        line(
          'national',
          points.map((p) => p.nationalHz),
          'dotted',
        ),
      ],
    };
  }, [points, name, t]);
  const caption = t('district.seriesTableCaption', { name });
  return (
    <section aria-labelledby="series-heading">
      <SectionHeading id="series-heading">{t('district.seriesTitle')}</SectionHeading>
      <p id={summaryId}>{summary}</p>
      <Suspense fallback={<Loading />}>
        <CrimeChart option={option} label={t('district.seriesLabel', { name })} describedBy={summaryId} />
      </Suspense>
      <details>
        <summary>{t('district.seriesTableToggle')}</summary>
        <TableFrame label={caption} minWidth={520}>
          <Table striped className="figure-table" bg="white">
            <caption className="visually-hidden">{caption}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('columns.year')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.cases')}
                </Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.own}`}</Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.state}`}</Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.national}`}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.year}>
                  <Table.Th scope="row" fw={500}>
                    {p.year}
                  </Table.Th>
                  <Table.Td className="num">{num(p.cases)}</Table.Td>
                  <Table.Td className="num">{num(p.hz)}</Table.Td>
                  <Table.Td className="num">{num(p.stateHz)}</Table.Td>
                  <Table.Td className="num">{num(p.nationalHz)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      </details>
    </section>
  );
}
