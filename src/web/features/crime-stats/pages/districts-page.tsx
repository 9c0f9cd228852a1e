import { Anchor, Button, Group, Radio } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { allows } from '../../../../shared/policies.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { CRIME_PATHS, useCrimeYears, useDistrictIndicators, useMunicipalityIndicators, useOffenceCatalogue } from '../api.ts';
import { DistrictMapSection } from '../components/district-map-section.tsx';
import { CrimeExportLinks, MunicipalityExportLinks } from '../components/export-links.tsx';
import { IndicatorFilters } from '../components/indicator-filters.tsx';
import { MunicipalityMapSection } from '../components/municipality-map-section.tsx';
import { useCrimeStatsT } from '../i18n.ts';
import { type MapLevel, useIndicatorParams } from '../use-indicator-params.ts';
import '../crime-stats.css';

/**
 * The overview: choose year and offence group; map, table alternative, exports. By district (BKA
 * table T01), or by municipality where the state police's figures have been imported.
 */
export function DistrictsPage() {
  const t = useCrimeStatsT();
  const user = useCurrentUser();
  const canImport = allows('crimeStats.import', user.role);
  const canEditCatalogue = allows('crimeStats.editCatalogue', user.role);
  const [params, setParams] = useIndicatorParams();
  const years = useCrimeYears();
  const catalogue = useOffenceCatalogue();
  const districtYears = (years.data?.district ?? []).map((y) => y.year).sort((a, b) => b - a);
  const municipalYears = (years.data?.municipality ?? []).map((y) => y.year).sort((a, b) => b - a);
  const level: MapLevel =
    (params.level === 'municipalities' || !districtYears.length) && municipalYears.length ? 'municipalities' : 'districts';
  const yearList = level === 'districts' ? districtYears : municipalYears;
  const hasData = districtYears.length > 0 || municipalYears.length > 0;
  const districts = useDistrictIndicators(params, { enabled: level === 'districts' && districtYears.length > 0 });
  const municipalities = useMunicipalityIndicators({ year: params.year, offence: params.offence }, { enabled: level === 'municipalities' });
  const indicators = level === 'districts' ? districts : municipalities;
  const year = params.year ?? indicators.data?.year ?? yearList[0];
  const actions =
    canImport || canEditCatalogue ? (
      <Group gap="sm">
        {canImport ? (
          <Button component={Link} to={CRIME_PATHS.import} variant="default">
            {t('overview.importLink')}
          </Button>
        ) : null}
        {canImport ? (
          <Button component={Link} to={CRIME_PATHS.municipalImport} variant="default">
            {t('overview.municipalImportLink')}
          </Button>
        ) : null}
        {canEditCatalogue ? (
          <Button component={Link} to={CRIME_PATHS.offenceFields} variant="default">
            {t('overview.offenceFieldsLink')}
          </Button>
        ) : null}
      </Group>
    ) : undefined;
  // The radio shows the choice at once; the address (updated in a navigation) follows. A year
  // chosen for one level may not exist for the other: switching drops it.
  const [chosenLevel, setChosenLevel] = useState<MapLevel | null>(null);
  useEffect(() => {
    if (chosenLevel === level) setChosenLevel(null);
  }, [chosenLevel, level]);
  const switchLevel = (next: MapLevel) => {
    setChosenLevel(next);
    setParams({ offence: params.offence, level: next });
  };

  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro')} actions={actions} />
      {years.isPending ? (
        <Loading />
      ) : years.isError ? (
        <LoadError error={years.error} onRetry={() => void years.refetch()} />
      ) : !hasData ? (
        <Callout tone="neutral">
          {t('common.noData')}
          {canImport ? (
            <>
              {' '}
              <Anchor component={Link} to={CRIME_PATHS.import} size="sm" underline="always">
                {t('common.noDataImport')}
              </Anchor>
            </>
          ) : null}
        </Callout>
      ) : (
        <>
          {municipalYears.length ? (
            <Radio.Group
              name="crime-level"
              label={t('overview.level')}
              description={t('overview.levelHint')}
              value={chosenLevel ?? level}
              onChange={(v) => switchLevel(v as MapLevel)}
              mb="md"
            >
              <Group gap="lg" mt="xs">
                <Radio value="districts" label={t('overview.levelDistricts')} disabled={!districtYears.length} />
                <Radio value="municipalities" label={t('overview.levelMunicipalities')} />
              </Group>
            </Radio.Group>
          ) : null}
          <IndicatorFilters years={yearList} year={year} offence={params.offence} catalogue={catalogue.data} onChange={setParams} />
          {level === 'districts' ? (
            <CrimeExportLinks year={year} offence={params.offence} what={t('overview.exportWhat')} />
          ) : (
            <MunicipalityExportLinks year={year} offence={params.offence} what={t('overview.exportWhatMunicipalities')} />
          )}
          {indicators.isPending ? (
            <Loading />
          ) : indicators.isError ? (
            <LoadError error={indicators.error} onRetry={() => void indicators.refetch()} />
          ) : level === 'districts' ? (
            districts.data ? (
              <DistrictMapSection data={districts.data} />
            ) : null
          ) : municipalities.data ? (
            <MunicipalityMapSection data={municipalities.data} />
          ) : null}
        </>
      )}
    </>
  );
}
