import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Application, Programme } from '../../../../shared/funding.schema.ts';
import { COST_CATEGORIES, PAY_GRADES } from '../../../../shared/funding.rules.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { FUNDING_PATHS, useApplication, useCreateApplication, useProgrammes, useProject, useUpdateApplication } from '../api.ts';
import { euro, MoneyField, Section } from '../components/common.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { type CostRow, type FinancingRows, livePlanCheck, newCostRow, requestPlan, rowsOf } from '../components/plan-model.ts';
import { useFundingT } from '../i18n.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const INITIAL_ROWS = (): CostRow[] => [newCostRow('staff'), newCostRow('material')];

/** The cost plan as rows: category, description, amount; pay grade and months for staff. */
function CostRows({ rows, onChange, errors }: { rows: CostRow[]; onChange(rows: CostRow[]): void; errors: Record<string, string> }) {
  const t = useFundingT();
  const set = (i: number, patch: Partial<CostRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="sm">
      {rows.map((r, i) => (
        <Fieldset key={r.key} legend={t('plan.item', { n: i + 1 })} p="sm">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('plan.category', { n: i + 1 })}
              value={r.category}
              w={230}
              data={COST_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
              onChange={(e) => {
                const category = e.currentTarget.value as CostRow['category'];
                set(i, { category, eligible: category !== 'investment' });
              }}
            />
            <TextInput
              label={t('plan.description', { n: i + 1 })}
              value={r.description}
              miw={240}
              error={errors[`costItems.${i}.description`]}
              onChange={(e) => set(i, { description: e.currentTarget.value })}
            />
            <MoneyField
              id={`cost-${r.key}-amount`}
              label={t('plan.amount', { n: i + 1 })}
              value={r.amount}
              onChange={(amount) => set(i, { amount })}
              error={errors[`costItems.${i}.amountCents`]}
            />
            {r.category === 'staff' ? (
              <>
                <NativeSelect
                  label={t('plan.payGrade', { n: i + 1 })}
                  value={r.payGrade}
                  w={140}
                  error={errors[`costItems.${i}.payGrade`]}
                  data={[{ value: '', label: '–' }, ...PAY_GRADES.map((g) => ({ value: g, label: `TV-L ${g}` }))]}
                  onChange={(e) => set(i, { payGrade: e.currentTarget.value as CostRow['payGrade'] })}
                />
                <TextInput
                  label={t('plan.months', { n: i + 1 })}
                  value={r.months}
                  w={110}
                  inputMode="numeric"
                  onChange={(e) => set(i, { months: e.currentTarget.value })}
                />
              </>
            ) : null}
          </Group>
          <Group gap="sm" mt="xs">
            {r.category === 'investment' ? (
              <Text size="sm">{t('plan.investmentIneligible')}</Text>
            ) : (
              <Checkbox
                label={t('plan.eligible', { n: i + 1 })}
                checked={r.eligible}
                onChange={(e) => set(i, { eligible: e.currentTarget.checked })}
              />
            )}
            <Button
              variant="subtle"
              color="#c92a2a"
              size="compact-sm"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              disabled={rows.length <= 1}
            >
              {t('plan.remove', { n: i + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <div>
        <Button variant="default" size="xs" onClick={() => onChange([...rows, newCostRow()])}>
          {t('plan.add')}
        </Button>
      </div>
    </Stack>
  );
}

/** The form itself, for a new application or a draft being changed. */
function ApplicationForm({
  projectId,
  programmes,
  existing,
}: {
  projectId: number;
  programmes: Programme[];
  existing: Application | null;
}) {
  const t = useFundingT();
  const navigate = useNavigate();
  const project = useProject(projectId);
  const create = useCreateApplication();
  const update = useUpdateApplication();
  const initial = useMemo(
    () => (existing ? rowsOf(existing) : { rows: INITIAL_ROWS(), financing: { own: '', ownInKind: '', thirdParty: '', requested: '' } }),
    [existing],
  );
  const openProgramme = programmes.find((p) => p.windowOpenToday) ?? programmes[0];
  const [programmeId, setProgrammeId] = useState(String(existing?.programmeId ?? openProgramme?.id ?? ''));
  const [fieldId, setFieldId] = useState(existing ? String(existing.field.id) : '');
  const [rows, setRows] = useState<CostRow[]>(initial.rows);
  const [financing, setFinancing] = useState<FinancingRows>(initial.financing);
  const [justification, setJustification] = useState(existing?.smallGrantJustification ?? '');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const programme = programmes.find((p) => String(p.id) === programmeId) ?? null;
  const fields = project.data?.fields ?? [];
  const chosenField = fieldId || (fields.length === 1 ? String(fields[0]!.id) : '');
  const live = livePlanCheck(rows, financing, justification, programme);
  const lang = currentLanguage();
  const setF = (patch: Partial<FinancingRows>) => setFinancing({ ...financing, ...patch });
  const refs = {
    programmeId: { id: 'application-programme', label: t('applicationForm.programme') },
    fieldId: { id: 'application-field', label: t('applicationForm.field') },
    financing: { id: 'financing-own', label: t('plan.financing') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!programmeId) errors.programmeId = t('common.required');
    if (!chosenField) errors.fieldId = t('common.required');
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    const plan = requestPlan(rows, financing);
    try {
      const a = existing
        ? await update.mutateAsync({
            id: existing.id,
            body: {
              version: existing.version,
              fieldId: Number(chosenField),
              ...plan,
              smallGrantJustification: justification.trim() || null,
            },
          })
        : await create.mutateAsync({
            programmeId: Number(programmeId),
            projectId,
            fieldId: Number(chosenField),
            ...plan,
            smallGrantJustification: justification.trim() || null,
          });
      void navigate(FUNDING_PATHS.application(a.id));
    } catch (err) {
      setReport(describeError(err, { byPath: true }));
    }
  }

  if (project.isPending) return <Loading />;
  if (project.isError) return <LoadError error={project.error} />;
  return (
    <form onSubmit={submit} noValidate aria-label={t('applicationForm.title')}>
      <Stack gap="lg">
        <ErrorSummary report={report} fields={refs} />
        <Section id="application-basics" title={t('applicationForm.basics')}>
          <Stack gap="sm" maw={640}>
            <Text size="sm">
              {t('applicationForm.project')}: <Link to={FUNDING_PATHS.project(projectId)}>{project.data.title}</Link> (
              {project.data.municipalityName})
            </Text>
            {!project.data.readyForApplication ? (
              <Alert color="orange.9" variant="outline" title={t('applicationForm.beccariaIncomplete')}>
                {t('applicationForm.beccariaHint')}
              </Alert>
            ) : null}
            <NativeSelect
              id={refs.programmeId.id}
              label={refs.programmeId.label}
              required
              value={programmeId}
              disabled={!!existing}
              error={report?.fields.programmeId}
              data={[{ value: '', label: '–' }, ...programmes.map((p) => ({ value: String(p.id), label: `${p.year}: ${p.name}` }))]}
              onChange={(e) => setProgrammeId(e.currentTarget.value)}
            />
            {programme ? (
              <Text size="sm">
                {t('applicationForm.window', { from: programme.windowOpens, to: programme.windowCloses })}{' '}
                {programme.windowOpenToday ? t('applicationForm.windowOpen') : t('applicationForm.windowClosed')}
              </Text>
            ) : null}
            <NativeSelect
              id={refs.fieldId.id}
              label={refs.fieldId.label}
              required
              value={chosenField}
              error={report?.fields.fieldId}
              data={[{ value: '', label: '–' }, ...fields.map((f) => ({ value: String(f.id), label: f.name }))]}
              onChange={(e) => setFieldId(e.currentTarget.value)}
            />
          </Stack>
        </Section>
        <Section id="cost-plan" title={t('plan.costPlan')}>
          <CostRows rows={rows} onChange={setRows} errors={report?.fields ?? {}} />
        </Section>
        <Section id="financing" title={t('plan.financing')}>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <MoneyField
              id="financing-own"
              label={t('plan.own')}
              value={financing.own}
              onChange={(own) => setF({ own })}
              error={report?.fields['financing.ownCents']}
            />
            <MoneyField
              id="financing-in-kind"
              label={t('plan.ownInKind')}
              value={financing.ownInKind}
              onChange={(ownInKind) => setF({ ownInKind })}
            />
            <MoneyField
              id="financing-third"
              label={t('plan.thirdParty')}
              value={financing.thirdParty}
              onChange={(thirdParty) => setF({ thirdParty })}
            />
            <MoneyField
              id="financing-requested"
              label={t('plan.requested')}
              value={financing.requested}
              onChange={(requested) => setF({ requested })}
              error={report?.fields['financing.requestedCents']}
            />
          </Group>
          <Textarea
            mt="sm"
            label={t('plan.justification')}
            description={t('plan.justificationHint')}
            value={justification}
            autosize
            minRows={2}
            onChange={(e) => setJustification(e.currentTarget.value)}
          />
        </Section>
        <Section id="rule-check" title={t('plan.ruleCheck')}>
          <Table withTableBorder={false} mb="sm" maw={520}>
            <caption className="visually-hidden">{t('plan.totals')}</caption>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('plan.total')}</Table.Th>
                <Table.Td>{euro(live.totals.totalCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('plan.eligibleTotal')}</Table.Th>
                <Table.Td>{euro(live.totals.eligibleCents)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <div aria-live="polite" aria-atomic="true">
            {live.violations.length === 0 ? (
              <Text fw={600} c="#1e6b30">
                {t('plan.allRulesMet')}
              </Text>
            ) : (
              <>
                <Text fw={600} c="#a33b06">
                  {t('plan.rulesBroken', { n: live.violations.length })}
                </Text>
                <List size="sm" spacing={2}>
                  {live.violations.map((v, i) => (
                    <List.Item key={i}>{v.message[lang]}</List.Item>
                  ))}
                </List>
              </>
            )}
          </div>
        </Section>
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {existing ? t('applicationForm.saveDraft') : t('applicationForm.createDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Without a project in the address: the project of the new application, chosen by its title. */
function ChooseProject() {
  const t = useFundingT();
  const [, setSearch] = useSearchParams();
  const [id, setId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (id === null) {
      setError(t('applicationForm.projectRequired'));
      return;
    }
    setSearch({ projectId: String(id) });
  }
  return (
    <Paper p="md" withBorder>
      <form onSubmit={submit} noValidate aria-label={t('applicationForm.chooseProject')}>
        <Stack gap="sm" maw={640}>
          <Text>
            {t('applicationForm.noProject')} <Link to={FUNDING_PATHS.projects}>{t('projects.title')}</Link>
          </Text>
          <ProjectPicker
            id="application-project"
            label={t('applicationForm.project')}
            required
            value={id}
            onChange={(v) => {
              setId(v);
              setError(undefined);
            }}
            error={error}
          />
          <div>
            <Button type="submit">{t('applicationForm.continue')}</Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

/** A new application for a project (`?projectId=`), or a draft's changes (`/funding/applications/:id/edit`). */
export function ApplicationFormPage() {
  const t = useFundingT();
  const [search] = useSearchParams();
  const editId = Number(useParams().id) || null;
  const existing = useApplication(editId ?? 0);
  const programmes = useProgrammes();
  const projectId = editId ? (existing.data?.projectId ?? null) : Number(search.get('projectId')) || null;
  if (programmes.isPending || (editId && existing.isPending)) return <Loading />;
  if (programmes.isError) return <LoadError error={programmes.error} />;
  if (editId && existing.isError) return <LoadError error={existing.error} />;
  return (
    <>
      <PageHeader title={editId ? t('applicationForm.editTitle') : t('applicationForm.title')} intro={t('applicationForm.intro')} />
      {!projectId ? (
        <ChooseProject />
      ) : programmes.data.length === 0 ? (
        <Paper p="md" withBorder>
          <Text>{t('applicationForm.noProgramme')}</Text>
        </Paper>
      ) : (
        <ApplicationForm projectId={projectId} programmes={programmes.data} existing={editId ? (existing.data ?? null) : null} />
      )}
    </>
  );
}
