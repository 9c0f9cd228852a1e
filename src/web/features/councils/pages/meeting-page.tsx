import { Anchor, Button, Fieldset, Group, List, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ATTENDANCE, createTaskSchema, type Meeting, MEETING_STATUSES, updateMeetingSchema } from '../../../../shared/councils.schema.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { COUNCIL_PATHS, icsUrl, useCreateTask, useMeeting, useUpdateMeeting } from '../api.ts';
import { Confirmation, fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { TasksTable } from '../components/tasks-section.tsx';
import { useCouncilsT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

type Attendance = (typeof ATTENDANCE)[number];

/** Records what happened: status, attendance per invitee, minutes, decisions (one per line). */
function RecordForm({ meeting }: { meeting: Meeting }) {
  const t = useCouncilsT();
  const update = useUpdateMeeting(meeting.id);
  const initial = () => ({
    status: meeting.status,
    minutes: meeting.minutes,
    decisions: meeting.decisionList.map((d) => d.text).join('\n'),
    attendance: Object.fromEntries(meeting.inviteeList.map((i) => [i.personId, i.attendance])) as Record<number, Attendance>,
  });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [meeting.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const labels = {
    status: t('meeting.status'),
    minutes: t('meeting.minutes'),
    decisions: t('meeting.decisions'),
    invitees: t('meeting.attendance'),
  };
  const refs = fieldRefs('record', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await sub.run(
      () =>
        update.mutateAsync({
          version: meeting.version,
          status: v.status,
          minutes: v.minutes,
          decisions: v.decisions
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((text) => ({ text })),
          invitees: meeting.inviteeList.map((i) => ({ personId: i.personId, attendance: v.attendance[i.personId] ?? 'invited' })),
        }),
      t('meeting.saved'),
    );
  }

  return (
    <FormSection headingId="record-heading" title={t('meeting.recordTitle')} submission={sub} fields={refs} onSubmit={submit} maw={720}>
      <NativeSelect
        id={refs.status!.id}
        label={labels.status}
        value={v.status}
        error={sub.errors.status}
        onChange={(e) => setV({ ...v, status: e.currentTarget.value as Meeting['status'] })}
        data={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.statuses.${s}`) }))}
      />
      <Fieldset id={refs.invitees!.id} legend={labels.invitees}>
        {meeting.inviteeList.length === 0 ? <Text c="dimmed">{t('meeting.noInvitees')}</Text> : null}
        <Stack gap={6}>
          {meeting.inviteeList.map((i) => (
            <NativeSelect
              key={i.personId}
              label={t('meeting.attendanceOf', { name: i.personName })}
              value={v.attendance[i.personId] ?? 'invited'}
              onChange={(e) => setV({ ...v, attendance: { ...v.attendance, [i.personId]: e.currentTarget.value as Attendance } })}
              data={ATTENDANCE.map((a) => ({ value: a, label: t(`meeting.attendanceValues.${a}`) }))}
            />
          ))}
        </Stack>
      </Fieldset>
      <Textarea
        id={refs.minutes!.id}
        label={labels.minutes}
        autosize
        minRows={5}
        value={v.minutes}
        error={sub.errors.minutes}
        onChange={(e) => setV({ ...v, minutes: e.currentTarget.value })}
      />
      <Textarea
        id={refs.decisions!.id}
        label={labels.decisions}
        description={t('meeting.decisionsHint')}
        autosize
        minRows={2}
        value={v.decisions}
        error={sub.errors.decisions}
        onChange={(e) => setV({ ...v, decisions: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={update.isPending}>
          {t('meeting.save')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Moves a meeting: title, date, start and end time, place (the invitees get the change with the next calendar refresh). */
function ScheduleForm({ meeting }: { meeting: Meeting }) {
  const t = useCouncilsT();
  const update = useUpdateMeeting(meeting.id);
  const initial = () => ({
    title: meeting.title,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place,
  });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [meeting.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const labels = {
    title: t('meetings.titleField'),
    date: t('meetings.date'),
    startTime: t('meetings.startTime'),
    endTime: t('meetings.endTime'),
    place: t('meetings.place'),
  };
  const refs = fieldRefs('schedule', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(updateMeetingSchema, { version: meeting.version, ...v }, sub.setReport);
    if (!parsed) return;
    await sub.run(() => update.mutateAsync(parsed), t('meeting.scheduleSaved'));
  }

  const text = (name: keyof typeof labels, type = 'text', required = true) => (
    <TextInput
      id={refs[name]!.id}
      type={type}
      label={labels[name]}
      required={required}
      value={v[name]}
      error={sub.errors[name]}
      onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })}
    />
  );
  return (
    <FormSection headingId="schedule-heading" title={t('meeting.scheduleTitle')} submission={sub} fields={refs} onSubmit={submit}>
      {text('title')}
      <Group grow align="flex-start">
        {text('date', 'date')}
        {text('startTime', 'time')}
        {text('endTime', 'time')}
      </Group>
      {text('place', 'text', false)}
      <div>
        <Button type="submit" loading={update.isPending}>
          {t('meeting.scheduleSave')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Adds a task from the meeting: title, owner (an invitee), due date. */
function TaskForm({ meeting }: { meeting: Meeting }) {
  const t = useCouncilsT();
  const create = useCreateTask(meeting.councilId);
  const empty = { title: '', ownerPersonId: '', dueDate: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = { title: t('tasks.titleField'), ownerPersonId: t('tasks.owner'), dueDate: t('tasks.dueDate') };
  const refs = fieldRefs('task', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      createTaskSchema,
      {
        title: v.title,
        meetingId: meeting.id,
        ownerPersonId: v.ownerPersonId ? Number(v.ownerPersonId) : null,
        dueDate: v.dueDate,
      },
      sub.setReport,
    );
    if (!parsed) return;
    if (await sub.run(() => create.mutateAsync(parsed), t('tasks.created', { title: parsed.title }))) setV(empty);
  }

  return (
    <>
      <Title order={3} fz="lg" mt="lg" mb="xs">
        {t('tasks.add')}
      </Title>
      <Confirmation text={sub.done} />
      <ErrorSummary report={sub.report} fields={refs} />
      <form onSubmit={submit} noValidate aria-label={t('tasks.add')}>
        <Stack maw={640} gap="sm">
          <TextInput
            id={refs.title!.id}
            label={labels.title}
            required
            value={v.title}
            error={sub.errors.title}
            onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <NativeSelect
              id={refs.ownerPersonId!.id}
              label={labels.ownerPersonId}
              value={v.ownerPersonId}
              error={sub.errors.ownerPersonId}
              onChange={(e) => setV({ ...v, ownerPersonId: e.currentTarget.value })}
              data={[
                { value: '', label: t('tasks.ownerNone') },
                ...meeting.inviteeList.map((i) => ({ value: String(i.personId), label: i.personName })),
              ]}
            />
            <TextInput
              id={refs.dueDate!.id}
              type="date"
              label={labels.dueDate}
              required
              value={v.dueDate}
              error={sub.errors.dueDate}
              onChange={(e) => setV({ ...v, dueDate: e.currentTarget.value })}
            />
          </Group>
          <div>
            <Button type="submit" loading={create.isPending}>
              {t('tasks.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}

/** A meeting: details, the .ics download, what happened (editable), its tasks. */
export function MeetingPage() {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  if (meeting.isLoading) return <Loading />;
  if (meeting.error || !meeting.data) return <LoadError error={meeting.error} onRetry={() => meeting.refetch()} />;
  const m = meeting.data;
  const date = formatDate(m.date, i18n.language);
  return (
    <>
      <PageHeader
        title={t('meeting.heading', { title: m.title, date })}
        intro={
          <Anchor component={Link} to={COUNCIL_PATHS.council(m.councilId)}>
            {t('meeting.back', { council: m.councilName })}
          </Anchor>
        }
      />
      <section aria-label={t('meeting.details')}>
        <Text>
          {t('meetings.when', { date, start: m.startTime, end: m.endTime })}
          {m.place ? ` · ${m.place}` : ''} · {t(`meetings.statuses.${m.status}`)}
        </Text>
        <Anchor href={icsUrl(m.id)} download>
          {t('meeting.ics')}
        </Anchor>
        {m.agenda.length ? (
          <>
            <Title order={2} fz="xl" mt="lg" mb="xs">
              {t('meeting.agenda')}
            </Title>
            <List type="ordered">
              {m.agenda.map((a, i) => (
                <List.Item key={i}>{a.title}</List.Item>
              ))}
            </List>
          </>
        ) : null}
      </section>
      {m.canEdit ? <ScheduleForm meeting={m} /> : null}
      {m.canEdit ? (
        <RecordForm meeting={m} />
      ) : (
        <section aria-labelledby="minutes-heading">
          <Title order={2} fz="xl" id="minutes-heading" mt="lg" mb="xs">
            {t('meeting.minutes')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.minutes || '–'}</Text>
          <TableFrame label={t('meeting.attendance')} minWidth={320}>
            <Table>
              <Table.Caption>{t('meeting.attendance')}</Table.Caption>
              <Table.Tbody>
                {m.inviteeList.map((i) => (
                  <Table.Tr key={i.personId}>
                    <Table.Th scope="row">{i.personName}</Table.Th>
                    <Table.Td>{t(`meeting.attendanceValues.${i.attendance}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </section>
      )}
      <section aria-labelledby="meeting-tasks-heading">
        <Title order={2} fz="xl" id="meeting-tasks-heading" mt="lg" mb="sm">
          {t('meeting.tasks')}
        </Title>
        {m.tasks.length ? (
          <TasksTable tasks={m.tasks} caption={t('meeting.tasksCaption')} canEdit={m.canEdit} />
        ) : (
          <Text c="dimmed">{t('tasks.none')}</Text>
        )}
        {m.canEdit ? <TaskForm meeting={m} /> : null}
      </section>
    </>
  );
}
