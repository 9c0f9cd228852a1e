import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../ui/query-status.tsx';
import { PageHeader } from '../ui/page-header.tsx';

/** Shown when the server cannot be reached at start-up (the session state is unknown). */
export function SessionFailure({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <main id="main" tabIndex={-1}>
      <Container size="sm" py="xl">
        <PageHeader title={t('status.unreachable.title')} />
        <LoadError error={error} onRetry={onRetry} />
      </Container>
    </main>
  );
}
