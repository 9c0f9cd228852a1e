import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ExportTable, exportUrl, type StatusFilterParams } from '../api.ts';

/** CSV and XLSX downloads of one figures table at the reference date (the list's filters for the municipalities). */
export function ExportLinks({ table, at, what, filter }: { table: ExportTable; at: string; what: string; filter?: StatusFilterParams }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {/* XLSX first and primary: it opens in German Excel without an import dialog. */}
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={exportUrl(table, format, at, filter)}
          download
          variant={format === 'xlsx' ? 'filled' : 'default'}
          size="xs"
          aria-label={t('alliance.export.label', { what, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
