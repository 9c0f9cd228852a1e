import { Button, Checkbox, Group, NativeSelect, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addSessionSchema,
  type Coach,
  type CoachingProcess,
  createCoachSchema,
  updateCoachingSchema,
  updateCoachSchema,
} from '../../../../shared/coaching.schema.ts';
import { formatDate } from '../../../../shared/time.ts';
import { fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { usePeople } from '../../organisations/index.ts';
import { useAddSession, useCoaches, useCreateCoach, useUpdateCoach, useUpdateCoaching } from '../api.ts';
import { useCoachingT } from '../i18n.ts';
import { CoachSelect } from './coach-select.tsx';

/** Adds a session (date, notes) to a coaching process. */
function SessionForm({ process }: { process: CoachingProcess }) {
  const t = useCoachingT();
  const add = useAddSession();
  const empty = { date: '', notes: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = { date: t('details.sessionDate'), notes: t('details.sessionNotes') };
  const refs = fieldRefs(`session-${process.id}`, labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(addSessionSchema, v, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => add.mutateAsync({ id: process.id, ...parsed }), t('details.sessionAdded'))) setV(empty);
  }
  return (
    <FormSection
      headingId={`session-heading-${process.id}`}
      title={t('details.sessionAdd')}
      submission={sub}
      fields={refs}
      onSubmit={submit}
    >
      <TextInput
        id={refs.date!.id}
        type="date"
        label={labels.date}
        required
        value={v.date}
        error={sub.errors.date}
        onChange={(e) => setV({ ...v, date: e.currentTarget.value })}
      />
      <Textarea
        id={refs.notes!.id}
        label={labels.notes}
        autosize
        minRows={2}
        value={v.notes}
        error={sub.errors.notes}
        onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={add.isPending}>
          {t('details.sessionSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Changes a process's coach, goals and end report (with its version; a stale one is refused with 409). */
function ProcessForm({ process, coaches }: { process: CoachingProcess; coaches: Coach[] }) {
  const t = useCoachingT();
  const update = useUpdateCoaching();
  const initial = () => ({ coachId: String(process.coachId), goals: process.goals, endReport: process.endReport });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [process.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const labels = { coachId: t('coaching.coach'), goals: t('coaching.goals'), endReport: t('details.endReport') };
  const refs = fieldRefs(`process-${process.id}`, labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      updateCoachingSchema,
      {
        version: process.version,
        coachId: Number(v.coachId),
        goals: v.goals,
        endReport: v.endReport,
      },
      sub.setReport,
    );
    if (!parsed) return;
    await sub.run(() => update.mutateAsync({ id: process.id, ...parsed }), t('details.saved'));
  }
  return (
    <FormSection
      headingId={`process-heading-${process.id}`}
      title={t('details.editTitle')}
      submission={sub}
      fields={refs}
      onSubmit={submit}
    >
      <CoachSelect
        id={refs.coachId!.id}
        label={labels.coachId}
        coaches={coaches}
        keepId={process.coachId}
        value={v.coachId}
        error={sub.errors.coachId}
        onChange={(coachId) => setV({ ...v, coachId })}
      />
      <Textarea
        id={refs.goals!.id}
        label={labels.goals}
        autosize
        minRows={2}
        value={v.goals}
        error={sub.errors.goals}
        onChange={(e) => setV({ ...v, goals: e.currentTarget.value })}
      />
      <Textarea
        id={refs.endReport!.id}
        label={labels.endReport}
        description={t('details.endReportHint')}
        autosize
        minRows={3}
        value={v.endReport}
        error={sub.errors.endReport}
        onChange={(e) => setV({ ...v, endReport: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={update.isPending}>
          {t('details.save')}
        </Button>
      </div>
    </FormSection>
  );
}

/** One process chosen from the list: its sessions, a new session, and its coach, goals and end report. */
export function ProcessDetailsSection({ processes }: { processes: CoachingProcess[] }) {
  const t = useCoachingT();
  const { i18n } = useTranslation();
  const coaches = useCoaches(true);
  const [chosen, setChosen] = useState<number | null>(null);
  const process = processes.find((p) => p.id === chosen) ?? null;
  return (
    <section aria-labelledby="process-details-heading">
      <Title order={2} fz="xl" id="process-details-heading" mt="lg" mb="sm">
        {t('details.title')}
      </Title>
      <NativeSelect
        id="coaching-process"
        label={t('details.process')}
        maw={640}
        value={chosen === null ? '' : String(chosen)}
        onChange={(e) => setChosen(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
        data={[
          { value: '', label: t('coaching.choose') },
          ...processes.map((p) => ({
            value: String(p.id),
            label: `${p.municipalityName} – ${p.coachName}, ${formatDate(p.startedOn, i18n.language)}`,
          })),
        ]}
      />
      {process ? (
        <>
          {process.sessions.length ? (
            <TableFrame label={t('details.sessionsCaption', { name: process.municipalityName })} minWidth={480}>
              <Table mt="sm">
                <Table.Caption>{t('details.sessionsCaption', { name: process.municipalityName })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('details.sessionDate')}</Table.Th>
                    <Table.Th scope="col">{t('details.sessionNotes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {process.sessions.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Th scope="row">{formatDate(s.date, i18n.language)}</Table.Th>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.notes || '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
          ) : (
            <Text c="dimmed" mt="sm">
              {t('details.noSessions')}
            </Text>
          )}
          <SessionForm key={`session-${process.id}`} process={process} />
          <ProcessForm key={`process-${process.id}`} process={process} coaches={coaches.data ?? []} />
        </>
      ) : null}
    </section>
  );
}

/** One coach of the pool: region, notes, active; saved with its version. */
function CoachRow({ coach }: { coach: Coach }) {
  const t = useCoachingT();
  const update = useUpdateCoach();
  const [v, setV] = useState({ region: coach.region, notes: coach.notes, active: coach.active });
  const sub = useSubmission();
  const labels = { region: t('pool.regionOf', { name: coach.name }), notes: t('pool.notesOf', { name: coach.name }) };
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(updateCoachSchema, { version: coach.version, ...v }, sub.setReport);
    if (!parsed) return;
    await sub.run(() => update.mutateAsync({ id: coach.id, ...parsed }), t('pool.saved', { name: coach.name }));
  }
  return (
    <Table.Tr>
      <Table.Th scope="row">
        {coach.name}
        <Text size="xs" c="dimmed" component="span" display="block">
          {t('pool.running', { count: coach.runningProcesses })}
        </Text>
      </Table.Th>
      <Table.Td>
        <form onSubmit={submit} noValidate aria-label={t('pool.editOf', { name: coach.name })}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={labels.region}
              value={v.region}
              error={sub.errors.region}
              onChange={(e) => setV({ ...v, region: e.currentTarget.value })}
            />
            <TextInput
              label={labels.notes}
              value={v.notes}
              error={sub.errors.notes}
              onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
            />
            <Checkbox
              label={t('pool.activeOf', { name: coach.name })}
              checked={v.active}
              onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
            />
            <Button type="submit" variant="default" loading={update.isPending}>
              {t('pool.save')}
            </Button>
          </Group>
          <div role="status" aria-live="polite">
            {sub.done ? <Text size="sm">{sub.done}</Text> : null}
          </div>
          {sub.report ? (
            <Text size="sm" c="red.9" role="alert">
              {sub.report.detail ?? sub.report.title}
            </Text>
          ) : null}
        </form>
      </Table.Td>
    </Table.Tr>
  );
}

/** Takes a person into the pool of coaches: the person, the region, notes. */
function AddCoachForm({ coaches }: { coaches: Coach[] }) {
  const t = useCoachingT();
  const create = useCreateCoach();
  const people = usePeople();
  const inPool = new Set(coaches.map((c) => c.personId));
  const empty = { personId: '', region: '', notes: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = { personId: t('pool.person'), region: t('pool.region'), notes: t('pool.notes') };
  const refs = fieldRefs('coach', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(createCoachSchema, { ...v, personId: v.personId ? Number(v.personId) : undefined }, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => create.mutateAsync(parsed), t('pool.added'))) setV(empty);
  }
  return (
    <FormSection headingId="coach-add-heading" title={t('pool.add')} submission={sub} fields={refs} onSubmit={submit}>
      <NativeSelect
        id={refs.personId!.id}
        label={labels.personId}
        required
        value={v.personId}
        error={sub.errors.personId}
        onChange={(e) => setV({ ...v, personId: e.currentTarget.value })}
        data={[
          { value: '', label: t('coaching.choose') },
          ...(people.data?.items ?? [])
            .filter((p) => !inPool.has(p.id))
            .map((p) => ({ value: String(p.id), label: `${p.lastName}, ${p.firstName}` })),
        ]}
      />
      <TextInput
        id={refs.region!.id}
        label={labels.region}
        description={t('pool.regionHint')}
        value={v.region}
        error={sub.errors.region}
        onChange={(e) => setV({ ...v, region: e.currentTarget.value })}
      />
      <Textarea
        id={refs.notes!.id}
        label={labels.notes}
        autosize
        minRows={2}
        value={v.notes}
        error={sub.errors.notes}
        onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={create.isPending}>
          {t('pool.addSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** The pool of coaches (LPR staff): each coach editable, and a person taken in as a new coach. */
export function CoachPoolSection() {
  const t = useCoachingT();
  const coaches = useCoaches(true);
  const list = coaches.data ?? [];
  return (
    <section aria-labelledby="pool-heading">
      <Title order={2} fz="xl" id="pool-heading" mt="lg" mb="sm">
        {t('pool.title')}
      </Title>
      {list.length ? (
        <TableFrame label={t('pool.caption')} minWidth={720}>
          <Table striped>
            <Table.Caption>{t('pool.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coaching.coach')}</Table.Th>
                <Table.Th scope="col">{t('pool.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <CoachRow key={c.id} coach={c} />
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : (
        <Text c="dimmed">{t('pool.none')}</Text>
      )}
      <AddCoachForm coaches={list} />
    </section>
  );
}
