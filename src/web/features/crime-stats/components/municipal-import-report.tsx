import { Anchor, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { MunicipalImportReport } from '../../../../shared/crime-stats.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { AttributionNote } from '../../territory/index.ts';
import { CRIME_PATHS } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { ImportCounts, ImportWarnings } from './import-counts-warnings.tsx';

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
  return (
    <section aria-labelledby="municipal-report-heading">
      <Title order={2} fz="xl" mb="sm" id="municipal-report-heading">
        {r.dryRun ? t('import.previewHeading') : t('import.resultHeading')}
      </Title>
      {r.dryRun ? (
        <Callout tone="info" title={t('import.previewTitle')}>
          {t('municipalImport.previewText')}
        </Callout>
      ) : (
        <Callout tone="success" title={t('import.savedTitle')}>
          <Text size="sm">
            {t('municipalImport.savedText', { years: r.years.join(', ') })}{' '}
            <Anchor component={Link} to={CRIME_PATHS.overview} size="sm" underline="always">
              {t('import.toOverview')}
            </Anchor>
          </Text>
        </Callout>
      )}
      <ImportCounts columns={5} items={counts} />
      <Text size="sm">
        {t('municipalImport.reportSource', {
          source: r.source,
          format: r.format.toUpperCase(),
          years: r.years.join(', ') || '–',
          label: r.sourceLabel,
        })}
      </Text>
      {children}
      <ImportWarnings warnings={r.warnings} />
      <AttributionNote notes={r.attribution} />
    </section>
  );
}
