import { Button, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createPrioritySchema,
  PRIORITY_KINDS,
  PRIORITY_LEVELS,
  PRIORITY_SOURCES,
  type Priorities,
  type Priority,
  updatePrioritySchema,
} from '../../../../shared/councils.schema.ts';
import { allows } from '../../../../shared/policies.ts';
import { formatDate, todayBerlin } from '../../../../shared/time.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { Confirmation, EditActions, fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCompletePriorityStep, useCreatePriority, usePriorities, useUpdatePriority } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';

type Kind = Priority['kind'];
type Catalogue = Priorities['fieldsOfAction'];

const STEP_DATE: Record<Kind, keyof Priorities['steps']> = {
  problem_field: 'problemFieldsIdentifiedOn',
  prevention_area: 'preventionAreasDefinedOn',
};

/** The field of action's name in the page's language. */
function fieldName(catalogue: Catalogue, p: Priority, language: string): string {
  const f = catalogue.find((x) => x.id === p.fieldOfActionId);
  return f ? (language === 'en' ? f.nameEn : f.name) : p.fieldOfActionName;
}

/** The entries of one kind, with their step: completed on a date, or (for editors) the button that completes it. */
function KindBlock({
  ags,
  kind,
  data,
  canEdit,
  onEdit,
  onStepCompleted,
}: {
  ags: string;
  kind: Kind;
  data: Priorities;
  canEdit: boolean;
  onEdit(p: Priority): void;
  onStepCompleted?(): void;
}) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const complete = useCompletePriorityStep(ags);
  const sub = useSubmission();
  const [confirming, setConfirming] = useState(false);
  const [date, setDate] = useState(todayBerlin());
  const items = data.items.filter((p) => p.kind === kind);
  const doneOn = data.steps[STEP_DATE[kind]];
  const headingId = `priorities-${kind}-heading`;
  const dateId = `priorities-${kind}-complete-date`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} fz="lg" mt="md" mb="xs" id={headingId}>
        {t(`priorities.kinds.${kind}`)}
      </Title>
      {items.length ? (
        <TableFrame label={t(`priorities.caption.${kind}`)} minWidth={720}>
          <Table striped>
            <Table.Caption>{t(`priorities.caption.${kind}`)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('priorities.titleField')}</Table.Th>
                <Table.Th scope="col">{t('priorities.field')}</Table.Th>
                <Table.Th scope="col">{t('priorities.priority')}</Table.Th>
                <Table.Th scope="col">{t('priorities.source')}</Table.Th>
                <Table.Th scope="col">{t('priorities.identifiedOn')}</Table.Th>
                {canEdit ? <Table.Th scope="col">{t('priorities.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">
                    {p.title}
                    {p.description ? (
                      <Text size="sm" c="dimmed" fw="normal">
                        {p.description}
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td>{fieldName(data.fieldsOfAction, p, i18n.language)}</Table.Td>
                  <Table.Td>{t(`priorities.levels.${p.priority}`)}</Table.Td>
                  <Table.Td>{t(`priorities.sources.${p.source}`)}</Table.Td>
                  <Table.Td>{formatDate(p.identifiedOn, i18n.language)}</Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('priorities.editLabel', { title: p.title })}
                        onClick={() => onEdit(p)}
                      >
                        {t('priorities.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : (
        <Text c="dimmed">{t(`priorities.none.${kind}`)}</Text>
      )}
      <Confirmation text={sub.done} />
      {sub.report ? (
        <Text c="red.9" role="alert">
          {sub.report.fields.date ?? sub.report.detail ?? sub.report.title}
        </Text>
      ) : null}
      {doneOn ? (
        <Text mt="xs">{t(`priorities.stepDone.${kind}`, { date: formatDate(doneOn, i18n.language) })}</Text>
      ) : (
        <Group mt="xs" gap="sm">
          <Text>{t(`priorities.stepOpen.${kind}`)}</Text>
          {canEdit && items.length ? (
            <Button
              size="xs"
              variant="outline"
              onClick={() => {
                setDate(todayBerlin());
                sub.setReport(null);
                setConfirming(true);
              }}
            >
              {t(`priorities.complete.${kind}`)}
            </Button>
          ) : null}
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t(`priorities.complete.${kind}`)}
        message={t(`priorities.completeMessage.${kind}`, { count: items.length })}
        confirmLabel={t('priorities.completeConfirm')}
        busy={complete.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          void sub
            .run(() => complete.mutateAsync({ step: kind, date }), t(`priorities.completed.${kind}`))
            .then((ok) => {
              setConfirming(false);
              if (ok) onStepCompleted?.();
            });
        }}
      >
        <TextInput
          id={dateId}
          type="date"
          label={t('priorities.completeDate')}
          required
          value={date}
          mb="lg"
          onChange={(e) => setDate(e.currentTarget.value)}
        />
      </ConfirmDialog>
    </section>
  );
}

interface FormValues {
  kind: Kind;
  fieldOfActionId: string;
  title: string;
  description: string;
  priority: Priority['priority'];
  source: Priority['source'] | '';
  identifiedOn: string;
}

const valuesOf = (p: Priority): FormValues => ({
  kind: p.kind,
  fieldOfActionId: String(p.fieldOfActionId),
  title: p.title,
  description: p.description,
  priority: p.priority,
  source: p.source,
  identifiedOn: p.identifiedOn,
});

/**
 * Records an entry, or changes one (`editing`) with its version: a concurrent change is refused
 * with 409, the list reloads and the form shows the current entry with the message.
 */
function PriorityForm({
  ags,
  catalogue,
  editing,
  onClose,
}: {
  ags: string;
  catalogue: Catalogue;
  editing: Priority | null;
  onClose(): void;
}) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const create = useCreatePriority(ags);
  const update = useUpdatePriority(ags);
  const empty: FormValues = {
    kind: 'problem_field',
    fieldOfActionId: '',
    title: '',
    description: '',
    priority: 'medium',
    source: '',
    identifiedOn: '',
  };
  const [v, setV] = useState<FormValues>(editing ? valuesOf(editing) : empty);
  // A newer version (saved here, or elsewhere and reloaded after a 409) shows as it is now.
  useEffect(() => {
    if (editing) setV(valuesOf(editing));
  }, [editing?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const prefix = editing ? `priority-${editing.id}` : 'priority-new';
  const labels = {
    kind: t('priorities.kind'),
    fieldOfActionId: t('priorities.field'),
    title: t('priorities.titleField'),
    description: t('priorities.description'),
    priority: t('priorities.priority'),
    source: t('priorities.source'),
    identifiedOn: t('priorities.identifiedOn'),
  };
  const refs = fieldRefs(prefix, labels);
  const titleId = refs.title!.id;
  // Opened from a row's button: the keyboard continues in the form.
  useEffect(() => {
    if (editing) document.getElementById(titleId)?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      fieldOfActionId: v.fieldOfActionId ? Number(v.fieldOfActionId) : undefined,
      title: v.title,
      description: v.description,
      priority: v.priority,
      source: v.source || undefined,
      identifiedOn: v.identifiedOn || undefined,
    };
    if (editing) {
      const parsed = parseOrReport(updatePrioritySchema, { ...input, version: editing.version }, sub.setReport);
      if (!parsed) return;
      await sub.run(() => update.mutateAsync({ id: editing.id, ...parsed }), t('priorities.saved', { title: parsed.title }));
      return;
    }
    const parsed = parseOrReport(createPrioritySchema, { ...input, kind: v.kind }, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => create.mutateAsync(parsed), t('priorities.created', { title: parsed.title }))) setV(empty);
  }

  const err = sub.errors;
  const title = editing ? t('priorities.editTitle', { title: editing.title }) : t('priorities.add');
  return (
    <FormSection headingId={`${prefix}-heading`} title={title} submission={sub} fields={refs} onSubmit={submit}>
      {editing ? null : (
        <NativeSelect
          id={refs.kind!.id}
          label={labels.kind}
          required
          value={v.kind}
          error={err.kind}
          onChange={(e) => setV({ ...v, kind: e.currentTarget.value as Kind })}
          data={PRIORITY_KINDS.map((k) => ({ value: k, label: t(`priorities.kindOne.${k}`) }))}
        />
      )}
      <NativeSelect
        id={refs.fieldOfActionId!.id}
        label={labels.fieldOfActionId}
        required
        value={v.fieldOfActionId}
        error={err.fieldOfActionId}
        onChange={(e) => setV({ ...v, fieldOfActionId: e.currentTarget.value })}
        data={[
          { value: '', label: t('priorities.fieldChoose') },
          ...catalogue.map((f) => ({ value: String(f.id), label: i18n.language === 'en' ? f.nameEn : f.name })),
        ]}
      />
      <TextInput
        id={refs.title!.id}
        label={labels.title}
        required
        value={v.title}
        error={err.title}
        onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
      />
      <Textarea
        id={refs.description!.id}
        label={labels.description}
        autosize
        minRows={2}
        value={v.description}
        error={err.description}
        onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <NativeSelect
          id={refs.priority!.id}
          label={labels.priority}
          required
          value={v.priority}
          error={err.priority}
          onChange={(e) => setV({ ...v, priority: e.currentTarget.value as Priority['priority'] })}
          data={PRIORITY_LEVELS.map((l) => ({ value: l, label: t(`priorities.levels.${l}`) }))}
        />
        <NativeSelect
          id={refs.source!.id}
          label={labels.source}
          required
          value={v.source}
          error={err.source}
          onChange={(e) => setV({ ...v, source: e.currentTarget.value as Priority['source'] })}
          data={[
            { value: '', label: t('priorities.fieldChoose') },
            ...PRIORITY_SOURCES.map((s) => ({ value: s, label: t(`priorities.sources.${s}`) })),
          ]}
        />
        <TextInput
          id={refs.identifiedOn!.id}
          type="date"
          label={labels.identifiedOn}
          required
          value={v.identifiedOn}
          error={err.identifiedOn}
          onChange={(e) => setV({ ...v, identifiedOn: e.currentTarget.value })}
        />
      </Group>
      <EditActions
        saveLabel={editing ? t('priorities.save') : t('priorities.submit')}
        saving={create.isPending || update.isPending}
        closeLabel={t('priorities.close')}
        onClose={editing ? onClose : undefined}
      />
    </FormSection>
  );
}

/**
 * A municipality's problem fields and prevention areas (from the strategy work): the list by kind,
 * for those who may write the form to record and change them and the action that completes a step
 * (an event on the municipality's timeline, reported by `onStepCompleted`). Shown to the roles
 * that read councils; a municipality outside the user's scope shows nothing.
 */
export function PrioritiesSection({ ags, onStepCompleted }: { ags: string; onStepCompleted?(): void }) {
  const t = useCouncilsT();
  const user = useCurrentUser();
  const query = usePriorities(ags);
  const [editingId, setEditingId] = useState<number | null>(null);
  if (query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  const canEdit = allows('councils.write', user.role);
  const editing = query.data?.items.find((p) => p.id === editingId) ?? null;
  return (
    <section aria-labelledby="priorities-heading">
      <Title order={2} fz="xl" mb="xs" id="priorities-heading">
        {t('priorities.title')}
      </Title>
      <Text mb="sm">{t('priorities.intro')}</Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          {PRIORITY_KINDS.map((kind) => (
            <KindBlock
              key={kind}
              ags={ags}
              kind={kind}
              data={query.data}
              canEdit={canEdit}
              onEdit={(p) => setEditingId(p.id)}
              onStepCompleted={onStepCompleted}
            />
          ))}
          {canEdit && editing ? (
            <PriorityForm
              key={editing.id}
              ags={ags}
              catalogue={query.data.fieldsOfAction}
              editing={editing}
              onClose={() => setEditingId(null)}
            />
          ) : null}
          {canEdit ? (
            <PriorityForm key="new" ags={ags} catalogue={query.data.fieldsOfAction} editing={null} onClose={() => undefined} />
          ) : null}
        </Stack>
      )}
    </section>
  );
}
