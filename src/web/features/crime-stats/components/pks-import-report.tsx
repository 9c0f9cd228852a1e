import { Anchor, List, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PksImportReport } from '../../../../shared/crime-stats.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { AttributionNote } from '../../territory/index.ts';
import { CRIME_PATHS } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { ImportCounts, ImportWarnings } from './import-counts-warnings.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../../shared/time.ts';

function Counts({ r }: { r: PksImportReport }) {
  const t = useCrimeStatsT();
  return (
    <ImportCounts
      columns={6}
      items={[
        [t('import.rows'), r.rows, 'rows'],
        [t('import.districts'), r.districts, 'districts'],
        [t('import.offenceKeys'), r.offenceKeys, 'offenceKeys'],
        [t('import.districtsInDirectory'), r.districtsInDirectory, 'districtsInDirectory'],
        [t('import.warnings'), r.warningCount, 'warnings'],
        [t('import.newKeys'), r.newOffenceKeys.length, 'newKeys'],
      ]}
    />
  );
}

/** The report of a PKS import or of its preview: counts, source, columns, replaced year, warnings. */
export function PksImportReportView({ report: r }: { report: PksImportReport }) {
  const t = useCrimeStatsT();
  return (
    <section aria-labelledby="pks-report-heading">
      <Title order={2} fz="xl" mb="sm" id="pks-report-heading">
        {r.dryRun ? t('import.previewHeading') : t('import.resultHeading')}
      </Title>
      {r.dryRun ? (
        <Callout tone="info" title={t('import.previewTitle')}>
          {t('import.previewText')}
        </Callout>
      ) : (
        <Callout tone="success" title={t('import.savedTitle')}>
          <Text size="sm">
            {t('import.savedText', { year: r.year })}{' '}
            <Anchor component={Link} to={CRIME_PATHS.overview} size="sm" underline="always">
              {t('import.toOverview')}
            </Anchor>
          </Text>
        </Callout>
      )}
      <Counts r={r} />
      <Text size="sm">
        {t('import.source', {
          source: r.source,
          encoding: r.encoding.toUpperCase(),
          year: r.year,
          yearFrom: t(`import.yearFrom.${r.yearFrom}`),
        })}
      </Text>
      {r.replaced ? (
        <Text size="sm">
          {t('import.replaces', {
            rows: formatNumber(r.replaced.rows),
            source: r.replaced.source ?? '–',
            at: r.replaced.importedAt ? formatDateTime(r.replaced.importedAt, currentLanguage()) : '–',
          })}
        </Text>
      ) : null}
      <Text size="sm">{t('import.columnsFound', { columns: r.columns.found.join(', ') })}</Text>
      {r.columns.missingOptional.length ? (
        <Text size="sm">{t('import.columnsMissing', { columns: r.columns.missingOptional.join(', ') })}</Text>
      ) : null}
      <ImportWarnings warnings={r.warnings} total={r.warningCount} />
      {r.newOffenceKeys.length ? (
        <details>
          <summary>{t('import.newKeysTitle', { count: r.newOffenceKeys.length })}</summary>
          <List size="sm" spacing={2} className="key-list">
            {r.newOffenceKeys.map((k) => (
              <List.Item key={k} ff="monospace">
                {k}
              </List.Item>
            ))}
          </List>
        </details>
      ) : null}
      <AttributionNote notes={r.attribution} />
    </section>
  );
}
