import { Anchor, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { MunicipalImportReport } from '../../../../shared/crime-stats.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../ui/dates.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AttributionNote } from '../../territory/components/attribution-note.tsx';
import { CRIME_PATHS } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

/** The report of a municipality import or of its preview: counts, years, source, warnings; the unmatched names come as children. */
export function MunicipalImportReportView({ report: r, children }: { report: MunicipalImportReport; children?: ReactNode }) {
  const t = useCrimeStatsT();
  const counts: [string, number, string][] = [
    [t('municipalImport.rows'), r.rows, 'rows'],
    [t('municipalImport.municipalities'), r.municipalities, 'municipalities'],
    [t('municipalImport.unmatched'), r.unmatched.length, 'unmatched'],
    [t('import.warnings'), r.warnings.length, 'warnings'],
    ...(r.dryRun ? [] : [[t('municipalImport.replaced'), r.replaced, 'replaced'] as [string, number, string]]),
  ];
  const caption = t('import.warningsCaption');
  return (
    <section aria-labelledby="municipal-report-heading">
      <Title order={2} fz="xl" mb="sm" id="municipal-report-heading">{r.dryRun ? t('import.previewHeading') : t('import.resultHeading')}</Title>
      {r.dryRun
        ? <Callout tone="info" title={t('import.previewTitle')}>{t('municipalImport.previewText')}</Callout>
        : (
          <Callout tone="success" title={t('import.savedTitle')}>
            <Text size="sm">
              {t('municipalImport.savedText', { years: r.years.join(', ') })}{' '}
              <Anchor component={Link} to={CRIME_PATHS.overview} size="sm" underline="always">{t('import.toOverview')}</Anchor>
            </Text>
          </Callout>
        )}
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" m={0} mb="md">
        {counts.map(([label, n, key]) => (
          <div key={key} className="count-item" data-count={key}>
            <Text component="dt" size="sm" c="dimmed">{label}</Text>
            <Text component="dd" m={0} fw={700} fz="xl">{formatNumber(n)}</Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm">{t('municipalImport.reportSource', { source: r.source, format: r.format.toUpperCase(), years: r.years.join(', ') || '–', label: r.sourceLabel })}</Text>
      {children}
      {r.warnings.length ? (
        <details>
          <summary>{t('import.warningsTitle', { count: formatNumber(r.warnings.length) })}</summary>
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
                {r.warnings.map((w, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{w.line ?? '–'}</Table.Td>
                    <Table.Td>{w.field.replace(/^line \d+: /, '')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>{w.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </details>
      ) : null}
      <AttributionNote notes={r.attribution} />
    </section>
  );
}
