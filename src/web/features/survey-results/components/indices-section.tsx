import { Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useId, useMemo } from 'react';
import type { Estimate, SurveyIndices } from '../../../../shared/survey-results.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { useSuppressedText } from './cells.tsx';
import { shareBarsOption } from './chart-options.ts';

const SurveyChart = lazy(() => import('./survey-chart.tsx'));

/** An estimate as text: a share in per cent or a score 0–100, with its interval. */
export function useEstimateText(k: number, lang: string) {
  const t = useSurveyResultsT();
  const suppressed = useSuppressedText(k);
  return (e: Estimate, unit: 'share' | 'score') => {
    if (e.suppressed) return { value: suppressed(e.suppressed), ci: '', n: '' };
    if (e.value === null) return { value: '–', ci: '', n: e.n === null ? '' : String(e.n) };
    const f = (x: number | null) => (unit === 'share' ? pct(x, lang) : num(x, lang, 1));
    return { value: unit === 'share' ? f(e.value) : t('indices.score', { value: f(e.value) }), ci: `${f(e.ciLow)} – ${f(e.ciHigh)}`, n: num(e.n, lang) };
  };
}

export function IndicesSection({ data, lang }: { data: SurveyIndices; lang: string }) {
  const t = useSurveyResultsT();
  const k = data.kMin;
  const text = useEstimateText(k, lang);
  const summaryId = useId();
  const shares = data.indices.filter((i) => i.unit === 'share');
  const option = useMemo(() => shareBarsOption(shares.map((i) => ({ label: i.label, value: i.estimate.value, low: i.estimate.ciLow, high: i.estimate.ciHigh })), lang, { share: t('table.share'), ci: t('table.ci') }), [shares, lang, t]);
  if (data.indices.length === 0) return <Text>{t('indices.none')}</Text>;
  const caption = t('indices.caption');
  return (
    <Stack gap="sm">
      <p id={summaryId}>{data.indices.map((i) => `${i.label}: ${text(i.estimate, i.unit).value}`).join('; ')}.</p>
      {shares.length ? (
        <Suspense fallback={<Loading />}>
          <SurveyChart option={option} label={t('table.chartLabel', { label: caption })} describedBy={summaryId} />
        </Suspense>
      ) : null}
      <TableFrame label={caption} minWidth={560}>
        <Table striped bg="white">
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('indices.index')}</Table.Th>
              <Table.Th scope="col" className="num">{t('indices.value')}</Table.Th>
              <Table.Th scope="col" className="num">{t('indices.ci')}</Table.Th>
              <Table.Th scope="col" className="num">{t('indices.n')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.indices.map((i) => {
              const e = text(i.estimate, i.unit);
              return (
                <Table.Tr key={i.id} data-index={i.id}>
                  <Table.Th scope="row" fw={500}>{i.label}<Text size="xs" c="dimmed">{i.description}</Text></Table.Th>
                  <Table.Td className="num">{e.value}</Table.Td>
                  <Table.Td className="num">{e.ci}</Table.Td>
                  <Table.Td className="num">{e.n}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableFrame>
      {data.indices.filter((i) => i.components.length > 0).map((i) => {
        const cap = t('indices.components', { label: i.label });
        return (
          <details key={i.id}>
            <summary>{cap}</summary>
            <TableFrame label={cap} minWidth={520}>
              <Table striped bg="white">
                <caption className="visually-hidden">{cap}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('indices.component')}</Table.Th>
                    <Table.Th scope="col" className="num">{t('indices.value')}</Table.Th>
                    <Table.Th scope="col" className="num">{t('indices.ci')}</Table.Th>
                    <Table.Th scope="col" className="num">{t('indices.n')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {i.components.map((c) => {
                    const e = text(c.estimate, i.unit);
                    return (
                      <Table.Tr key={c.name}>
                        <Table.Th scope="row" fw={500}>{c.label}</Table.Th>
                        <Table.Td className="num">{e.value}</Table.Td>
                        <Table.Td className="num">{e.ci}</Table.Td>
                        <Table.Td className="num">{e.n}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </TableFrame>
          </details>
        );
      })}
    </Stack>
  );
}
