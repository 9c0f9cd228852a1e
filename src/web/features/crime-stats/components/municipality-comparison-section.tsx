import { Table } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { MunicipalityDetail } from '../../../../shared/crime-stats.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AttributionNote } from '../../territory/index.ts';
import { num, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { SectionHeading } from './section-heading.tsx';

const CrimeChart = lazy(() => import('./crime-chart.tsx'));

const OWN = '#7f2704';
const OTHER = '#8fa9c4';

type Point = MunicipalityDetail['series'][number];

/** (a / b − 1) × 100, one decimal; null without both. */
const vs = (a: number | null, b: number | null) => (a === null || !b ? null : Math.round((a / b - 1) * 1000) / 10);

/** The municipality's HZ of the latest year beside its district's, the state's and Germany's: bars and their table. */
export function MunicipalityComparisonSection({ detail, point }: { detail: MunicipalityDetail; point: Point }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  const name = detail.municipality.name;
  const district = detail.municipality.districtName ?? detail.municipality.districtAgs;
  // A district-free city is its own district: it is not compared with itself (issue 14).
  const districtFree = detail.municipality.ags === `${detail.municipality.districtAgs}000` || name === district;
  // Only figures of the same year are compared; areas without one for this year are left out.
  const rows = useMemo(
    () =>
      [
        { key: 'own', label: name, hz: point.hz },
        ...(districtFree ? [] : [{ key: 'district', label: t('municipality.seriesDistrict', { district }), hz: point.comparisonHz }]),
        { key: 'state', label: t('district.seriesState'), hz: point.stateHz },
        { key: 'national', label: t('district.seriesNational'), hz: point.nationalHz },
      ].filter((r) => r.key === 'own' || r.hz !== null),
    [name, district, districtFree, point, t],
  );
  const lastCompared = [...detail.series].reverse().find((p) => p.comparisonHz !== null || p.stateHz !== null)?.year ?? null;
  const option = useMemo(
    () => ({
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? num(v) : '–') },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: '#495057', hideOverlap: true, formatter: (v: number) => num(v) },
        splitLine: { lineStyle: { color: '#e9ecef' } },
      },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { color: '#212529', fontSize: 12 } },
      series: [
        {
          type: 'bar',
          name: 'HZ',
          barMaxWidth: 36,
          data: rows.map((r) => ({ value: r.hz, itemStyle: { color: r.key === 'own' ? OWN : OTHER } })),
          label: {
            show: true,
            position: 'right',
            color: '#212529',
            fontSize: 12,
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? num(p.value) : '–'),
          },
        },
      ],
    }),
    [rows],
  );
  const caption = t('municipality.comparisonTableCaption', { name, year: point.year });
  const parts = rows
    .filter((r) => r.key === 'district' || r.key === 'state')
    .map((r) =>
      t(r.key === 'district' ? 'municipality.comparisonVsDistrict' : 'municipality.comparisonVsState', {
        pct: signedPct(vs(point.hz, r.hz)),
        district,
        hz: num(r.hz),
      }),
    );
  if (point.hz === null || parts.length === 0) {
    return (
      <section aria-labelledby="municipality-comparison-heading">
        <SectionHeading id="municipality-comparison-heading">{t('municipality.comparisonTitle', { year: point.year })}</SectionHeading>
        <p>
          {lastCompared !== null && lastCompared !== point.year
            ? t('municipality.comparisonNoneForYear', { year: point.year, lastYear: lastCompared })
            : t('municipality.comparisonNone', { year: point.year })}
        </p>
      </section>
    );
  }
  const summary = t('municipality.comparisonSummaryParts', {
    name,
    year: point.year,
    hz: num(point.hz),
    comparisons: parts.join(t('municipality.comparisonAnd')),
  });
  return (
    <section aria-labelledby="municipality-comparison-heading">
      <SectionHeading id="municipality-comparison-heading">{t('municipality.comparisonTitle', { year: point.year })}</SectionHeading>
      <p id={summaryId}>{summary}</p>
      <Suspense fallback={<Loading />}>
        <CrimeChart
          option={option}
          label={t('municipality.comparisonLabel', { name, year: point.year })}
          describedBy={summaryId}
          className="crime-chart crime-chart--compact"
        />
      </Suspense>
      <details>
        <summary>{t('district.comparisonTableToggle')}</summary>
        <TableFrame label={caption} minWidth={420}>
          <Table striped className="figure-table" bg="white">
            <caption className="visually-hidden">{caption}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('municipality.area')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('columns.hz')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('municipality.vsOwn', { name })}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key} aria-current={r.key === 'own' ? 'true' : undefined} fw={r.key === 'own' ? 700 : undefined}>
                  <Table.Th scope="row" fw="inherit">
                    {r.label}
                  </Table.Th>
                  <Table.Td className="num">{num(r.hz)}</Table.Td>
                  <Table.Td className="num">{r.key === 'own' ? '–' : signedPct(vs(point.hz, r.hz))}</Table.Td>
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
