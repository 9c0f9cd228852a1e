import { Anchor, Button } from '@mantine/core';
import { Link } from 'react-router';
import type { Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { CRIME_PATHS, PKS_IMPORT_ROLES, useCrimeYears, useDistrictIndicators, useOffenceCatalogue } from '../api.ts';
import { DistrictMapSection } from '../components/district-map-section.tsx';
import { CrimeExportLinks } from '../components/export-links.tsx';
import { IndicatorFilters } from '../components/indicator-filters.tsx';
import { useCrimeStatsT } from '../i18n.ts';
import { useIndicatorParams } from '../use-indicator-params.ts';
import '../crime-stats.css';

/** The districts overview: choose year and offence group; map, table alternative, exports. */
export function DistrictsPage() {
  const t = useCrimeStatsT();
  const user = useCurrentUser();
  const canImport = (PKS_IMPORT_ROLES as readonly Role[]).includes(user.role);
  const [params, setParams] = useIndicatorParams();
  const years = useCrimeYears();
  const catalogue = useOffenceCatalogue();
  const yearList = (years.data?.district ?? []).map((y) => y.year).sort((a, b) => b - a);
  const hasData = yearList.length > 0;
  const indicators = useDistrictIndicators(params, { enabled: hasData });
  const year = params.year ?? indicators.data?.year ?? yearList[0];
  const importLink = canImport ? <Button component={Link} to={CRIME_PATHS.import} variant="default">{t('overview.importLink')}</Button> : undefined;

  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro')} actions={importLink} />
      {years.isPending ? <Loading /> : years.isError ? <LoadError error={years.error} onRetry={() => void years.refetch()} /> : !hasData ? (
        <Callout tone="neutral">
          {t('common.noData')}
          {canImport ? <>{' '}<Anchor component={Link} to={CRIME_PATHS.import} size="sm" underline="always">{t('common.noDataImport')}</Anchor></> : null}
        </Callout>
      ) : (
        <>
          <IndicatorFilters years={yearList} year={year} offence={params.offence} catalogue={catalogue.data} onChange={setParams} />
          <CrimeExportLinks year={year} offence={params.offence} what={t('overview.exportWhat')} />
          {indicators.isPending ? <Loading /> : indicators.isError ? <LoadError error={indicators.error} onRetry={() => void indicators.refetch()} /> : (
            <DistrictMapSection data={indicators.data} />
          )}
        </>
      )}
    </>
  );
}
