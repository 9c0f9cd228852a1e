import { Button, Group } from '@mantine/core';
import { exportUrl } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

/** CSV and XLSX downloads of the district figures for a year and offence key. */
export function CrimeExportLinks({ year, offence, what }: { year?: number; offence: string; what: string }) {
  const t = useCrimeStatsT();
  return (
    <Group gap="xs">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} component="a" href={exportUrl(format, { year, offence })} download variant="default" size="xs"
          aria-label={t('common.exportLabel', { what, format: format.toUpperCase() })}>
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
