import { Text } from '@mantine/core';
import { AttributionNote } from '../../territory/index.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useMunicipalityIndicators } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { MunicipalityExportLinks } from './export-links.tsx';
import { MunicipalityTable } from './municipality-table.tsx';
import { SectionHeading } from './section-heading.tsx';

/** The district's municipalities with figures of the state police (latest year of municipal figures), each linking to its page. */
export function DistrictMunicipalitiesSection({
  districtAgs,
  districtName,
  offence,
  offenceName,
}: {
  districtAgs: string;
  districtName: string;
  offence: string;
  offenceName: string;
}) {
  const t = useCrimeStatsT();
  const query = useMunicipalityIndicators({ offence, districtAgs });
  const data = query.data;
  const year = data?.year ?? null;
  const has = !!data && data.items.length > 0;
  return (
    <section aria-labelledby="municipalities-heading">
      <SectionHeading
        id="municipalities-heading"
        actions={
          has ? (
            <MunicipalityExportLinks
              year={year ?? undefined}
              offence={offence}
              districtAgs={districtAgs}
              what={t('municipality.exportWhat', { district: districtName })}
            />
          ) : undefined
        }
      >
        {has ? t('districtMunicipalities.title', { year }) : t('districtMunicipalities.titleNone')}
      </SectionHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !has ? (
        <Text size="sm">{t('districtMunicipalities.none', { district: districtName, offence: offenceName })}</Text>
      ) : (
        <>
          <Text size="sm" mb="sm">
            {t('districtMunicipalities.intro', { count: data.total, district: districtName })}
          </Text>
          <MunicipalityTable
            items={data.items}
            offence={offence}
            caption={t('districtMunicipalities.caption', { district: districtName, offence: data.offence.name, year })}
          />
          <AttributionNote notes={data.attribution} />
        </>
      )}
    </section>
  );
}
