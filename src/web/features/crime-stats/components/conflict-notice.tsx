import { Alert, Button, Text } from '@mantine/core';
import { useCrimeStatsT } from '../i18n.ts';

/** Someone else saved a change meanwhile (409): say that this change was not saved, and offer their version. */
export function ConflictNotice({ what, onReload }: { what: string; onReload(): void }) {
  const t = useCrimeStatsT();
  return (
    <Alert color="#a33b06" variant="outline" title={t('conflict.title', { what })} mb="md">
      <Text size="sm" mb="sm">
        {t('conflict.text')}
      </Text>
      <Button size="xs" variant="default" onClick={onReload}>
        {t('conflict.reload')}
      </Button>
    </Alert>
  );
}
