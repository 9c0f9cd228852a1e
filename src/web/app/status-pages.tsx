import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { isRouteErrorResponse, Link, useLocation, useRouteError } from 'react-router';
import { PageHeader } from '../ui/page-header.tsx';
import { Loading } from '../ui/query-status.tsx';

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

/** The address this document was loaded from (the server sends each entry's HTML for its own addresses). */
const documentPath = window.location.pathname;

/**
 * A page that is an entry of its own (sign-in, the public page, the citizen survey): reached by a
 * link inside the app, it is loaded in full from the server. Had the server sent the app for it,
 * that would loop, so then it is not found.
 */
export function EntryOfItsOwn() {
  const { pathname, search } = useLocation();
  const reachedInApp = pathname !== documentPath;
  useEffect(() => {
    if (reachedInApp) window.location.replace(`${pathname}${search}`);
  }, [reachedInApp, pathname, search]);
  return reachedInApp ? <Loading /> : <NotFoundPage />;
}
