import { Button, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Programme } from '../../../../shared/funding.schema.ts';
import { PAY_GRADES, type PayGrade } from '../../../../shared/funding.rules.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCreateProgramme, useFieldsOfAction, useProgrammes, useProgrammeVersions, useUpdateProgramme } from '../api.ts';
import { centsToInput, euro, inputToCents, MoneyField, SavedStatus, Section } from '../components/common.tsx';
import { useFundingT } from '../i18n.ts';
import { todayBerlin } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const pct = (bp: number) => String(bp / 100).replace('.', ',');
const toBp = (s: string): number | null => {
  const v = s.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(v)) return null;
  const bp = Math.round(Number(v) * 100);
  return bp <= 10_000 ? bp : null;
};

/** Opens the programme of a year; the rules start from the guideline's defaults. */
function CreateProgramme() {
  const t = useFundingT();
  const create = useCreateProgramme();
  const [year, setYear] = useState(String(Number(todayBerlin().slice(0, 4)) + 1));
  const [budget, setBudget] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const cents = inputToCents(budget);
    const errors: Record<string, string> = {};
    if (!/^\d{4}$/.test(year.trim())) errors.year = t('programmes.yearInvalid');
    if (cents === null) errors.budgetCents = t('common.amountInvalid');
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    try {
      await create.mutateAsync({ year: Number(year), budgetCents: cents! });
      setReport(null);
      setSaved(t('programmes.created', { year }));
    } catch (err) {
      setReport(describeError(err));
    }
  }
  return (
    <Section id="new-programme" title={t('programmes.new')}>
      <ErrorSummary
        report={report}
        fields={{
          year: { id: 'programme-year', label: t('programmes.year') },
          budgetCents: { id: 'programme-budget', label: t('programmes.budget') },
        }}
      />
      <form onSubmit={submit} noValidate aria-label={t('programmes.new')}>
        <Group gap="sm" align="flex-start">
          <TextInput
            id="programme-year"
            label={t('programmes.year')}
            value={year}
            w={120}
            inputMode="numeric"
            onChange={(e) => setYear(e.currentTarget.value)}
            error={report?.fields.year}
          />
          <MoneyField
            id="programme-budget"
            label={t('programmes.budget')}
            value={budget}
            onChange={setBudget}
            error={report?.fields.budgetCents}
          />
        </Group>
        <Text size="sm" mt="xs">
          {t('programmes.defaults')}
        </Text>
        <Group mt="sm">
          <Button type="submit" loading={create.isPending}>
            {t('programmes.create')}
          </Button>
          <SavedStatus message={saved} />
        </Group>
      </form>
    </Section>
  );
}

/** The rules of one programme, changed as a new version with a reason. */
function EditRules({ programme: p }: { programme: Programme }) {
  const t = useFundingT();
  const fields = useFieldsOfAction();
  const update = useUpdateProgramme();
  const versions = useProgrammeVersions(p.id);
  const [name, setName] = useState(p.name);
  const [budget, setBudget] = useState(centsToInput(p.budgetCents));
  const [opens, setOpens] = useState(p.windowOpens);
  const [closes, setCloses] = useState(p.windowCloses);
  const [maxShare, setMaxShare] = useState(pct(p.maxFundingShareBp));
  const [minOwn, setMinOwn] = useState(pct(p.minOwnShareBp));
  const [minGrant, setMinGrant] = useState(centsToInput(p.minGrantCents));
  const [threshold, setThreshold] = useState(centsToInput(p.reimbursementThresholdCents));
  const [caps, setCaps] = useState<Record<PayGrade, string>>(
    Object.fromEntries(PAY_GRADES.map((g) => [g, centsToInput(p.staffCaps[g])])) as Record<PayGrade, string>,
  );
  const [quotas, setQuotas] = useState<Record<string, string>>(
    Object.fromEntries(p.quotas.map((q) => [String(q.fieldId), centsToInput(q.quotaCents)])),
  );
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const errors: Record<string, string> = {};
    const money = (key: string, v: string) => {
      const c = inputToCents(v);
      if (c === null) errors[key] = t('common.amountInvalid');
      return c ?? 0;
    };
    const body = {
      version: p.version,
      reason: reason.trim(),
      name: name.trim(),
      budgetCents: money('budgetCents', budget),
      windowOpens: opens,
      windowCloses: closes,
      maxFundingShareBp: toBp(maxShare) ?? ((errors.maxFundingShareBp = t('programmes.percentInvalid')), 0),
      minOwnShareBp: toBp(minOwn) ?? ((errors.minOwnShareBp = t('programmes.percentInvalid')), 0),
      minGrantCents: money('minGrantCents', minGrant),
      reimbursementThresholdCents: money('reimbursementThresholdCents', threshold),
      staffCaps: Object.fromEntries(PAY_GRADES.map((g) => [g, money(`cap-${g}`, caps[g])])) as Record<PayGrade, number>,
      quotas: Object.entries(quotas)
        .filter(([, v]) => v.trim())
        .map(([fieldId, v]) => ({ fieldId: Number(fieldId), quotaCents: money(`quota-${fieldId}`, v) })),
    };
    if (!body.reason) errors.reason = t('common.required');
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    try {
      await update.mutateAsync({ id: p.id, body });
      setReport(null);
      setReason('');
      setSaved(t('programmes.saved'));
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <Section id="rules" title={t('programmes.rulesOf', { year: p.year })}>
      <Text size="sm" mb="sm">
        {t('programmes.committed', { committed: euro(p.committedCents), budget: euro(p.budgetCents) })}
      </Text>
      <ErrorSummary
        report={report}
        fields={{
          reason: { id: 'rules-reason', label: t('programmes.reason') },
          budgetCents: { id: 'rules-budget', label: t('programmes.budget') },
          windowCloses: { id: 'rules-closes', label: t('programmes.windowCloses') },
          quotas: { id: 'rules-quotas', label: t('programmes.quotas') },
        }}
      />
      <form onSubmit={submit} noValidate aria-label={t('programmes.rulesOf', { year: p.year })}>
        <Stack gap="sm">
          <TextInput label={t('programmes.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maw={560} />
          <Group gap="sm" align="flex-start" wrap="wrap">
            <MoneyField
              id="rules-budget"
              label={t('programmes.budget')}
              value={budget}
              onChange={setBudget}
              error={report?.fields.budgetCents}
            />
            <TextInput
              type="date"
              label={t('programmes.windowOpens')}
              value={opens}
              onChange={(e) => setOpens(e.currentTarget.value)}
              w={180}
            />
            <TextInput
              id="rules-closes"
              type="date"
              label={t('programmes.windowCloses')}
              value={closes}
              onChange={(e) => setCloses(e.currentTarget.value)}
              w={180}
              error={report?.fields.windowCloses}
            />
          </Group>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label={t('programmes.maxShare')}
              value={maxShare}
              onChange={(e) => setMaxShare(e.currentTarget.value)}
              w={200}
              rightSection="%"
              error={report?.fields.maxFundingShareBp}
            />
            <TextInput
              label={t('programmes.minOwn')}
              value={minOwn}
              onChange={(e) => setMinOwn(e.currentTarget.value)}
              w={200}
              rightSection="%"
              error={report?.fields.minOwnShareBp}
            />
            <MoneyField
              id="rules-min-grant"
              label={t('programmes.minGrant')}
              value={minGrant}
              onChange={setMinGrant}
              error={report?.fields.minGrantCents}
            />
            <MoneyField
              id="rules-threshold"
              label={t('programmes.threshold')}
              value={threshold}
              onChange={setThreshold}
              error={report?.fields.reimbursementThresholdCents}
              w={260}
            />
          </Group>
          <Text fw={600} size="sm">
            {t('programmes.staffCaps')}
          </Text>
          <Group gap="sm" wrap="wrap">
            {PAY_GRADES.map((g) => (
              <MoneyField
                key={g}
                id={`cap-${g}`}
                label={t('programmes.cap', { grade: g })}
                value={caps[g]}
                onChange={(v) => setCaps({ ...caps, [g]: v })}
                error={report?.fields[`cap-${g}`]}
              />
            ))}
          </Group>
          <Text fw={600} size="sm" id="rules-quotas">
            {t('programmes.quotas')}
          </Text>
          <Group gap="sm" wrap="wrap">
            {(fields.data ?? []).map((f) => (
              <MoneyField
                key={f.id}
                id={`quota-${f.id}`}
                label={t('programmes.quotaFor', { field: f.name })}
                value={quotas[String(f.id)] ?? ''}
                w={260}
                onChange={(v) => setQuotas({ ...quotas, [String(f.id)]: v })}
                error={report?.fields[`quota-${f.id}`]}
              />
            ))}
          </Group>
          <Textarea
            id="rules-reason"
            label={t('programmes.reason')}
            required
            value={reason}
            autosize
            minRows={2}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={report?.fields.reason}
            maw={640}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('programmes.save')}
            </Button>
            <SavedStatus message={saved} />
          </Group>
        </Stack>
      </form>
      <Text fw={600} mt="lg" mb="xs">
        {t('programmes.versions')}
      </Text>
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <LoadError error={versions.error} />
      ) : (
        <TableFrame label={t('programmes.versions')} minWidth={640}>
          <Table striped>
            <caption className="visually-hidden">{t('programmes.versions')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programmes.version')}</Table.Th>
                <Table.Th scope="col">{t('programmes.changedAt')}</Table.Th>
                <Table.Th scope="col">{t('programmes.changedBy')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('programmes.budget')}
                </Table.Th>
                <Table.Th scope="col">{t('programmes.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{formatDate(v.changedAt)}</Table.Td>
                  <Table.Td>{v.changedBy?.name ?? '–'}</Table.Td>
                  <Table.Td ta="right">{euro(v.rules.budgetCents)}</Table.Td>
                  <Table.Td>{v.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Section>
  );
}

/** Programme settings for council staff: open a year, edit its rules as versions. */
export function ProgrammesPage() {
  const t = useFundingT();
  const programmes = useProgrammes();
  const [chosen, setChosen] = useState('');
  if (programmes.isPending) return <Loading />;
  if (programmes.isError) return <LoadError error={programmes.error} />;
  const p = programmes.data.find((x) => String(x.id) === chosen) ?? programmes.data[0] ?? null;
  return (
    <>
      <PageHeader title={t('programmes.title')} intro={t('programmes.intro')} />
      <Stack gap="lg">
        <CreateProgramme />
        {p ? (
          <>
            <NativeSelect
              label={t('funding.programme')}
              value={String(p.id)}
              w={360}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data={programmes.data.map((x) => ({ value: String(x.id), label: `${x.year}: ${x.name}` }))}
            />
            <EditRules key={`${p.id}-${p.version}`} programme={p} />
          </>
        ) : null}
      </Stack>
    </>
  );
}
