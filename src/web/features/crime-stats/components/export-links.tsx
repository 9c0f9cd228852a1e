import { Button, Group } from '@mantine/core';
import { exportUrl, municipalityExportUrl } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

function Links({ hrefOf, what }: { hrefOf(format: 'csv' | 'xlsx'): string; what: string }) {
  const t = useCrimeStatsT();
  return (
    <Group gap="xs">
      {/* XLSX first and primary: it opens in German Excel without an import dialog. */}
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={hrefOf(format)}
          download
          variant={format === 'xlsx' ? 'filled' : 'default'}
          size="xs"
          aria-label={t('common.exportLabel', { what, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}

/** CSV and XLSX downloads of the district figures for a year and offence key. */
export function CrimeExportLinks({ year, offence, what }: { year?: number; offence: string; what: string }) {
  return <Links hrefOf={(format) => exportUrl(format, { year, offence })} what={what} />;
}

/** CSV and XLSX downloads of municipality figures (of a district, or all the user may see) for a year and offence key. */
export function MunicipalityExportLinks({
  year,
  offence,
  districtAgs,
  what,
}: {
  year?: number;
  offence: string;
  districtAgs?: string;
  what: string;
}) {
  return <Links hrefOf={(format) => municipalityExportUrl(format, { year, offence, districtAgs })} what={what} />;
}
