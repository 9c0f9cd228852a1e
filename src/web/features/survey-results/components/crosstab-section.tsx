import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import type { SurveyResults } from '../../../../shared/survey-results.schema.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useSurveyCrosstab } from '../api.ts';
import { num, pct, sePoints } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';
import { useSuppressedText } from './cells.tsx';
import { groupedBarsOption } from './chart-options.ts';

const SurveyChart = lazy(() => import('./survey-chart.tsx'));

/** Picks two choice variables and shows their crosstab (column shares with intervals) as table and chart. */
export function CrosstabSection({
  surveyId,
  results,
  weighted,
  lang,
}: {
  surveyId: number;
  results: SurveyResults;
  weighted: boolean;
  lang: string;
}) {
  const t = useSurveyResultsT();
  const summaryId = useId();
  const choices = results.variables.filter((v) => v.kind !== 'number').map((v) => ({ value: v.name, label: v.label }));
  const [row, setRow] = useState(choices.find((c) => c.value === 'sicher_nachts')?.value ?? choices[0]?.value ?? '');
  const [col, setCol] = useState(choices.find((c) => c.value === 'altersgruppe')?.value ?? choices[1]?.value ?? '');
  const query = useSurveyCrosstab(surveyId, weighted, row, col);
  const k = results.kMin;
  const suppressed = useSuppressedText(k);
  const ct = query.data;
  const option = useMemo(
    () =>
      ct
        ? groupedBarsOption(
            ct.cols.map((c) => (c.suppressed ? `${c.label} (${suppressed(c.suppressed)})` : c.label)),
            ct.rows.map((r, i) => ({ name: r.label, values: ct.cells[i]!.map((c) => c.colShare) })),
            lang,
            'share',
          )
        : null,
    [ct, lang, suppressed],
  );
  const caption = ct ? t('crosstab.caption', { row: ct.row.label, col: ct.col.label }) : '';
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md">
        <Select
          label={t('crosstab.row')}
          data={choices}
          value={row}
          onChange={(x) => x && setRow(x)}
          searchable
          allowDeselect={false}
          w={360}
        />
        <Select
          label={t('crosstab.col')}
          data={choices}
          value={col}
          onChange={(x) => x && setCol(x)}
          searchable
          allowDeselect={false}
          w={360}
        />
      </Group>
      {row === col ? (
        <Text>{t('crosstab.pickHint')}</Text>
      ) : query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : ct ? (
        <>
          <p id={summaryId}>{caption}.</p>
          {option ? (
            <Suspense fallback={<Loading />}>
              <SurveyChart option={option} label={t('table.chartLabel', { label: caption })} describedBy={summaryId} wide />
            </Suspense>
          ) : null}
          <TableFrame label={caption} minWidth={200 + ct.cols.length * 150}>
            <Table striped bg="white" data-testid="crosstab-table">
              <caption className="visually-hidden">{caption}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{ct.row.label}</Table.Th>
                  {ct.cols.map((c) => (
                    <Table.Th key={c.code} scope="col" className="num">
                      {c.label}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" className="num">
                    {t('crosstab.total')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ct.rows.map((r, i) => (
                  <Table.Tr key={r.code}>
                    <Table.Th scope="row" fw={500}>
                      {r.label}
                    </Table.Th>
                    {ct.cells[i]!.map((c, j) => (
                      <Table.Td
                        key={ct.cols[j]!.code}
                        className={c.suppressed ? 'num suppressed' : 'num'}
                        data-suppressed={c.suppressed ?? undefined}
                      >
                        {c.suppressed ? (
                          suppressed(c.suppressed)
                        ) : (
                          <>
                            {pct(c.colShare, lang)}
                            <Text
                              span
                              size="xs"
                              c="dimmed"
                              display="block"
                            >{`${pct(c.colCiLow, lang)} – ${pct(c.colCiHigh, lang)} · ${t('crosstab.se', { se: sePoints(c.colSe, lang) })} · n ${num(c.n, lang)}`}</Text>
                          </>
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td className="num">
                      {r.suppressed ? suppressed(r.suppressed) : `${pct(r.share, lang)} · n ${num(r.n, lang)}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('crosstab.groupN')}</Table.Th>
                  {ct.cols.map((c) => (
                    <Table.Td key={c.code} className="num">
                      {c.suppressed ? suppressed(c.suppressed) : num(c.n, lang)}
                    </Table.Td>
                  ))}
                  <Table.Td className="num">{ct.total.suppressed ? suppressed(ct.total.suppressed) : num(ct.total.n, lang)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </TableFrame>
        </>
      ) : null}
    </Stack>
  );
}
