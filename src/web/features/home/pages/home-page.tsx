import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { NetworkToday } from '../../alliance/index.ts';
import { OverdueTasksCard } from '../../councils/index.ts';
import { FundingByFieldSection } from '../../funding/index.ts';
import { ScopePanel } from '../components/scope-panel.tsx';
import { SectionCards } from '../components/section-cards.tsx';
import { WorkQueueSection } from '../components/work-queue-section.tsx';

/** The ministry's start: the network's figures and their development, and the funding by field of action. */
function MinistryOverview() {
  return (
    <Stack gap="lg" mb="lg">
      <NetworkToday />
      <FundingByFieldSection />
    </Stack>
  );
}

/** The start page: the role's work queue (the ministry: figures and trends), its scope, and what it can do here. */
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
      {user.role === 'ministry' ? <MinistryOverview /> : <WorkQueueSection />}
      <OverdueTasksCard />
      <ScopePanel user={user} />
      <Title order={2} fz="xl" mb="sm">
        {t('home.whatYouCanDo')}
      </Title>
      <SectionCards user={user} />
    </>
  );
}
