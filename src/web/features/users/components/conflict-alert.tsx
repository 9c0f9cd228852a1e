import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Someone else changed the record meanwhile: say so and offer to load their version. */
export function ConflictAlert({ onReload }: { onReload(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="#a33b06" variant="outline" title={t('conflict.title')} mb="md">
      <Text size="sm" mb="sm">
        {t('conflict.text')}
      </Text>
      <Button size="xs" variant="default" onClick={onReload}>
        {t('conflict.reload')}
      </Button>
    </Alert>
  );
}
