import { Anchor, Badge, Button, Group, Table, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startCoachingSchema } from '../../../../shared/coaching.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import type { CoachingProcess } from '../../../../shared/coaching.schema.ts';
import { allows } from '../../../../shared/policies.ts';
import { useCoaches, useCoachingProcesses, useEndCoaching, useStartCoaching } from '../api.ts';
import { Confirmation, fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { CoachSelect } from '../components/coach-select.tsx';
import { CoachPoolSection, ProcessDetailsSection } from '../components/coaching-forms.tsx';
import { useCoachingT } from '../i18n.ts';
import { MunicipalityPicker } from '../../territory/index.ts';
import { formatDate, isIsoDate } from '../../../../shared/time.ts';
import { Callout } from '../../../ui/callout.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';

/** Starts a coaching process (LPR staff); the alliance's figure "coaching running" follows. */
function StartForm() {
  const t = useCoachingT();
  const coaches = useCoaches(true);
  const start = useStartCoaching();
  const empty = { ags: '', coachId: '', startedOn: '', goals: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = {
    ags: t('coaching.municipality'),
    coachId: t('coaching.coach'),
    startedOn: t('coaching.startedOn'),
    goals: t('coaching.goals'),
  };
  const refs = fieldRefs('coaching', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(startCoachingSchema, { ...v, coachId: v.coachId ? Number(v.coachId) : undefined }, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => start.mutateAsync(parsed), t('coaching.started'))) setV(empty);
  }
  return (
    <FormSection headingId="start-heading" title={t('coaching.start')} submission={sub} fields={refs} onSubmit={submit}>
      <MunicipalityPicker
        id={refs.ags!.id}
        label={labels.ags}
        required
        value={v.ags || null}
        error={sub.errors.ags}
        onChange={(ags) => setV({ ...v, ags: ags ?? '' })}
      />
      <CoachSelect
        id={refs.coachId!.id}
        label={labels.coachId}
        required
        coaches={coaches.data ?? []}
        placeholder={t('coaching.choose')}
        value={v.coachId}
        error={sub.errors.coachId}
        onChange={(coachId) => setV({ ...v, coachId })}
      />
      <TextInput
        id={refs.startedOn!.id}
        type="date"
        label={labels.startedOn}
        required
        value={v.startedOn}
        error={sub.errors.startedOn}
        onChange={(e) => setV({ ...v, startedOn: e.currentTarget.value })}
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
      <div>
        <Button type="submit" loading={start.isPending}>
          {t('coaching.startSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Coaching processes in the user's scope; staff start and end them. */
export function CoachingPage() {
  const t = useCoachingT();
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const staff = allows('coaching.manage', user.role);
  // The drill-down of the figure "coaching processes running" (?runningAt=): exactly what it counts.
  // The work queue's "due to end" (?runningStartedBy=): running processes whose customary term ends soon.
  const [params, update] = useListParams({ runningAt: '', runningStartedBy: '' });
  const runningAt = isIsoDate(params.runningAt) ? params.runningAt : undefined;
  const runningStartedBy = isIsoDate(params.runningStartedBy) ? params.runningStartedBy : undefined;
  const processes = useCoachingProcesses({ runningAt, runningStartedBy });
  const rows = (processes.data?.items.length ?? 0) + (processes.data?.historic.length ?? 0);
  const end = useEndCoaching();
  const [ending, setEnding] = useState<CoachingProcess | null>(null);
  const [endedOn, setEndedOn] = useState('');
  const sub = useSubmission();
  async function confirmEnd() {
    const p = ending!;
    setEnding(null);
    await sub.run(
      () => end.mutateAsync({ id: p.id, version: p.version, endedOn, endReport: '' }),
      t('coaching.ended', { name: p.municipalityName }),
    );
  }
  return (
    <>
      <PageHeader title={t('coaching.title')} intro={t('coaching.intro')} />
      {runningAt ? (
        <Callout tone="info" title={t('coaching.runningAtTitle', { date: formatDate(runningAt, i18n.language) })}>
          <Text size="sm">
            {processes.data ? t('coaching.runningAtCount', { count: rows }) : null}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => update({ runningAt: '' })}>
              {t('coaching.showAll')}
            </Anchor>
          </Text>
        </Callout>
      ) : null}
      {runningStartedBy ? (
        <Callout tone="info" title={t('coaching.dueToEndTitle', { date: formatDate(runningStartedBy, i18n.language) })}>
          <Text size="sm">
            {processes.data ? t('coaching.dueToEndCount', { count: rows }) : null}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => update({ runningStartedBy: '' })}>
              {t('coaching.showAll')}
            </Anchor>
          </Text>
        </Callout>
      ) : null}
      <Confirmation text={sub.done} />
      {sub.report ? (
        <Text c="red.9" role="alert">
          {sub.report.detail ?? sub.report.title}
          {Object.values(sub.report.fields).map((m) => ` ${m}`)}
        </Text>
      ) : null}
      {processes.isLoading ? (
        <Loading />
      ) : processes.data && rows > 0 ? (
        <TableFrame label={t('coaching.caption')} minWidth={640}>
          <Table striped>
            <Table.Caption>{t('coaching.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coaching.municipality')}</Table.Th>
                <Table.Th scope="col">{t('coaching.coach')}</Table.Th>
                <Table.Th scope="col">{t('coaching.period')}</Table.Th>
                <Table.Th scope="col">{t('coaching.sessions')}</Table.Th>
                {staff ? <Table.Th scope="col">{t('coaching.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {processes.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">{p.municipalityName}</Table.Th>
                  <Table.Td>{p.coachName}</Table.Td>
                  <Table.Td>
                    {formatDate(p.startedOn, i18n.language)} – {p.endedOn ? formatDate(p.endedOn, i18n.language) : t('coaching.running')}
                  </Table.Td>
                  <Table.Td>{p.sessions.length}</Table.Td>
                  {staff ? (
                    <Table.Td>
                      {p.status === 'running' ? (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEnding(p)}
                          aria-label={t('coaching.endOf', { name: p.municipalityName })}
                        >
                          {t('coaching.end')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
              {processes.data.historic.map((h) => (
                <Table.Tr key={`historic-${h.startEventId}`}>
                  <Table.Th scope="row">
                    {h.municipalityName}{' '}
                    <Badge variant="light" color="gray" title={t('coaching.historicHint')}>
                      {t('coaching.historic')}
                    </Badge>
                  </Table.Th>
                  <Table.Td>{t('coaching.noCoach')}</Table.Td>
                  <Table.Td>
                    {formatDate(h.startedOn, i18n.language)} – {h.endedOn ? formatDate(h.endedOn, i18n.language) : t('coaching.running')}
                  </Table.Td>
                  <Table.Td>–</Table.Td>
                  {staff ? <Table.Td /> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : (
        <Text c="dimmed">{t('coaching.none')}</Text>
      )}
      {staff ? (
        <Group mt="sm" align="flex-end">
          <TextInput type="date" label={t('coaching.endedOn')} value={endedOn} onChange={(e) => setEndedOn(e.currentTarget.value)} />
        </Group>
      ) : null}
      <ConfirmDialog
        opened={ending !== null}
        title={t('coaching.endTitle', { name: ending?.municipalityName ?? '' })}
        message={t('coaching.endMessage', { date: formatDate(endedOn, i18n.language) })}
        confirmLabel={t('coaching.end')}
        onConfirm={confirmEnd}
        onCancel={() => setEnding(null)}
      />
      {staff ? <StartForm /> : null}
      {staff && processes.data?.items.length ? <ProcessDetailsSection processes={processes.data.items} /> : null}
      {staff ? <CoachPoolSection /> : null}
    </>
  );
}
