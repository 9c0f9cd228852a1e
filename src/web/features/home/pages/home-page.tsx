import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { OverdueTasksCard } from '../../councils/index.ts';
import { ScopePanel } from '../components/scope-panel.tsx';
import { SectionCards } from '../components/section-cards.tsx';

/** The start page: what this user can do here, by role. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader
        title={t('home.title', { name: user.displayName })}
        documentTitle={t('nav.home')}
        intro={t(`home.roleIntro.${user.role}`)}
      />
      <ScopePanel user={user} />
      <OverdueTasksCard />
      <Title order={2} fz="xl" mb="sm">
        {t('home.whatYouCanDo')}
      </Title>
      <SectionCards user={user} />
    </>
  );
}
