import { Table, Text } from '@mantine/core';
import type { MunicipalColumnsReport } from '../../../../shared/crime-stats.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCrimeStatsT } from '../i18n.ts';

/** What the server read from the file: format, header line, columns, and its first rows as a table. */
export function FileColumns({ report: r }: { report: MunicipalColumnsReport }) {
  const t = useCrimeStatsT();
  const format =
    r.format === 'csv'
      ? t('municipalImport.formatCsv', {
          encoding: (r.encoding ?? '').toUpperCase(),
          delimiter: r.delimiter === '\t' ? t('municipalImport.tab') : (r.delimiter ?? ''),
        })
      : t('municipalImport.formatXlsx', { sheet: r.sheet ?? '' });
  const caption = t('municipalImport.sampleCaption', { source: r.source });
  return (
    <section aria-labelledby="file-columns-heading" data-testid="file-columns">
      <Text fw={700} id="file-columns-heading" mb={4}>
        {t('municipalImport.fileRead', { source: r.source })}
      </Text>
      <Text size="sm">{format}</Text>
      <Text size="sm" mb="sm">
        {r.headerLine === null
          ? t('municipalImport.noHeader')
          : t('municipalImport.headerFound', { line: r.headerLine, columns: r.columns.length, rows: formatNumber(r.dataRows) })}
      </Text>
      {r.sample.length ? (
        <details>
          <summary>{t('municipalImport.sampleToggle', { count: r.sample.length })}</summary>
          <TableFrame label={caption} minWidth={Math.min(1200, 140 * Math.max(r.columns.length, 3))}>
            <Table striped className="data-table" bg="white">
              <caption className="visually-hidden">{caption}</caption>
              {r.columns.length ? (
                <Table.Thead>
                  <Table.Tr>
                    {r.columns.map((c) => (
                      <Table.Th key={c} scope="col">
                        {c}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
              ) : null}
              <Table.Tbody>
                {r.sample.map((row, i) => (
                  <Table.Tr key={i}>
                    {row.map((cell, j) => (
                      <Table.Td key={j}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </details>
      ) : null}
    </section>
  );
}
