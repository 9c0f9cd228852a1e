import { Table } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { MunicipalityDetail } from '../../../../shared/crime-stats.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AttributionNote } from '../../territory/index.ts';
import { num, pct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { SectionHeading } from './section-heading.tsx';

const CrimeChart = lazy(() => import('./crime-chart.tsx'));

const COLOURS = { own: '#1f4e79', district: '#2b8a3e', state: '#c55a11' };

/** The municipality's HZ per year beside its district's and the state's: summary, line chart, data table. */
export function MunicipalitySeriesSection({ detail }: { detail: MunicipalityDetail }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  const name = detail.municipality.name;
  const district = detail.municipality.districtName ?? detail.municipality.districtAgs;
  const points = detail.series;
  const first = points[0];
  const last = points[points.length - 1];
  const names = useMemo(
    () => ({ own: name, district: t('municipality.seriesDistrict', { district }), state: t('district.seriesState') }),
    [name, district, t],
  );
  const summary =
    !first || !last
      ? ''
      : points.length === 1
        ? t('municipality.seriesSummaryOne', {
            name,
            offence: detail.offence.name,
            hz: num(last.hz),
            year: last.year,
            districtHz: num(last.comparisonHz),
            stateHz: num(last.stateHz),
          })
        : t('municipality.seriesSummary', {
            name,
            offence: detail.offence.name,
            from: num(first.hz),
            fromYear: first.year,
            to: num(last.hz),
            toYear: last.year,
            districtHz: num(last.comparisonHz),
            stateHz: num(last.stateHz),
          });
  const option = useMemo(() => {
    const line = (key: keyof typeof COLOURS, data: (number | null)[], type: 'solid' | 'dashed' | 'dotted') => ({
      type: 'line',
      name: names[key],
      data,
      symbol: 'circle',
      symbolSize: 8,
      showSymbol: true,
      connectNulls: false,
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
          'district',
          points.map((p) => p.comparisonHz),
          'dashed',
        ),
        line(
          'state',
          points.map((p) => p.stateHz),
          'dotted',
        ),
      ],
    };
  }, [points, names]);
  const caption = t('municipality.seriesTableCaption', { name });
  return (
    <section aria-labelledby="municipality-series-heading">
      <SectionHeading id="municipality-series-heading">{t('district.seriesTitle')}</SectionHeading>
      <p id={summaryId}>{summary}</p>
      <Suspense fallback={<Loading />}>
        <CrimeChart option={option} label={t('municipality.seriesLabel', { name, district })} describedBy={summaryId} />
      </Suspense>
      <details>
        <summary>{t('district.seriesTableToggle')}</summary>
        <TableFrame label={caption} minWidth={760}>
          <Table striped className="figure-table" bg="white">
            <caption className="visually-hidden">{caption}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('columns.year')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.cases')}
                </Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.own}`}</Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.district}`}</Table.Th>
                <Table.Th scope="col" className="num">{`${t('columns.hz')}: ${names.state}`}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.clearanceRate')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.population')}
                </Table.Th>
                <Table.Th scope="col">{t('columns.populationSource')}</Table.Th>
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
                  <Table.Td className="num">{num(p.comparisonHz)}</Table.Td>
                  <Table.Td className="num">{num(p.stateHz)}</Table.Td>
                  <Table.Td className="num">{pct(p.clearanceRate)}</Table.Td>
                  <Table.Td className="num">{num(p.population)}</Table.Td>
                  <Table.Td>{t(`municipality.hzSourceShort.${p.hzSource}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      </details>
      <AttributionNote notes={detail.attribution} />
    </section>
  );
}
