import { Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { SurveyComparison } from '../../../../shared/survey-results.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct, signedPct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { groupedBarsOption } from './chart-options.ts';
import { useEstimateText } from './indices-section.tsx';

const SurveyChart = lazy(() => import('./survey-chart.tsx'));

type Rows = SurveyComparison['statewide']['rows'];

function ComparisonTable({ title, rows, otherLabel, k, lang }: { title: string; rows: Rows; otherLabel: string; k: number; lang: string }) {
  const t = useSurveyResultsT();
  const text = useEstimateText(k, lang);
  const summaryId = useId();
  const shares = rows.filter((r) => r.unit === 'share');
  const option = useMemo(
    () =>
      groupedBarsOption(
        shares.map((r) => r.label),
        [
          { name: t('comparison.current'), values: shares.map((r) => r.current.value) },
          { name: otherLabel, values: shares.map((r) => r.other.value) },
        ],
        lang,
        'share',
      ),
    [shares, otherLabel, lang, t],
  );
  const diff = (r: Rows[number]) => {
    if (!r.difference) return t('comparison.notComparable');
    const d = r.difference;
    return r.unit === 'share'
      ? `${signedPct(d.value, lang)} (${pct(d.ciLow, lang)} – ${pct(d.ciHigh, lang)})`
      : `${num(d.value, lang, 1)} (${num(d.ciLow, lang, 1)} – ${num(d.ciHigh, lang, 1)})`;
  };
  return (
    <Stack gap="xs">
      <Title order={3} fz="lg">
        {title}
      </Title>
      <p id={summaryId}>
        {t('comparison.chartSummary', {
          parts: rows.map((r) => `${r.label}: ${text(r.current, r.unit).value} / ${text(r.other, r.unit).value}`).join('; '),
        })}
      </p>
      {shares.length ? (
        <Suspense fallback={<Loading />}>
          <SurveyChart option={option} label={t('comparison.chartLabel', { title })} describedBy={summaryId} wide />
        </Suspense>
      ) : null}
      <TableFrame label={title} minWidth={640}>
        <Table striped bg="white">
          <caption className="visually-hidden">{title}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('comparison.indicator')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('comparison.current')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {otherLabel}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('comparison.difference')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={500}>
                  {r.label}
                </Table.Th>
                <Table.Td className="num">{text(r.current, r.unit).value}</Table.Td>
                <Table.Td className="num">{text(r.other, r.unit).value}</Table.Td>
                <Table.Td className="num">{diff(r)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Stack>
  );
}

export function ComparisonSection({ data, lang }: { data: SurveyComparison; lang: string }) {
  const t = useSurveyResultsT();
  return (
    <Stack gap="lg">
      {data.previous ? (
        <ComparisonTable
          title={t('comparison.previousTitle', { title: data.previous.title })}
          rows={data.previous.rows}
          otherLabel={t('comparison.previous')}
          k={data.kMin}
          lang={lang}
        />
      ) : (
        <Text>{t('comparison.noPrevious')}</Text>
      )}
      <ComparisonTable
        title={t('comparison.statewideTitle', { count: data.statewide.surveys })}
        rows={data.statewide.rows}
        otherLabel={t('comparison.statewide')}
        k={data.kMin}
        lang={lang}
      />
    </Stack>
  );
}
