import { Anchor, List, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PksImportReport } from '../../../../shared/crime-stats.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatDateTime, formatNumber } from '../../../ui/dates.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AttributionNote } from '../../territory/components/attribution-note.tsx';
import { CRIME_PATHS } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

const MAX_WARNINGS = 100;

function Counts({ r }: { r: PksImportReport }) {
  const t = useCrimeStatsT();
  const items: [string, number, string][] = [
    [t('import.rows'), r.rows, 'rows'],
    [t('import.districts'), r.districts, 'districts'],
    [t('import.offenceKeys'), r.offenceKeys, 'offenceKeys'],
    [t('import.districtsInDirectory'), r.districtsInDirectory, 'districtsInDirectory'],
    [t('import.warnings'), r.warningCount, 'warnings'],
    [t('import.newKeys'), r.newOffenceKeys.length, 'newKeys'],
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" m={0} mb="md">
      {items.map(([label, n, key]) => (
        <div key={key} className="count-item" data-count={key}>
          <Text component="dt" size="sm" c="dimmed">{label}</Text>
          <Text component="dd" m={0} fw={700} fz="xl">{formatNumber(n)}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Warnings({ r }: { r: PksImportReport }) {
  const t = useCrimeStatsT();
  if (!r.warnings.length) return null;
  const shown = r.warnings.slice(0, MAX_WARNINGS);
  const caption = t('import.warningsCaption');
  return (
    <details>
      <summary>{t('import.warningsTitle', { count: formatNumber(r.warningCount) })}</summary>
      <TableFrame label={caption} minWidth={520} maxHeight="24rem">
        <Table striped className="data-table" bg="white">
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.line')}</Table.Th>
              <Table.Th scope="col">{t('import.field')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((w, i) => (
              <Table.Tr key={i}>
                <Table.Td>{w.line ?? '–'}</Table.Td>
                <Table.Td>{w.field.replace(/^line \d+: /, '')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'normal' }}>{w.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      {r.warningCount > shown.length ? <Text size="sm" mt="xs">{t('import.warningsMore', { shown: shown.length, count: formatNumber(r.warningCount) })}</Text> : null}
    </details>
  );
}

/** The report of a PKS import or of its preview: counts, source, columns, replaced year, warnings. */
export function PksImportReportView({ report: r }: { report: PksImportReport }) {
  const t = useCrimeStatsT();
  return (
    <section aria-labelledby="pks-report-heading">
      <Title order={2} fz="xl" mb="sm" id="pks-report-heading">{r.dryRun ? t('import.previewHeading') : t('import.resultHeading')}</Title>
      {r.dryRun
        ? <Callout tone="info" title={t('import.previewTitle')}>{t('import.previewText')}</Callout>
        : (
          <Callout tone="success" title={t('import.savedTitle')}>
            <Text size="sm">{t('import.savedText', { year: r.year })}{' '}<Anchor component={Link} to={CRIME_PATHS.overview} size="sm" underline="always">{t('import.toOverview')}</Anchor></Text>
          </Callout>
        )}
      <Counts r={r} />
      <Text size="sm">{t('import.source', { source: r.source, encoding: r.encoding.toUpperCase(), year: r.year, yearFrom: t(`import.yearFrom.${r.yearFrom}`) })}</Text>
      {r.replaced ? <Text size="sm">{t('import.replaces', { rows: formatNumber(r.replaced.rows), source: r.replaced.source ?? '–', at: r.replaced.importedAt ? formatDateTime(r.replaced.importedAt) : '–' })}</Text> : null}
      <Text size="sm">{t('import.columnsFound', { columns: r.columns.found.join(', ') })}</Text>
      {r.columns.missingOptional.length ? <Text size="sm">{t('import.columnsMissing', { columns: r.columns.missingOptional.join(', ') })}</Text> : null}
      <Warnings r={r} />
      {r.newOffenceKeys.length ? (
        <details>
          <summary>{t('import.newKeysTitle', { count: r.newOffenceKeys.length })}</summary>
          <List size="sm" spacing={2} className="key-list">
            {r.newOffenceKeys.map((k) => <List.Item key={k} ff="monospace">{k}</List.Item>)}
          </List>
        </details>
      ) : null}
      <AttributionNote notes={r.attribution} />
    </section>
  );
}
