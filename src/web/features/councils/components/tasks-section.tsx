import { Anchor, Badge, Button, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../shared/councils.schema.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { COUNCIL_PATHS, useUpdateTask } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { Confirmation, useSubmission } from '../../../ui/form-support.tsx';
import { formatDate } from '../../../../shared/time.ts';

/** A table of tasks with owner, due date, status and (for editors) a button to mark one done. */
export function TasksTable({
  tasks,
  caption,
  canEdit,
  showCouncil = false,
}: {
  tasks: Task[];
  caption: string;
  canEdit: boolean;
  showCouncil?: boolean;
}) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const update = useUpdateTask();
  const sub = useSubmission();
  return (
    <>
      <Confirmation text={sub.done} />
      {sub.report ? (
        <Text c="red.9" role="alert">
          {sub.report.detail ?? sub.report.title}
        </Text>
      ) : null}
      <TableFrame label={caption} minWidth={640}>
        <Table striped>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tasks.task')}</Table.Th>
              {showCouncil ? <Table.Th scope="col">{t('tasks.council')}</Table.Th> : null}
              <Table.Th scope="col">{t('tasks.owner')}</Table.Th>
              <Table.Th scope="col">{t('tasks.due')}</Table.Th>
              <Table.Th scope="col">{t('tasks.status')}</Table.Th>
              {canEdit ? <Table.Th scope="col">{t('tasks.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Th scope="row">
                  {task.meetingId ? (
                    <Anchor component={Link} to={COUNCIL_PATHS.meeting(task.meetingId)}>
                      {task.title}
                    </Anchor>
                  ) : (
                    task.title
                  )}
                </Table.Th>
                {showCouncil ? (
                  <Table.Td>
                    <Anchor component={Link} to={COUNCIL_PATHS.council(task.councilId)}>
                      {task.councilName}
                    </Anchor>
                  </Table.Td>
                ) : null}
                <Table.Td>{task.ownerName ?? '–'}</Table.Td>
                <Table.Td>
                  {formatDate(task.dueDate, i18n.language)}{' '}
                  {task.overdue ? (
                    <Badge color="red.9" variant="outline" ml={4}>
                      {t('tasks.overdue')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{t(`tasks.statuses.${task.status}`)}</Table.Td>
                {canEdit ? (
                  <Table.Td>
                    {task.status !== 'done' ? (
                      <Button
                        size="xs"
                        variant="default"
                        loading={update.isPending && update.variables?.id === task.id}
                        aria-label={t('tasks.markDoneLabel', { title: task.title })}
                        onClick={() =>
                          sub.run(
                            () => update.mutateAsync({ id: task.id, version: task.version, status: 'done' }),
                            t('tasks.markedDone', { title: task.title }),
                          )
                        }
                      >
                        {t('tasks.markDone')}
                      </Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </>
  );
}

/** The council's unfinished tasks. */
export function TasksSection({ tasks, canEdit }: { tasks: Task[]; canEdit: boolean }) {
  const t = useCouncilsT();
  return (
    <section aria-labelledby="tasks-heading">
      <Title order={2} fz="xl" id="tasks-heading" mt="lg" mb="sm">
        {t('tasks.title')}
      </Title>
      {tasks.length ? (
        <TasksTable tasks={tasks} caption={t('tasks.caption')} canEdit={canEdit} />
      ) : (
        <Text c="dimmed">{t('tasks.none')}</Text>
      )}
    </section>
  );
}
