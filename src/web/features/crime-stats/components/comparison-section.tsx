import { Table } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { DistrictIndicators } from '../../../../shared/crime-stats.schema.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useDistrictIndicators } from '../api.ts';
import { districtLabel, duplicateNames, num } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { SectionHeading } from './section-heading.tsx';

const CrimeChart = lazy(() => import('./crime-chart.tsx'));

const OWN = '#7f2704';
const OTHER = '#8fa9c4';

function ComparisonBody({ data, ags }: { data: DistrictIndicators; ags: string }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  const dup = useMemo(() => duplicateNames(data.items), [data.items]);
  const items = useMemo(() => data.items.filter((i) => i.hz !== null).sort((a, b) => b.hz! - a.hz!), [data.items]);
  const own = data.items.find((i) => i.ags === ags);
  const name = own ? districtLabel(own, dup.has(own.name)) : ags;
  const option = useMemo(
    () => ({
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? num(v) : '–') },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: '#495057', formatter: (v: number) => num(v) },
        splitLine: { lineStyle: { color: '#e9ecef' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((i) => districtLabel(i, dup.has(i.name))),
        axisLabel: { color: '#212529', fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          name: 'HZ',
          data: items.map((i) => ({ value: i.hz, itemStyle: { color: i.ags === ags ? OWN : OTHER } })),
          label: {
            show: true,
            position: 'right',
            color: '#212529',
            fontSize: 11,
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? num(p.value) : ''),
          },
          markLine:
            data.stateHz === null
              ? undefined
              : {
                  symbol: 'none',
                  label: { formatter: t('district.seriesState'), color: '#212529' },
                  lineStyle: { color: '#c55a11', type: 'dashed', width: 2 },
                  data: [{ xAxis: data.stateHz }],
                },
        },
      ],
    }),
    [items, ags, dup, data.stateHz, t],
  );
  const caption = t('district.comparisonTableCaption', { year: data.year });
  return (
    <>
      <p id={summaryId}>
        {own
          ? t('district.comparisonSummary', {
              name,
              hz: num(own.hz),
              rank: own.rankInState ?? '–',
              total: data.districtsInState,
              stateHz: num(data.stateHz),
            })
          : t('common.noData')}
      </p>
      <Suspense fallback={<Loading />}>
        <CrimeChart
          option={option}
          label={t('district.comparisonLabel', { year: data.year, name })}
          describedBy={summaryId}
          className="crime-chart crime-chart--bars"
        />
      </Suspense>
      <details>
        <summary>{t('district.comparisonTableToggle')}</summary>
        <TableFrame label={caption} minWidth={480}>
          <Table striped className="figure-table" bg="white">
            <caption className="visually-hidden">{caption}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" className="num">
                  {t('columns.rank')}
                </Table.Th>
                <Table.Th scope="col">{t('columns.district')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.hz')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.cases')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.ags} aria-current={i.ags === ags ? 'true' : undefined} fw={i.ags === ags ? 700 : undefined}>
                  <Table.Td className="num">{num(i.rankInState)}</Table.Td>
                  <Table.Th scope="row" fw="inherit">
                    {districtLabel(i, dup.has(i.name))}
                  </Table.Th>
                  <Table.Td className="num">{num(i.hz)}</Table.Td>
                  <Table.Td className="num">{num(i.cases)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      </details>
    </>
  );
}

/** The district among the state's districts in the latest year: bars of HZ, this district highlighted. */
export function ComparisonSection({ ags, year, offence }: { ags: string; year: number; offence: string }) {
  const t = useCrimeStatsT();
  const query = useDistrictIndicators({ year, offence });
  return (
    <section aria-labelledby="comparison-heading">
      <SectionHeading id="comparison-heading">{t('district.comparisonTitle', { year })}</SectionHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ComparisonBody data={query.data} ags={ags} />
      )}
    </section>
  );
}
