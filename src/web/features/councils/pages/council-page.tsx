import { Anchor, Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Council } from '../../../../shared/councils.schema.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { COUNCIL_PATHS, useCouncil, useTasks } from '../api.ts';
import { CouncilEditSection } from '../components/council-edit-section.tsx';
import { FeedSection } from '../components/feed-section.tsx';
import { MeetingsSection } from '../components/meetings-section.tsx';
import { DocumentsSection } from '../components/documents-section.tsx';
import { CompositionTable, MembersSection } from '../components/members-section.tsx';
import { TasksSection } from '../components/tasks-section.tsx';
import { useCouncilsT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

function Facts({ council }: { council: Council }) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const fact = (label: string, value: string) => (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
  return (
    <section aria-label={t('council.facts')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {fact(t('council.municipalities'), council.municipalities.map((m) => m.name).join(', '))}
        {fact(t('council.foundingResolutionDate'), formatDate(council.foundingResolutionDate, i18n.language))}
        {fact(
          t('council.constitutedOn'),
          council.constitutedOn ? formatDate(council.constitutedOn, i18n.language) : t('council.notConstituted'),
        )}
        {fact(t('council.steeringGroup'), council.steeringGroup || '–')}
        {fact(t('council.coordinationOffice'), council.coordinationOffice || '–')}
        {fact(
          t('council.counts'),
          // Each figure with its own plural ("1 Mitglied", "2 Mitglieder"), from i18next's plural rules.
          [
            t('council.countsMembers', { count: council.counts.currentMembers }),
            t('council.countsMeetings', { count: council.counts.meetings }),
            t('council.countsOpenTasks', { count: council.counts.openTasks }),
            t('council.countsOverdue', { count: council.counts.overdueTasks }),
          ].join(', '),
        )}
      </SimpleGrid>
    </section>
  );
}

/** The council page: facts, composition, members, meetings, tasks, documents and the calendar feed. */
export function CouncilPage() {
  const t = useCouncilsT();
  const id = Number(useParams().id);
  const council = useCouncil(id);
  const tasks = useTasks(id);
  if (council.isLoading) return <Loading />;
  if (council.error || !council.data) return <LoadError error={council.error} onRetry={() => council.refetch()} />;
  const c = council.data;
  return (
    <>
      <PageHeader
        title={c.name}
        intro={
          <>
            {c.joint ? (
              <Badge variant="outline" mr="xs">
                {t('list.joint')}
              </Badge>
            ) : null}
            <Anchor component={Link} to={COUNCIL_PATHS.list}>
              {t('council.back')}
            </Anchor>
          </>
        }
      />
      <Facts council={c} />
      <CompositionTable council={c} />
      <MembersSection council={c} />
      <MeetingsSection council={c} />
      <TasksSection tasks={tasks.data?.items ?? []} canEdit={c.canEdit} />
      <DocumentsSection council={c} />
      <FeedSection council={c} />
      {c.canEdit ? <CouncilEditSection council={c} /> : null}
    </>
  );
}
