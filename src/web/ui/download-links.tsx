import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The XLSX and CSV downloads of one table: XLSX first and primary (it opens in German Excel
 * without an import dialog), CSV in the German Excel dialect the server writes (decision 034).
 */
export function DownloadLinks({ hrefOf, what }: { hrefOf: (format: 'xlsx' | 'csv') => string; what: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={hrefOf(format)}
          download
          variant={format === 'xlsx' ? 'filled' : 'default'}
          size="xs"
          aria-label={t('common.downloadAs', { what, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
