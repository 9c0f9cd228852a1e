import { Select, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import type { SurveyResults, VariableResult } from '../../../../shared/survey-results.schema.ts';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { ShareCells, useSuppressedText } from './cells.tsx';
import { shareBarsOption } from './chart-options.ts';

const SurveyChart = lazy(() => import('./survey-chart.tsx'));

/** One variable's table: every answer with n, share, standard error and interval, suppressed cells marked. */
export function VariableTable({ v, k, lang }: { v: VariableResult; k: number; lang: string }) {
  const t = useSurveyResultsT();
  const suppressed = useSuppressedText(k);
  if (v.kind === 'number') {
    const m = v.mean;
    return (
      <Text size="sm">
        {m && !m.suppressed && m.mean !== null
          ? t('table.mean', {
              mean: num(m.mean, lang, 2),
              se: num(m.se, lang, 2),
              low: num(m.ciLow, lang, 2),
              high: num(m.ciHigh, lang, 2),
              n: m.n,
            })
          : v.suppressed
            ? t('table.validSuppressed', { k })
            : t('table.noData')}
      </Text>
    );
  }
  return (
    <TableFrame label={v.label} minWidth={480}>
      <Table striped bg="white">
        <caption className="visually-hidden">{v.label}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('table.category')}</Table.Th>
            <Table.Th scope="col" className="num">
              {t('table.n')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('table.share')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('table.se')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('table.ci')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {v.categories.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Th scope="row" fw={500}>
                {c.label}
              </Table.Th>
              <ShareCells
                n={c.n}
                share={c.share}
                se={c.se}
                low={c.ciLow}
                high={c.ciHigh}
                mark={c.suppressed}
                k={k}
                lang={lang}
                fixed={v.fixed}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{v.suppressed ? suppressed(v.suppressed) : t('table.valid', { n: num(v.n, lang) })}</Table.Th>
            <Table.Td colSpan={4} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </TableFrame>
  );
}

/** A picked question as chart (with its text summary) and table; every question's table below. */
export function VariablesSection({ results, lang }: { results: SurveyResults; lang: string }) {
  const t = useSurveyResultsT();
  const summaryId = useId();
  const categorical = results.variables.filter((v) => v.kind !== 'number');
  const [picked, setPicked] = useState<string>(categorical[0]?.name ?? '');
  const v = results.variables.find((x) => x.name === picked) ?? categorical[0];
  const k = results.kMin;
  const suppressed = useSuppressedText(k);
  const option = useMemo(
    () =>
      v
        ? shareBarsOption(
            v.categories.map((c) => ({
              label: c.suppressed ? `${c.label} (${suppressed(c.suppressed)})` : c.label,
              value: c.share,
              low: c.ciLow,
              high: c.ciHigh,
            })),
            lang,
            { share: t('table.share'), ci: t('table.ci') },
          )
        : null,
    [v, lang, t, suppressed],
  );
  if (!v) return <Text>{t('table.noData')}</Text>;
  const parts = v.categories.map((c) => `${c.label} ${c.suppressed ? suppressed(c.suppressed) : pct(c.share, lang)}`).join('; ');
  return (
    <Stack gap="sm">
      <Select
        label={t('sections.variables')}
        data={categorical.map((x) => ({ value: x.name, label: x.label }))}
        value={v.name}
        onChange={(x) => x && setPicked(x)}
        searchable
        allowDeselect={false}
        maw={640}
      />
      <p id={summaryId}>{t('table.chartSummary', { label: v.label, parts })}</p>
      {option ? (
        <Suspense fallback={<Loading />}>
          <SurveyChart option={option} label={t('table.chartLabel', { label: v.label })} describedBy={summaryId} />
        </Suspense>
      ) : null}
      <VariableTable v={v} k={k} lang={lang} />
      <details>
        <summary>
          {t('table.showTable')}: {t('sections.variables')}
        </summary>
        <Stack gap="md" mt="sm">
          {results.variables.map((x) => (
            <div key={x.name}>
              <Text fw={600} size="sm" mb={4}>
                {x.label}
              </Text>
              <VariableTable v={x} k={k} lang={lang} />
            </div>
          ))}
        </Stack>
      </details>
    </Stack>
  );
}
