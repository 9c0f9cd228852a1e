import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addMemberSchema,
  type Council,
  MEMBER_ROLE_LABELS,
  MEMBER_ROLES,
  type Member,
  updateMemberSchema,
} from '../../../../shared/councils.schema.ts';
import { ORGANISATION_TYPE_LABELS } from '../../../../shared/organisations.schema.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useLabel } from '../../../ui/use-label.ts';
import { OrganisationPicker, usePeople } from '../../organisations/index.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { membersExportUrl, useAddMember, useMembers, useUpdateMember } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { CompositionRowsTable } from './composition-table.tsx';
import { Confirmation, EditActions, fieldRefs, inputReport, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { formatDate } from '../../../../shared/time.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';

/** The composition of the council by the institution type its members represent (a table). */
export function CompositionTable({ council }: { council: Council }) {
  const t = useCouncilsT();
  const rows = council.composition.filter((c) => c.members > 0);
  return (
    <section aria-labelledby="composition-heading">
      <Title order={2} fz="xl" id="composition-heading" mt="lg" mb="sm">
        {t('composition.title')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('composition.none')}</Text>
      ) : (
        <CompositionRowsTable rows={rows} caption={t('composition.caption')} />
      )}
    </section>
  );
}

function MembersTable({ members, onEdit }: { members: Member[]; onEdit?: (m: Member) => void }) {
  const t = useCouncilsT();
  const label = useLabel();
  const { i18n } = useTranslation();
  return (
    <TableFrame label={t('members.caption')} minWidth={720}>
      <Table striped>
        <Table.Caption>{t('members.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('members.name')}</Table.Th>
            <Table.Th scope="col">{t('members.role')}</Table.Th>
            <Table.Th scope="col">{t('members.institution')}</Table.Th>
            <Table.Th scope="col">{t('members.period')}</Table.Th>
            <Table.Th scope="col">{t('members.steering')}</Table.Th>
            {onEdit ? <Table.Th scope="col">{t('members.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row">
                {m.personName}
                {m.personFunction ? (
                  <Text size="xs" c="dimmed" component="span" display="block">
                    {m.personFunction}
                  </Text>
                ) : null}
              </Table.Th>
              <Table.Td>{label(MEMBER_ROLE_LABELS[m.role])}</Table.Td>
              <Table.Td>
                {m.organisationName ?? '–'}
                {m.institutionType !== 'none' ? ` (${label(ORGANISATION_TYPE_LABELS[m.institutionType])})` : ''}
              </Table.Td>
              <Table.Td>
                {t('members.periodValue', {
                  start: formatDate(m.startDate, i18n.language),
                  end: m.endDate ? formatDate(m.endDate, i18n.language) : t('members.open'),
                })}
              </Table.Td>
              <Table.Td>{m.steeringGroup ? t('common.yes') : t('common.no')}</Table.Td>
              {onEdit ? (
                <Table.Td>
                  <Button size="xs" variant="default" aria-label={t('members.editLabel', { name: m.personName })} onClick={() => onEdit(m)}>
                    {t('members.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

/** The organisations a member may represent: those of the council's municipalities and the statewide ones. */
const councilCommunes = (council: Council): (string | null)[] => [null, ...council.municipalities.map((m) => m.ags)];

/** Adds a member: a person of the council's municipalities, role, institution, period. */
function MemberForm({ council }: { council: Council }) {
  const t = useCouncilsT();
  const label = useLabel();
  const add = useAddMember(council.id);
  const people = usePeople();
  const agsSet = new Set(council.municipalities.map((m) => m.ags));
  const candidates = (people.data?.items ?? []).filter((p) => p.ags === null || agsSet.has(p.ags));
  const communes = councilCommunes(council);
  const empty = { personId: '', role: 'permanent', organisationId: '', startDate: '', endDate: '', steeringGroup: false };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = {
    personId: t('members.person'),
    role: t('members.role'),
    organisationId: t('members.organisation'),
    startDate: t('members.startDate'),
    endDate: t('members.endDate'),
    steeringGroup: t('members.steeringGroup'),
  };
  const refs = fieldRefs('member', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      addMemberSchema,
      {
        personId: v.personId ? Number(v.personId) : undefined,
        role: v.role,
        organisationId: v.organisationId ? Number(v.organisationId) : null,
        startDate: v.startDate,
        endDate: v.endDate || null,
        steeringGroup: v.steeringGroup,
      },
      sub.setReport,
    );
    if (!parsed) return;
    const person = candidates.find((p) => p.id === parsed.personId);
    if (await sub.run(() => add.mutateAsync(parsed), t('members.added', { name: person?.displayName ?? '' })))
      setV({ ...empty, startDate: v.startDate });
  }

  const err = sub.errors;
  return (
    <>
      <Title order={3} fz="lg" mt="lg" mb="xs">
        {t('members.add')}
      </Title>
      <Confirmation text={sub.done} />
      <ErrorSummary report={sub.report} fields={refs} />
      {candidates.length === 0 ? (
        <Text c="dimmed" mb="sm">
          {t('members.noPeople')}
        </Text>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('members.add')}>
        <Stack maw={640} gap="sm">
          <NativeSelect
            id={refs.personId!.id}
            label={labels.personId}
            required
            value={v.personId}
            error={err.personId}
            onChange={(e) => setV({ ...v, personId: e.currentTarget.value })}
            data={[
              { value: '', label: t('members.choosePerson') },
              ...candidates.map((p) => ({
                value: String(p.id),
                label: `${p.lastName}, ${p.firstName}${p.organisationName ? ` – ${p.organisationName}` : ''}`,
              })),
            ]}
          />
          <NativeSelect
            id={refs.role!.id}
            label={labels.role}
            value={v.role}
            error={err.role}
            onChange={(e) => setV({ ...v, role: e.currentTarget.value })}
            data={MEMBER_ROLES.map((r) => ({ value: r, label: label(MEMBER_ROLE_LABELS[r]) }))}
          />
          <OrganisationPicker
            id={refs.organisationId!.id}
            label={labels.organisationId}
            description={t('members.organisationHint')}
            communes={communes}
            value={v.organisationId ? Number(v.organisationId) : null}
            error={err.organisationId}
            onChange={(id) => setV({ ...v, organisationId: id === null ? '' : String(id) })}
          />
          <Group grow align="flex-start">
            <TextInput
              id={refs.startDate!.id}
              type="date"
              label={labels.startDate}
              required
              value={v.startDate}
              error={err.startDate}
              onChange={(e) => setV({ ...v, startDate: e.currentTarget.value })}
            />
            <TextInput
              id={refs.endDate!.id}
              type="date"
              label={labels.endDate}
              value={v.endDate}
              error={err.endDate}
              onChange={(e) => setV({ ...v, endDate: e.currentTarget.value })}
            />
          </Group>
          <Checkbox
            id={refs.steeringGroup!.id}
            label={labels.steeringGroup}
            checked={v.steeringGroup}
            onChange={(e) => setV({ ...v, steeringGroup: e.currentTarget.checked })}
          />
          <div>
            <Button type="submit" loading={add.isPending}>
              {t('members.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}

/** Changes a membership (role, institution, steering group, period) or ends it after a confirmation. */
function EditMemberForm(props: { council: Council; member: Member; onClose(): void; onEnded(message: string): void }) {
  const { council, member, onClose, onEnded } = props;
  const t = useCouncilsT();
  const label = useLabel();
  const { i18n } = useTranslation();
  const update = useUpdateMember(council.id);
  const communes = councilCommunes(council);
  const [v, setV] = useState({
    role: member.role as string,
    organisationId: member.organisationId === null ? '' : String(member.organisationId),
    steeringGroup: member.steeringGroup,
    startDate: member.startDate,
    endDate: member.endDate ?? '',
  });
  const [confirming, setConfirming] = useState(false);
  const sub = useSubmission();
  const name = member.personName;
  const labels = {
    role: t('members.role'),
    organisationId: t('members.organisation'),
    startDate: t('members.startDate'),
    endDate: t('members.endOn'),
    steeringGroup: t('members.steeringGroup'),
  };
  const refs = fieldRefs(`member-${member.id}`, labels);

  const parse = (endDate: string) =>
    updateMemberSchema.safeParse({
      version: member.version,
      role: v.role,
      organisationId: v.organisationId ? Number(v.organisationId) : null,
      steeringGroup: v.steeringGroup,
      startDate: v.startDate,
      endDate: endDate || null,
    });

  async function save(endDate: string, confirmation: string): Promise<boolean> {
    const parsed = parse(endDate);
    if (!parsed.success) {
      sub.setReport(inputReport(zodFieldErrors(parsed.error)));
      return false;
    }
    return sub.run(() => update.mutateAsync({ memberId: member.id, ...parsed.data }), confirmation);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await save(v.endDate, t('members.saved', { name }));
  }

  function askEnd() {
    const parsed = parse(v.endDate);
    if (!v.endDate || !parsed.success) {
      const fields = parsed.success ? {} : zodFieldErrors(parsed.error);
      sub.setReport(inputReport(v.endDate ? fields : { ...fields, endDate: t('members.endOn') }));
      return;
    }
    setConfirming(true);
  }

  const endLabel = v.endDate ? formatDate(v.endDate, i18n.language) : '';
  return (
    <section aria-labelledby={`member-edit-${member.id}`}>
      <Title order={3} fz="lg" mt="lg" mb="xs" id={`member-edit-${member.id}`}>
        {t('members.editTitle', { name })}
      </Title>
      <Confirmation text={sub.done} />
      <ErrorSummary report={sub.report} fields={refs} />
      <form onSubmit={submit} noValidate aria-label={t('members.editTitle', { name })}>
        <Stack maw={640} gap="sm">
          <NativeSelect
            id={refs.role!.id}
            label={labels.role}
            value={v.role}
            error={sub.errors.role}
            onChange={(e) => setV({ ...v, role: e.currentTarget.value })}
            data={MEMBER_ROLES.map((r) => ({ value: r, label: label(MEMBER_ROLE_LABELS[r]) }))}
          />
          <OrganisationPicker
            id={refs.organisationId!.id}
            label={labels.organisationId}
            description={t('members.organisationHint')}
            communes={communes}
            value={v.organisationId ? Number(v.organisationId) : null}
            valueLabel={String(member.organisationId) === v.organisationId ? member.organisationName : null}
            error={sub.errors.organisationId}
            onChange={(id) => setV({ ...v, organisationId: id === null ? '' : String(id) })}
          />
          <Group grow align="flex-start">
            <TextInput
              id={refs.startDate!.id}
              type="date"
              label={labels.startDate}
              required
              value={v.startDate}
              error={sub.errors.startDate}
              onChange={(e) => setV({ ...v, startDate: e.currentTarget.value })}
            />
            <TextInput
              id={refs.endDate!.id}
              type="date"
              label={labels.endDate}
              value={v.endDate}
              error={sub.errors.endDate}
              onChange={(e) => setV({ ...v, endDate: e.currentTarget.value })}
            />
          </Group>
          <Checkbox
            id={refs.steeringGroup!.id}
            label={labels.steeringGroup}
            checked={v.steeringGroup}
            onChange={(e) => setV({ ...v, steeringGroup: e.currentTarget.checked })}
          />
          <EditActions
            saveLabel={t('members.save')}
            saving={update.isPending && !confirming}
            closeLabel={t('members.close')}
            onClose={onClose}
          >
            <Button variant="outline" color="red.9" onClick={askEnd}>
              {t('members.end')}
            </Button>
          </EditActions>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        title={t('members.end')}
        message={t('members.endMessage', { name, date: endLabel })}
        confirmLabel={t('members.endConfirm')}
        danger
        busy={update.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          const message = t('members.ended', { name, date: endLabel });
          void save(v.endDate, message).then((ok) => {
            setConfirming(false);
            // An ended membership leaves the list of current members: the confirmation moves to the section.
            if (ok) onEnded(message);
          });
        }}
      />
    </section>
  );
}

/** The current members, their export, the form to change one and the form to add one (for those who may edit). */
export function MembersSection({ council }: { council: Council }) {
  const t = useCouncilsT();
  const members = useMembers(council.id);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const edited = members.data?.find((m) => m.id === editing);
  return (
    <section aria-labelledby="members-heading">
      <Title order={2} fz="xl" id="members-heading" mt="lg" mb="sm">
        {t('members.title', { count: council.counts.currentMembers })}
      </Title>
      <Confirmation text={notice} />
      {members.data?.length ? (
        <>
          <MembersTable
            members={members.data}
            onEdit={
              council.canEdit
                ? (m) => {
                    setNotice(null);
                    setEditing(m.id);
                  }
                : undefined
            }
          />
          <Group gap="md" mt="xs">
            <DownloadLinks hrefOf={(format) => membersExportUrl(council.id, format)} what={t('members.exportWhat')} />
          </Group>
        </>
      ) : (
        <Text c="dimmed">{t('members.none')}</Text>
      )}
      {council.canEdit && edited ? (
        <EditMemberForm
          key={edited.id}
          council={council}
          member={edited}
          onClose={() => setEditing(null)}
          onEnded={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      ) : null}
      {council.canEdit ? <MemberForm council={council} /> : null}
    </section>
  );
}
