import { Alert, Button, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/api-client.ts';

/** A loading indicator with a text alternative. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden="true" size="sm" />
      <span className="visually-hidden">{t('common.loading')}</span>
    </Center>
  );
}

/** A failed load: the server's message and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const report = describeError(error);
  return (
    <Alert color="red.9" variant="outline" title={report.title}>
      {report.detail}
      {onRetry ? (
        <Button mt="sm" size="xs" variant="default" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}
