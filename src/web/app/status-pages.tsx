import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { PageHeader } from '../ui/page-header.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('status.notFound.title')} />
      <Text mb="md">{t('status.notFound.text')}</Text>
      <Anchor component={Link} to="/">
        {t('status.toHome')}
      </Anchor>
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('status.forbidden.title')} />
      <Text mb="md">{t('status.forbidden.text')}</Text>
      <Anchor component={Link} to="/">
        {t('status.toHome')}
      </Anchor>
    </>
  );
}

/** Shown when rendering a page failed; the rest of the app keeps working. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" tabIndex={-1} style={{ padding: '2rem' }}>
      <PageHeader title={t('status.crash.title')} />
      <Text mb="md">{t('status.crash.text')}</Text>
      <Anchor href="/">{t('status.toHome')}</Anchor>
    </main>
  );
}
