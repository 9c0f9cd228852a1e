import { Stack, Table, Text } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useId, useMemo } from 'react';
import type { Estimate, SurveyIndices } from '../../../../shared/survey-results.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct, sePoints } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { useSuppressedText } from './cells.tsx';
import { shareBarsOption } from './chart-options.ts';

const SurveyChart = lazy(() => import('./survey-chart.tsx'));

/** An estimate as text: a share in per cent or a score 0–100, with its interval. */
export function useEstimateText(k: number, lang: string) {
  const t = useSurveyResultsT();
  const suppressed = useSuppressedText(k);
  return (e: Estimate, unit: 'share' | 'score') => {
    if (e.suppressed) return { value: suppressed(e.suppressed), se: '', ci: '', n: '' };
    if (e.value === null) return { value: '–', se: '', ci: '', n: e.n === null ? '' : String(e.n) };
    const f = (x: number | null) => (unit === 'share' ? pct(x, lang) : num(x, lang, 1));
    return {
      value: unit === 'share' ? f(e.value) : t('indices.score', { value: f(e.value) }),
      se: sePoints(e.se, lang, unit),
      ci: `${f(e.ciLow)} – ${f(e.ciHigh)}`,
      n: num(e.n, lang),
    };
  };
}

export function IndicesSection({ data, lang }: { data: SurveyIndices; lang: string }) {
  const t = useSurveyResultsT();
  const k = data.kMin;
  const text = useEstimateText(k, lang);
  const summaryId = useId();
  const shares = data.indices.filter((i) => i.unit === 'share');
  const option = useMemo(
    () =>
      shareBarsOption(
        shares.map((i) => ({ label: i.label, value: i.estimate.value, low: i.estimate.ciLow, high: i.estimate.ciHigh })),
        lang,
        { share: t('table.share'), ci: t('table.ci') },
      ),
    [shares, lang, t],
  );
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
      <EstimateTable
        caption={caption}
        firstColumn={t('indices.index')}
        minWidth={560}
        rows={data.indices.map((i) => ({
          key: i.id,
          dataIndex: i.id,
          estimate: text(i.estimate, i.unit),
          label: (
            <>
              {i.label}
              <Text size="xs" c="dimmed">
                {i.description}
              </Text>
            </>
          ),
        }))}
      />
      {data.indices
        .filter((i) => i.components.length > 0)
        .map((i) => {
          const cap = t('indices.components', { label: i.label });
          return (
            <details key={i.id}>
              <summary>{cap}</summary>
              <EstimateTable
                caption={cap}
                firstColumn={t('indices.component')}
                minWidth={520}
                rows={i.components.map((c) => ({ key: c.name, label: c.label, estimate: text(c.estimate, i.unit) }))}
              />
            </details>
          );
        })}
    </Stack>
  );
}

/** A table of estimates: one row per index or component, with value, standard error, interval and n. */
function EstimateTable({
  caption,
  firstColumn,
  minWidth,
  rows,
}: {
  caption: string;
  firstColumn: string;
  minWidth: number;
  rows: Array<{ key: string; label: ReactNode; estimate: { value: string; se: string; ci: string; n: string }; dataIndex?: string }>;
}) {
  const t = useSurveyResultsT();
  return (
    <TableFrame label={caption} minWidth={minWidth}>
      <Table striped bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            <Table.Th scope="col" className="num">
              {t('indices.value')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('indices.se')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('indices.ci')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('indices.n')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-index={r.dataIndex}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              <Table.Td className="num">{r.estimate.value}</Table.Td>
              <Table.Td className="num">{r.estimate.se}</Table.Td>
              <Table.Td className="num">{r.estimate.ci}</Table.Td>
              <Table.Td className="num">{r.estimate.n}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
