import { Alert, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useId } from 'react';
import { formatLang, formatNumber } from '../../../../shared/format.ts';
import type { ProfileChart, ProfileTable } from '../../../../shared/security-analysis.schema.ts';
import { describeError } from '../../../lib/api-client.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useSecurityAnalysisT } from '../i18n.ts';

const EChart = lazy(() => import('../../../ui/echart.tsx'));

type Cell = string | number | null;

/** German (or English) notation of a table value; years and keys stay as they are. */
export function formatCell(v: Cell, header: string, lang: string): string {
  if (v === null) return '–';
  if (typeof v !== 'number') return v;
  if (/^(Jahr|Schlüssel|Year|Key)$/.test(header)) return String(v);
  return formatNumber(v, formatLang(lang), { min: 0, max: 1 });
}

/** A table with caption and column headers (the accessible form of every figure). */
export function DataTable({ caption, header, rows, lang }: { caption: string; header: string[]; rows: Cell[][]; lang: string }) {
  return (
    <TableFrame label={caption} minWidth={480}>
      <Table striped>
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {header.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <Table.Th key={j} scope="row">
                    {formatCell(c, header[j] ?? '', lang)}
                  </Table.Th>
                ) : (
                  <Table.Td key={j}>{formatCell(c, header[j] ?? '', lang)}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

export function ProfileTableView({ table, lang }: { table: ProfileTable; lang: string }) {
  return <DataTable caption={table.title} header={table.header} rows={table.rows} lang={lang} />;
}

/** A chart of the profile (the same ECharts option the server renders into the PDF) with its data table. */
export function ChartBlock({ chart, lang }: { chart: ProfileChart; lang: string }) {
  const t = useSecurityAnalysisT();
  const id = useId();
  return (
    <figure style={{ margin: '0 0 1.5rem' }}>
      <Title order={3} size="h4" mb="xs">
        {chart.title}
      </Title>
      <Suspense fallback={null}>
        <EChart option={chart.option} label={chart.title} describedBy={`${id}-table`} className="sa-chart" />
      </Suspense>
      <div id={`${id}-table`}>
        <DataTable
          caption={t('profile.chartTableCaption', { title: chart.title })}
          header={chart.table.header}
          rows={chart.table.rows}
          lang={lang}
        />
      </div>
      <Text component="figcaption" size="xs" c="dimmed" mt={4}>
        {chart.attribution.join(' · ')}
      </Text>
    </figure>
  );
}

/** The error of a failed change: announced summary with links to the fields. */
export function ChangeError({ error, fields }: { error: unknown; fields: Record<string, FieldRef> }) {
  if (!error) return null;
  const report = describeError(error);
  if (Object.keys(report.fields).length) return <ErrorSummary report={report} fields={fields} />;
  return (
    <Alert color="red.9" variant="outline" title={report.title} role="alert" mb="md">
      {report.detail}
    </Alert>
  );
}
