import { Anchor, Card, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../../shared/time.ts';
import type { WorkQueueEntry } from '../../../../shared/work-queue.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { LoadError } from '../../../ui/query-status.tsx';
import { useWorkQueue } from '../api.ts';
import { type HomeKey, useHomeT } from '../i18n.ts';

/** The entries whose emptiness is still worth a line ("no meeting planned"); other empty entries are left out. */
const EMPTY_TEXT: Partial<Record<WorkQueueEntry['key'], HomeKey>> = {
  nextMeetings: 'none.nextMeetings',
  myApplications: 'none.myApplications',
  runningSurveys: 'none.runningSurveys',
};

function QueueCard({ entry, headingId }: { entry: WorkQueueEntry; headingId: string }) {
  const t = useHomeT();
  const { i18n } = useTranslation();
  const more = entry.count - entry.items.length;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Title order={3} fz="lg" mb={6} id={headingId}>
        {t(`titles.${entry.key}`, { subject: entry.subject ?? '' })}
      </Title>
      {entry.count === 0 ? (
        <Text size="sm">{t(EMPTY_TEXT[entry.key] ?? 'empty')}</Text>
      ) : (
        <>
          <Anchor component={Link} to={entry.href} fw={700}>
            {t(`counts.${entry.key}`, { count: entry.count })}
          </Anchor>
          <List spacing={4} size="sm" mt="xs">
            {entry.items.map((item) => (
              <List.Item key={item.href + item.label}>
                <Anchor component={Link} to={item.href}>
                  {item.label}
                </Anchor>
                {item.due ? ` – ${t(`due.${entry.key}`, { date: formatDate(item.due, i18n.language) })}` : null}
              </List.Item>
            ))}
          </List>
          {more > 0 ? (
            <Text size="sm" mt={4}>
              <Anchor component={Link} to={entry.href}>
                {t('more', { count: more })}
              </Anchor>
            </Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

/**
 * The role's work queue: a card per kind of work, its count a link to the list of exactly those
 * records, its first records links to where each is done (decision 038).
 */
export function WorkQueueSection() {
  const t = useHomeT();
  const { i18n } = useTranslation();
  const queue = useWorkQueue(i18n.language);
  const entries = queue.data?.entries.filter((e) => e.count > 0 || EMPTY_TEXT[e.key] !== undefined) ?? [];
  return (
    <section aria-labelledby="work-queue-heading">
      <Title order={2} fz="xl" mb="xs" id="work-queue-heading">
        {t('title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('intro')}
      </Text>
      {queue.isPending ? (
        <Text size="sm" role="status">
          {t('loading')}
        </Text>
      ) : queue.isError ? (
        <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : entries.length === 0 ? (
        <Callout tone="neutral" title={t('empty')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" mb="lg">
          {entries.map((e, i) => (
            <QueueCard key={`${e.key}-${i}`} entry={e} headingId={`work-queue-${i}`} />
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
