import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { allows } from '../../../../shared/policies.ts';
import { COUNCIL_PATHS, useOverdueTasks } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** The home page's card: the overdue tasks of the user's councils (nothing for roles without councils). */
export function OverdueTasksCard() {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const enabled = allows('councils.read', user.role);
  const tasks = useOverdueTasks(enabled);
  if (!enabled) return null;
  const items = tasks.data ?? [];
  return (
    <Card withBorder padding="lg" radius="md" mb="lg" component="section" aria-labelledby="overdue-heading">
      <Title order={2} fz="lg" id="overdue-heading" mb="xs">
        {t('home.overdueTitle', { count: items.length })}
      </Title>
      {tasks.isLoading ? (
        <Text size="sm">{t('home.loading')}</Text>
      ) : items.length === 0 ? (
        <Text size="sm">{t('home.overdueNone')}</Text>
      ) : (
        <List spacing={4} size="sm">
          {items.slice(0, 10).map((task) => (
            <List.Item key={task.id}>
              <Anchor component={Link} to={task.meetingId ? COUNCIL_PATHS.meeting(task.meetingId) : COUNCIL_PATHS.council(task.councilId)}>
                {task.title}
              </Anchor>
              {' – '}
              {t('home.overdueItem', {
                date: formatDate(task.dueDate, i18n.language),
                council: task.councilName,
                owner: task.ownerName ?? t('home.noOwner'),
              })}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
