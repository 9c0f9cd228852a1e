import { Anchor, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldOfActionInputSchema, type Offence, offenceSchema } from '../../../../shared/crime-stats.schema.ts';
import { ApiError, describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { type Catalogue, CRIME_PATHS, useAddFieldOfAction, useOffenceCatalogue, useSetOffenceFields } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

const FIELDS_ID = 'offence-fields';

/** The name of a field of action in the UI language. */
function useFieldName(catalogue: Catalogue) {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return useMemo(() => {
    const byId = new Map(catalogue.fieldsOfAction.map((f) => [f.id, english ? f.nameEn : f.name]));
    return (f: { id: number; name: string }) => byId.get(f.id) ?? f.name;
  }, [catalogue.fieldsOfAction, english]);
}

/** The dialog that sets the fields of action of one key; a stale version (someone saved meanwhile) is shown, with their state to load. */
function EditDialog({
  offence,
  catalogue,
  opened,
  onClose,
  onClosed,
  onSaved,
}: {
  offence: Offence;
  catalogue: Catalogue;
  opened: boolean;
  onClose(): void;
  onClosed(): void;
  onSaved(o: Offence, changed: boolean): void;
}) {
  const t = useCrimeStatsT();
  const nameOf = useFieldName(catalogue);
  const save = useSetOffenceFields();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(offence);
  const [chosen, setChosen] = useState<string[]>(() => offence.fieldsOfAction.map((f) => String(f.id)));
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [conflict, setConflict] = useState<Offence | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setReport(null);
    const ids = chosen.map(Number);
    const same = ids.length === base.fieldsOfAction.length && base.fieldsOfAction.every((f) => ids.includes(f.id));
    if (same && !conflict) {
      onSaved(base, false);
      return;
    }
    try {
      const catalogueNow = await save.mutateAsync({ key: base.key, fieldIds: ids, version: base.version });
      onSaved(catalogueNow.offences.find((o) => o.key === base.key) ?? base, true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const current = offenceSchema.safeParse(err.problem.current);
        if (current.success) {
          setConflict(current.data);
          void queryClient.invalidateQueries({ queryKey: ['crime-stats', 'offences'] });
          return;
        }
      }
      setReport(describeError(err));
    }
  }

  function loadCurrent() {
    if (!conflict) return;
    setBase(conflict);
    setChosen(conflict.fieldsOfAction.map((f) => String(f.id)));
    setConflict(null);
  }

  const title = t('offenceFields.dialogTitle', { name: base.name, key: base.key });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={title}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('offenceFields.close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {conflict ? (
            <Callout tone="warning" title={t('conflict.title', { what: `${conflict.name} (${conflict.key})` })}>
              <div role="alert">
                <Text size="sm" mb="xs">
                  {t('offenceFields.conflictText', { fields: conflict.fieldsOfAction.map(nameOf).join(', ') || t('offenceFields.none') })}
                </Text>
              </div>
              <Button size="xs" variant="default" onClick={loadCurrent}>
                {t('conflict.reload')}
              </Button>
            </Callout>
          ) : null}
          <ErrorSummary report={report} fields={{ fieldIds: { id: FIELDS_ID, label: t('offenceFields.fieldsLegend') } }} />
          <Checkbox.Group
            id={FIELDS_ID}
            label={t('offenceFields.fieldsLegend')}
            description={t('offenceFields.fieldsHint')}
            value={chosen}
            onChange={setChosen}
            error={report?.fields.fieldIds}
          >
            <Stack gap="xs" mt="xs">
              {catalogue.fieldsOfAction.map((f) => (
                <Checkbox key={f.id} value={String(f.id)} label={nameOf(f)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('offenceFields.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('offenceFields.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function OffenceFieldsTable({ catalogue }: { catalogue: Catalogue }) {
  const t = useCrimeStatsT();
  const nameOf = useFieldName(catalogue);
  const [search, setSearch] = useState('');
  // The dialog opens mounted; once it has closed, focus goes back to the button that opened it.
  const [editing, setEditing] = useState<{ offence: Offence; run: number } | null>(null);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const q = search.trim().toLowerCase();
  const rows = catalogue.offences.filter(
    (o) => !q || o.key.includes(q) || o.name.toLowerCase().includes(q) || o.fieldsOfAction.some((f) => nameOf(f).toLowerCase().includes(q)),
  );
  const caption = t('offenceFields.caption');
  return (
    <>
      <div role="status" aria-live="polite">
        {status ? <Callout tone="success">{status}</Callout> : null}
      </div>
      <TextInput
        id="offence-search"
        label={t('offenceFields.search')}
        description={t('offenceFields.searchHint')}
        type="search"
        autoComplete="off"
        w={{ base: '100%', sm: 420 }}
        mb="md"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <Text size="sm" mb="xs">
        {t('offenceFields.count', { shown: rows.length, total: catalogue.offences.length })}
      </Text>
      <TableFrame label={caption} minWidth={720}>
        <Table striped className="figure-table" bg="white">
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('columns.key')}</Table.Th>
              <Table.Th scope="col">{t('columns.offence')}</Table.Th>
              <Table.Th scope="col">{t('offenceFields.fieldsColumn')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('offenceFields.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.key} data-key={o.key}>
                <Table.Td ff="monospace">{o.key}</Table.Td>
                <Table.Th scope="row" fw={o.summary ? 700 : 400} style={{ whiteSpace: 'normal', minWidth: '16rem' }}>
                  {o.name}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'normal' }}>
                  {o.fieldsOfAction.length ? (
                    o.fieldsOfAction.map(nameOf).join(', ')
                  ) : (
                    <Text span c="dimmed" size="sm">
                      {t('offenceFields.none')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={(e) => {
                      trigger.current = e.currentTarget;
                      setStatus(null);
                      setEditing((x) => ({ offence: o, run: (x?.run ?? 0) + 1 }));
                      setOpen(true);
                    }}
                    aria-label={t('offenceFields.edit', { name: o.name, key: o.key })}
                  >
                    {t('offenceFields.editShort')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      {editing ? (
        <EditDialog
          key={editing.run}
          offence={editing.offence}
          catalogue={catalogue}
          opened={open}
          onClose={() => setOpen(false)}
          onClosed={() => trigger.current?.focus()}
          onSaved={(o, changed) => {
            setOpen(false);
            setStatus(
              changed
                ? t('offenceFields.saved', {
                    name: o.name,
                    key: o.key,
                    fields: o.fieldsOfAction.map(nameOf).join(', ') || t('offenceFields.none'),
                  })
                : t('offenceFields.unchanged'),
            );
          }}
        />
      ) : null}
    </>
  );
}

/** Adds a field of action: a short code (lower case, digits, hyphens) and its name in German and English. */
function AddFieldOfActionForm() {
  const t = useCrimeStatsT();
  const add = useAddFieldOfAction();
  const empty = { code: '', name: '', nameEn: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = { code: t('offenceFields.add.code'), name: t('offenceFields.add.name'), nameEn: t('offenceFields.add.nameEn') };
  const refs = fieldRefs('field-of-action', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(fieldOfActionInputSchema, v, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => add.mutateAsync(parsed), t('offenceFields.add.done', { name: parsed.name }))) setV(empty);
  }

  return (
    <FormSection headingId="field-of-action-heading" title={t('offenceFields.add.title')} submission={sub} fields={refs} onSubmit={submit}>
      <TextInput
        id={refs.code!.id}
        label={labels.code}
        description={t('offenceFields.add.codeHint')}
        required
        value={v.code}
        error={sub.errors.code}
        onChange={(e) => setV({ ...v, code: e.currentTarget.value })}
      />
      <TextInput
        id={refs.name!.id}
        label={labels.name}
        required
        value={v.name}
        error={sub.errors.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
      />
      <TextInput
        id={refs.nameEn!.id}
        label={labels.nameEn}
        required
        lang="en"
        value={v.nameEn}
        error={sub.errors.nameEn}
        onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={add.isPending}>
          {t('offenceFields.add.submit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Admins and council staff set which fields of action each offence key feeds (e.g. damage to property → graffiti). */
export function OffenceFieldsPage() {
  const t = useCrimeStatsT();
  const catalogue = useOffenceCatalogue();
  return (
    <>
      <PageHeader
        title={t('offenceFields.title')}
        intro={t('offenceFields.intro')}
        actions={
          <Anchor component={Link} to={CRIME_PATHS.overview}>
            {t('district.back')}
          </Anchor>
        }
      />
      {catalogue.isPending ? (
        <Loading />
      ) : catalogue.isError ? (
        <LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : !catalogue.data.offences.length ? (
        <Callout tone="neutral">
          {t('offenceFields.empty')}{' '}
          <Anchor component={Link} to={CRIME_PATHS.import} size="sm" underline="always">
            {t('overview.importLink')}
          </Anchor>
        </Callout>
      ) : (
        <OffenceFieldsTable catalogue={catalogue.data} />
      )}
      {catalogue.isSuccess ? <AddFieldOfActionForm /> : null}
    </>
  );
}
