import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { CRIME_PATHS } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

/** The link from another page of a municipality (the alliance record) to its crime figures. */
export function MunicipalityCrimeLink({ ags }: { ags: string }) {
  const t = useCrimeStatsT();
  return (
    <Anchor component={Link} to={CRIME_PATHS.municipality(ags)}>
      {t('municipality.linkFromElsewhere')}
    </Anchor>
  );
}
