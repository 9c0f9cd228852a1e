import { Anchor, Button, Group, NativeSelect, ScrollArea, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  createOrganisationSchema,
  createPersonSchema,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  type Organisation,
  type Person,
  updateOrganisationSchema,
  updatePersonSchema,
} from '../../../../shared/organisations.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import {
  exportUrl,
  useCommuneNames,
  useCreateOrganisation,
  useCreatePerson,
  useErasePerson,
  useOrganisations,
  usePeople,
  usePersonMentions,
  useUpdateOrganisation,
  useUpdatePerson,
} from '../api.ts';
import { Confirmation, EditActions, fieldRefs, FormSection, inputReport, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { useLabel } from '../../../ui/use-label.ts';
import { MunicipalityPicker } from '../../territory/index.ts';
import { OrganisationPicker } from '../components/organisation-picker.tsx';
import { useOrganisationsT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** The municipality field: a coordinator chooses among its communes; staff type an AGS (empty: state-wide). */
function useMunicipalityChoice() {
  const user = useCurrentUser();
  const communes = user.role === 'coordinator' ? user.communes : null;
  const nameOf = useCommuneNames(communes ?? []);
  return { communes: communes?.map((ags) => ({ value: ags, label: nameOf(ags) })) ?? null, defaultAgs: communes?.[0] ?? '' };
}

/**
 * The municipality of a new record (`communes` from `useMunicipalityChoice`): a coordinator's
 * communes to choose from, or the picker for staff.
 */
function MunicipalityField(props: {
  id: string;
  label: string;
  communes: { value: string; label: string }[] | null;
  value: string;
  error?: string;
  onChange(ags: string): void;
}) {
  const t = useOrganisationsT();
  return props.communes ? (
    <NativeSelect
      id={props.id}
      label={props.label}
      value={props.value}
      error={props.error}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data={props.communes}
    />
  ) : (
    <MunicipalityPicker
      id={props.id}
      label={props.label}
      description={t('people.agsHint')}
      value={props.value || null}
      error={props.error}
      onChange={(ags) => props.onChange(ags ?? '')}
    />
  );
}

/** Moves the focus to the first field when a record is opened for editing. */
function useFocusOnEdit(editing: unknown, fieldId: string) {
  useEffect(() => {
    if (editing) document.getElementById(fieldId)?.focus();
  }, [editing, fieldId]);
}

/** The buttons of the organisation and person forms: submit (or save) and, while editing, cancel. */
function RecordActions(props: { editing: boolean; submitLabel: string; saving: boolean; onCancel(): void }) {
  const t = useOrganisationsT();
  return (
    <div>
      <EditActions
        saveLabel={props.editing ? t('people.savePerson') : props.submitLabel}
        saving={props.saving}
        closeLabel={t('people.cancelEdit')}
        onClose={props.editing ? props.onCancel : undefined}
      />
    </div>
  );
}

/** Records a new organisation, or (with `editing`) changes one; the municipality of a record stays. */
function OrganisationForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Organisation | null;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const t = useOrganisationsT();
  const label = useLabel();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const { communes, defaultAgs } = useMunicipalityChoice();
  const empty = { ags: defaultAgs, name: '', type: 'administration', street: '', postcode: '', city: '' };
  const [v, setV] = useState(
    editing
      ? {
          ags: editing.ags ?? '',
          name: editing.name,
          type: editing.type as string,
          street: editing.street,
          postcode: editing.postcode,
          city: editing.city,
        }
      : empty,
  );
  const sub = useSubmission();
  const labels = {
    ags: t('people.municipality'),
    name: t('people.orgName'),
    type: t('people.orgType'),
    street: t('people.street'),
    postcode: t('people.postcode'),
    city: t('people.city'),
  };
  const refs = fieldRefs('org', labels);
  useFocusOnEdit(editing, refs.name!.id);

  async function submitEdit(o: Organisation) {
    const parsed = parseOrReport(
      updateOrganisationSchema,
      {
        version: o.version,
        name: v.name,
        type: v.type,
        street: v.street,
        postcode: v.postcode,
        city: v.city,
      },
      sub.setReport,
    );
    if (!parsed) return;
    const message = t('people.orgSaved', { name: v.name });
    if (await sub.run(() => update.mutateAsync({ id: o.id, ...parsed }), message)) onSaved(message);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (editing) return submitEdit(editing);
    const parsed = parseOrReport(createOrganisationSchema, { ...v, ags: v.ags || null }, sub.setReport);
    if (!parsed) return;
    if (await sub.run(() => create.mutateAsync(parsed), t('people.orgCreated', { name: parsed.name }))) setV({ ...empty, ags: v.ags });
  }
  const err = sub.errors;
  return (
    <FormSection
      headingId="org-form-heading"
      title={editing ? t('people.editOrganisation', { name: editing.name }) : t('people.newOrganisation')}
      submission={sub}
      fields={refs}
      onSubmit={submit}
    >
      {editing ? null : (
        <MunicipalityField
          id={refs.ags!.id}
          label={labels.ags}
          communes={communes}
          value={v.ags}
          error={err.ags}
          onChange={(ags) => setV({ ...v, ags })}
        />
      )}
      <TextInput
        id={refs.name!.id}
        label={labels.name}
        required
        value={v.name}
        error={err.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
      />
      <NativeSelect
        id={refs.type!.id}
        label={labels.type}
        value={v.type}
        error={err.type}
        onChange={(e) => setV({ ...v, type: e.currentTarget.value })}
        data={ORGANISATION_TYPES.map((x) => ({ value: x, label: label(ORGANISATION_TYPE_LABELS[x]) }))}
      />
      <Group grow align="flex-start">
        <TextInput
          id={refs.street!.id}
          label={labels.street}
          value={v.street}
          error={err.street}
          onChange={(e) => setV({ ...v, street: e.currentTarget.value })}
        />
        <TextInput
          id={refs.postcode!.id}
          label={labels.postcode}
          value={v.postcode}
          error={err.postcode}
          onChange={(e) => setV({ ...v, postcode: e.currentTarget.value })}
        />
        <TextInput
          id={refs.city!.id}
          label={labels.city}
          value={v.city}
          error={err.city}
          onChange={(e) => setV({ ...v, city: e.currentTarget.value })}
        />
      </Group>
      <RecordActions
        editing={editing !== null}
        submitLabel={t('people.submitOrg')}
        saving={create.isPending || update.isPending}
        onCancel={onCancel}
      />
    </FormSection>
  );
}

/** Records a new person, or (with `editing`) changes one; the municipality of a record stays. */
function PersonForm({ editing, onSaved, onCancel }: { editing: Person | null; onSaved(message: string): void; onCancel(): void }) {
  const t = useOrganisationsT();
  const label = useLabel();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const { communes, defaultAgs } = useMunicipalityChoice();
  const empty = {
    ags: defaultAgs,
    firstName: '',
    lastName: '',
    function: '',
    email: '',
    phone: '',
    organisationId: '',
    legalBasis: 'public_task',
    purpose: t('people.defaultPurpose'),
    consentGivenOn: '',
  };
  const [v, setV] = useState(
    editing
      ? {
          ags: editing.ags ?? '',
          firstName: editing.firstName,
          lastName: editing.lastName,
          function: editing.function,
          email: editing.email ?? '',
          phone: editing.phone ?? '',
          organisationId: editing.organisationId === null ? '' : String(editing.organisationId),
          legalBasis: editing.legalBasis as string,
          purpose: editing.purpose,
          consentGivenOn: editing.consentGivenOn ?? '',
        }
      : empty,
  );
  const sub = useSubmission();
  const labels = {
    ags: t('people.municipality'),
    firstName: t('people.firstName'),
    lastName: t('people.lastName'),
    function: t('people.function'),
    email: t('people.email'),
    phone: t('people.phone'),
    organisationId: t('people.organisation'),
    legalBasis: t('people.legalBasis'),
    purpose: t('people.purpose'),
    consentGivenOn: t('people.consentGivenOn'),
  };
  const refs = fieldRefs('person', labels);
  useFocusOnEdit(editing, refs.firstName!.id);

  /** The person's input checked with its schema and the consent rule: the data, or null once reported. */
  function checkPerson<S extends typeof createPersonSchema | typeof updatePersonSchema>(schema: S, input: unknown): z.output<S> | null {
    const parsed = schema.safeParse(input);
    const fields = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (v.legalBasis === 'consent' && !v.consentGivenOn) fields.consentGivenOn = t('people.consentRequired');
    if (!parsed.success || Object.keys(fields).length) {
      sub.setReport(inputReport(fields));
      return null;
    }
    return parsed.data as z.output<S>;
  }

  async function submitEdit(p: Person) {
    const parsed = checkPerson(updatePersonSchema, {
      version: p.version,
      firstName: v.firstName,
      lastName: v.lastName,
      function: v.function,
      email: v.email || null,
      phone: v.phone || null,
      organisationId: v.organisationId ? Number(v.organisationId) : null,
      legalBasis: v.legalBasis,
      purpose: v.purpose,
      consentGivenOn: v.consentGivenOn || null,
    });
    if (!parsed) return;
    const message = t('people.personSaved', { name: `${v.firstName} ${v.lastName}` });
    if (await sub.run(() => update.mutateAsync({ id: p.id, ...parsed }), message)) onSaved(message);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (editing) return submitEdit(editing);
    const parsed = checkPerson(createPersonSchema, {
      ...v,
      ags: v.ags || null,
      email: v.email || null,
      phone: v.phone || null,
      organisationId: v.organisationId ? Number(v.organisationId) : null,
      consentGivenOn: v.consentGivenOn || null,
    });
    if (!parsed) return;
    if (await sub.run(() => create.mutateAsync(parsed), t('people.personCreated', { name: `${parsed.firstName} ${parsed.lastName}` })))
      setV({ ...empty, ags: v.ags });
  }
  const err = sub.errors;
  return (
    <FormSection
      headingId="person-form-heading"
      title={editing ? t('people.editPerson', { name: editing.displayName }) : t('people.newPerson')}
      submission={sub}
      fields={refs}
      onSubmit={submit}
    >
      {editing ? null : (
        <MunicipalityField
          id={refs.ags!.id}
          label={labels.ags}
          communes={communes}
          value={v.ags}
          error={err.ags}
          onChange={(ags) => setV({ ...v, ags, organisationId: '' })}
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          id={refs.firstName!.id}
          label={labels.firstName}
          required
          value={v.firstName}
          error={err.firstName}
          onChange={(e) => setV({ ...v, firstName: e.currentTarget.value })}
        />
        <TextInput
          id={refs.lastName!.id}
          label={labels.lastName}
          required
          value={v.lastName}
          error={err.lastName}
          onChange={(e) => setV({ ...v, lastName: e.currentTarget.value })}
        />
      </Group>
      <TextInput
        id={refs.function!.id}
        label={labels.function}
        value={v.function}
        error={err.function}
        onChange={(e) => setV({ ...v, function: e.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <TextInput
          id={refs.email!.id}
          type="email"
          label={labels.email}
          value={v.email}
          error={err.email}
          onChange={(e) => setV({ ...v, email: e.currentTarget.value })}
        />
        <TextInput
          id={refs.phone!.id}
          type="tel"
          label={labels.phone}
          value={v.phone}
          error={err.phone}
          onChange={(e) => setV({ ...v, phone: e.currentTarget.value })}
        />
      </Group>
      <OrganisationPicker
        id={refs.organisationId!.id}
        label={labels.organisationId}
        description={t('people.organisationHint')}
        communes={[v.ags || null]}
        value={v.organisationId ? Number(v.organisationId) : null}
        valueLabel={editing && String(editing.organisationId) === v.organisationId ? editing.organisationName : null}
        error={err.organisationId}
        onChange={(id) => setV({ ...v, organisationId: id === null ? '' : String(id) })}
      />
      <NativeSelect
        id={refs.legalBasis!.id}
        label={labels.legalBasis}
        value={v.legalBasis}
        error={err.legalBasis}
        onChange={(e) => setV({ ...v, legalBasis: e.currentTarget.value })}
        data={LEGAL_BASES.map((b) => ({ value: b, label: label(LEGAL_BASIS_LABELS[b]) }))}
      />
      {v.legalBasis === 'consent' ? (
        <TextInput
          id={refs.consentGivenOn!.id}
          type="date"
          label={labels.consentGivenOn}
          required
          value={v.consentGivenOn}
          error={err.consentGivenOn}
          onChange={(e) => setV({ ...v, consentGivenOn: e.currentTarget.value })}
        />
      ) : null}
      <Textarea
        id={refs.purpose!.id}
        label={labels.purpose}
        description={t('people.purposeHint')}
        required
        autosize
        minRows={2}
        value={v.purpose}
        error={err.purpose}
        onChange={(e) => setV({ ...v, purpose: e.currentTarget.value })}
      />
      <RecordActions
        editing={editing !== null}
        submitLabel={t('people.submitPerson')}
        saving={create.isPending || update.isPending}
        onCancel={onCancel}
      />
    </FormSection>
  );
}

/** The review before an erasure: every mention that the erasure will redact, and what it cannot find (decision 013). */
function MentionsReview({ personId }: { personId: number }) {
  const t = useOrganisationsT();
  const q = usePersonMentions(personId);
  if (q.isPending) return <Text mb="md">{t('people.reviewLoading')}</Text>;
  if (q.isError)
    return (
      <Text mb="md" c="red.9" role="alert">
        {t('people.reviewFailed')}
      </Text>
    );
  const mentions = q.data.mentions;
  return (
    <section aria-label={t('people.reviewTitle', { count: mentions.length })}>
      <Text fw={600}>{t('people.reviewTitle', { count: mentions.length })}</Text>
      <Text size="sm" mb="xs">
        {t('people.reviewHint')}
      </Text>
      {mentions.length === 0 ? (
        <Text size="sm" mb="md">
          {t('people.reviewNone')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={260} mb="md">
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('people.reviewPlace')}</Table.Th>
                <Table.Th scope="col">{t('people.reviewExcerpt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mentions.map((m, i) => (
                <Table.Tr key={`${m.table}-${m.recordId}-${m.column}-${i}`}>
                  <Table.Td>{`${m.table} #${m.recordId} · ${m.column}`}</Table.Td>
                  <Table.Td>{m.excerpt}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </section>
  );
}

function PeopleTable({ people, onEdit }: { people: Person[]; onEdit(p: Person): void }) {
  const t = useOrganisationsT();
  const { i18n } = useTranslation();
  const erase = useErasePerson();
  const [target, setTarget] = useState<Person | null>(null);
  const [reason, setReason] = useState('');
  const sub = useSubmission();
  async function confirm() {
    const p = target!;
    setTarget(null);
    await sub.run(
      () => erase.mutateAsync({ id: p.id, version: p.version, reason: reason.trim() || t('people.eraseDefaultReason') }),
      t('people.erased', { id: p.id }),
    );
    setReason('');
  }
  return (
    <>
      <Confirmation text={sub.done} />
      {sub.report ? (
        <Text c="red.9" role="alert">
          {sub.report.detail ?? sub.report.title}
        </Text>
      ) : null}
      <TableFrame label={t('people.peopleCaption')} minWidth={760}>
        <Table striped>
          <Table.Caption>{t('people.peopleCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('people.name')}</Table.Th>
              <Table.Th scope="col">{t('people.organisation')}</Table.Th>
              <Table.Th scope="col">{t('people.contact')}</Table.Th>
              <Table.Th scope="col">{t('people.legalBasis')}</Table.Th>
              <Table.Th scope="col">{t('people.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row">
                  {p.displayName}
                  {p.function ? (
                    <Text size="xs" c="dimmed" component="span" display="block">
                      {p.function}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>{p.organisationName ?? '–'}</Table.Td>
                <Table.Td>{[p.email, p.phone].filter(Boolean).join(' · ') || '–'}</Table.Td>
                <Table.Td>
                  {t(`people.basisShort.${p.legalBasis}`)}
                  {p.consentGivenOn ? ` (${formatDate(p.consentGivenOn, i18n.language)})` : ''}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor href={exportUrl(p.id, 'json')} download aria-label={t('people.exportJsonOf', { name: p.displayName })}>
                      JSON
                    </Anchor>
                    <Anchor href={exportUrl(p.id, 'pdf')} download aria-label={t('people.exportPdfOf', { name: p.displayName })}>
                      PDF
                    </Anchor>
                    {p.erasedAt === null ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onEdit(p)}
                        aria-label={t('people.editOf', { name: p.displayName })}
                      >
                        {t('people.edit')}
                      </Button>
                    ) : null}
                    <Button
                      size="xs"
                      variant="default"
                      color="red.9"
                      onClick={() => setTarget(p)}
                      aria-label={t('people.eraseOf', { name: p.displayName })}
                    >
                      {t('people.erase')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      <ConfirmDialog
        opened={target !== null}
        title={t('people.eraseTitle', { name: target?.displayName ?? '' })}
        message={t('people.eraseMessage')}
        confirmLabel={t('people.eraseConfirm')}
        danger
        busy={erase.isPending}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      >
        {target ? <MentionsReview personId={target.id} /> : null}
      </ConfirmDialog>
      <TextInput
        mt="sm"
        maw={640}
        label={t('people.eraseReason')}
        description={t('people.eraseReasonHint')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </>
  );
}

function OrganisationsTable({ organisations, onEdit }: { organisations: Organisation[]; onEdit(o: Organisation): void }) {
  const t = useOrganisationsT();
  const label = useLabel();
  return (
    <TableFrame label={t('people.orgsCaption')} minWidth={640}>
      <Table striped>
        <Table.Caption>{t('people.orgsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('people.orgName')}</Table.Th>
            <Table.Th scope="col">{t('people.orgType')}</Table.Th>
            <Table.Th scope="col">{t('people.municipality')}</Table.Th>
            <Table.Th scope="col">{t('people.city')}</Table.Th>
            <Table.Th scope="col">{t('people.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organisations.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Th scope="row">{o.name}</Table.Th>
              <Table.Td>{label(ORGANISATION_TYPE_LABELS[o.type])}</Table.Td>
              <Table.Td>{o.municipalityName ?? t('people.stateWide')}</Table.Td>
              <Table.Td>{[o.postcode, o.city].filter(Boolean).join(' ') || '–'}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => onEdit(o)} aria-label={t('people.editOf', { name: o.name })}>
                  {t('people.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

/** Organisations and people of the user's communes, with the GDPR export and erasure. */
export function PeoplePage() {
  const t = useOrganisationsT();
  const people = usePeople();
  const orgs = useOrganisations();
  const [editing, setEditing] = useState<Person | null>(null);
  const [editingOrg, setEditingOrg] = useState<Organisation | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [orgSaved, setOrgSaved] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('people.title')} intro={t('people.intro')} />
      <section aria-labelledby="people-heading">
        <Title order={2} fz="xl" id="people-heading" mb="sm">
          {t('people.peopleTitle')}
        </Title>
        {people.isLoading ? (
          <Loading />
        ) : people.data?.items.length ? (
          <PeopleTable
            people={people.data.items}
            onEdit={(p) => {
              setSaved(null);
              setEditing(p);
            }}
          />
        ) : (
          <Text c="dimmed">{t('people.none')}</Text>
        )}
      </section>
      <section aria-labelledby="orgs-heading">
        <Title order={2} fz="xl" id="orgs-heading" mt="lg" mb="sm">
          {t('people.orgsTitle')}
        </Title>
        {orgs.isLoading ? (
          <Loading />
        ) : orgs.data?.items.length ? (
          <OrganisationsTable
            organisations={orgs.data.items}
            onEdit={(o) => {
              setOrgSaved(null);
              setEditingOrg(o);
            }}
          />
        ) : (
          <Text c="dimmed">{t('people.noOrganisations')}</Text>
        )}
      </section>
      <Confirmation text={orgSaved} />
      <OrganisationForm
        key={editingOrg ? `org-${editingOrg.id}` : 'org-new'}
        editing={editingOrg}
        onSaved={(message) => {
          setEditingOrg(null);
          setOrgSaved(message);
        }}
        onCancel={() => setEditingOrg(null)}
      />
      <Confirmation text={saved} />
      <PersonForm
        key={editing ? `person-${editing.id}` : 'person-new'}
        editing={editing}
        onSaved={(message) => {
          setEditing(null);
          setSaved(message);
        }}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}
