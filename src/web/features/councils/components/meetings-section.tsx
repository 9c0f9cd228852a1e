import { Anchor, Button, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Council, createMeetingSchema, type MeetingSummary } from '../../../../shared/councils.schema.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { COUNCIL_PATHS, icsUrl, useCreateMeeting, useMeetings } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { Confirmation, fieldRefs, inputReport, useSubmission } from '../../../ui/form-support.tsx';
import { formatDate } from '../../../../shared/time.ts';

function MeetingsTable({ meetings, caption }: { meetings: MeetingSummary[]; caption: string }) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  return (
    <TableFrame label={caption} minWidth={640}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('meetings.date')}</Table.Th>
            <Table.Th scope="col">{t('meetings.titleField')}</Table.Th>
            <Table.Th scope="col">{t('meetings.place')}</Table.Th>
            <Table.Th scope="col">{t('meetings.status')}</Table.Th>
            <Table.Th scope="col">{t('meetings.calendar')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meetings.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{t('meetings.when', { date: formatDate(m.date, i18n.language), start: m.startTime, end: m.endTime })}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={COUNCIL_PATHS.meeting(m.id)}>
                  {m.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{m.place || '–'}</Table.Td>
              <Table.Td>
                {t(`meetings.statuses.${m.status}`)}
                {m.hasMinutes ? ` · ${t('meetings.withMinutes')}` : ''}
              </Table.Td>
              <Table.Td>
                <Anchor href={icsUrl(m.id)} download aria-label={t('meetings.icsFor', { date: formatDate(m.date, i18n.language) })}>
                  .ics
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

/** Schedules a meeting: date, start and end (Europe/Berlin), place, agenda one item per line. */
function MeetingForm({ council }: { council: Council }) {
  const t = useCouncilsT();
  const create = useCreateMeeting(council.id);
  const empty = { title: t('meetings.defaultTitle'), date: '', startTime: '', endTime: '', place: '', agenda: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = {
    title: t('meetings.titleField'),
    date: t('meetings.date'),
    startTime: t('meetings.startTime'),
    endTime: t('meetings.endTime'),
    place: t('meetings.place'),
    agenda: t('meetings.agenda'),
  };
  const refs = fieldRefs('meeting', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createMeetingSchema.safeParse({
      ...v,
      agenda: v.agenda
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((title) => ({ title })),
    });
    const fields = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (parsed.success && v.endTime <= v.startTime) fields.endTime = t('meetings.endBeforeStart');
    if (!parsed.success || Object.keys(fields).length) {
      sub.setReport(inputReport(fields));
      return;
    }
    if (await sub.run(() => create.mutateAsync(parsed.data), t('meetings.scheduled'))) setV(empty);
  }

  const err = sub.errors;
  return (
    <>
      <Title order={3} fz="lg" mt="lg" mb="xs">
        {t('meetings.schedule')}
      </Title>
      <Confirmation text={sub.done} />
      <ErrorSummary report={sub.report} fields={refs} />
      <form onSubmit={submit} noValidate aria-label={t('meetings.schedule')}>
        <Stack maw={640} gap="sm">
          <TextInput
            id={refs.title!.id}
            label={labels.title}
            required
            value={v.title}
            error={err.title}
            onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <TextInput
              id={refs.date!.id}
              type="date"
              label={labels.date}
              required
              value={v.date}
              error={err.date}
              onChange={(e) => setV({ ...v, date: e.currentTarget.value })}
            />
            <TextInput
              id={refs.startTime!.id}
              type="time"
              label={labels.startTime}
              required
              value={v.startTime}
              error={err.startTime}
              onChange={(e) => setV({ ...v, startTime: e.currentTarget.value })}
            />
            <TextInput
              id={refs.endTime!.id}
              type="time"
              label={labels.endTime}
              required
              value={v.endTime}
              error={err.endTime}
              onChange={(e) => setV({ ...v, endTime: e.currentTarget.value })}
            />
          </Group>
          <TextInput
            id={refs.place!.id}
            label={labels.place}
            value={v.place}
            error={err.place}
            onChange={(e) => setV({ ...v, place: e.currentTarget.value })}
          />
          <Textarea
            id={refs.agenda!.id}
            label={labels.agenda}
            description={t('meetings.agendaHint')}
            autosize
            minRows={3}
            value={v.agenda}
            error={err.agenda}
            onChange={(e) => setV({ ...v, agenda: e.currentTarget.value })}
          />
          <Text size="sm" c="dimmed">
            {t('meetings.timeZoneHint')}
          </Text>
          <div>
            <Button type="submit" loading={create.isPending}>
              {t('meetings.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}

/** Upcoming and past meetings, and the form to schedule one. */
export function MeetingsSection({ council }: { council: Council }) {
  const t = useCouncilsT();
  const upcoming = useMeetings(council.id, 'upcoming');
  const past = useMeetings(council.id, 'past');
  return (
    <section aria-labelledby="meetings-heading">
      <Title order={2} fz="xl" id="meetings-heading" mt="lg" mb="sm">
        {t('meetings.title')}
      </Title>
      {upcoming.data?.items.length ? (
        <MeetingsTable meetings={upcoming.data.items} caption={t('meetings.upcoming')} />
      ) : (
        <Text c="dimmed">{t('meetings.noneUpcoming')}</Text>
      )}
      {past.data?.items.length ? (
        <Stack mt="md">
          <MeetingsTable meetings={past.data.items} caption={t('meetings.past', { total: past.data.total })} />
        </Stack>
      ) : null}
      {council.canEdit ? <MeetingForm council={council} /> : null}
    </section>
  );
}
