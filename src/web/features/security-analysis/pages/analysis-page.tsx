import { Anchor, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ANALYSIS_PHASES,
  EVIDENCE_LABELS,
  EVIDENCE_REFS,
  PHASE_LABELS,
  PRIORITIES,
  type Analysis,
  type AnalysisPhase,
  type EvidenceRef,
  type FindingOut,
  type Priority,
  type RecommendationOut,
} from '../../../../shared/security-analysis.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import {
  SA_PATHS,
  useAdopt,
  useAnalysis,
  useCreateFinding,
  useCreateRecommendation,
  useCreateReport,
  useDeleteFinding,
  useDeleteRecommendation,
  useDecide,
  useFieldsOfAction,
  useMilestone,
  useProfile,
  useSaveAreas,
  useUpdateAnalysis,
  useUpdateFinding,
  useUpdatePhase,
  useUpdateRecommendation,
} from '../api.ts';
import { allows } from '../../../../shared/policies.ts';
import { ChangeError, ChartBlock, ProfileTableView } from '../components/blocks.tsx';
import { FollowUpSection } from '../../effects/index.ts';
import { useSecurityAnalysisT } from '../i18n.ts';
import '../security-analysis.css';
import { formatDate, todayBerlin } from '../../../../shared/time.ts';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';

const fieldErrorsOf = (e: unknown) => (e instanceof ApiError ? e.fieldErrors() : {});

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" mb="xl" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Status({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? <Callout tone="success">{message}</Callout> : null}
    </div>
  );
}

function Milestones({ a }: { a: Analysis }) {
  const t = useSecurityAnalysisT();
  const start = useMilestone(a.id, 'start');
  const complete = useMilestone(a.id, 'complete');
  const [date, setDate] = useState(todayBerlin());
  const [done, setDone] = useState<string | null>(null);
  // The announcement stays mounted when the completed analysis no longer offers the buttons.
  if (a.status === 'completed') return <Status message={done} />;
  const m = a.status === 'planned' ? start : complete;
  return (
    <Group align="flex-end" mb="md">
      <TextInput
        id="sa-milestone-date"
        type="date"
        label={t('analysis.date')}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={fieldErrorsOf(m.error).date}
      />
      <Button
        loading={m.isPending}
        onClick={() =>
          m.mutate(
            { version: a.version, date },
            { onSuccess: () => setDone(t(a.status === 'planned' ? 'analysis.started' : 'analysis.completed')) },
          )
        }
      >
        {t(a.status === 'planned' ? 'analysis.start' : 'analysis.complete')}
      </Button>
      <div style={{ flexBasis: '100%' }}>
        <ChangeError error={m.error} fields={{ date: { id: 'sa-milestone-date', label: t('analysis.date') } }} />
        <Status message={done} />
      </div>
    </Group>
  );
}

/** The analysis' own details: title, contractor and notes (the municipality stays). */
function Details({ a }: { a: Analysis }) {
  const t = useSecurityAnalysisT();
  const update = useUpdateAnalysis(a.id);
  const [draft, setDraft] = useState<{ title: string; contractor: string; notes: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const values = draft ?? { title: a.title, contractor: a.contractor, notes: a.notes };
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setDraft({ ...values, [k]: v });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    update.mutate(
      { version: a.version, ...values },
      {
        onSuccess: () => {
          setDraft(null);
          setDone(t('details.saved'));
        },
      },
    );
  };
  const errs = fieldErrorsOf(update.error);
  return (
    <Section id="sa-details" title={t('details.title')}>
      <form onSubmit={submit} noValidate aria-labelledby="sa-details">
        <ChangeError
          error={update.error}
          fields={{
            title: { id: 'sa-d-title', label: t('details.analysisTitle') },
            contractor: { id: 'sa-d-contractor', label: t('details.contractor') },
            notes: { id: 'sa-d-notes', label: t('details.notes') },
          }}
        />
        <Stack gap="sm" maw={640}>
          <TextInput id="sa-d-title" label={t('details.analysisTitle')} value={values.title} onChange={set('title')} error={errs.title} />
          <TextInput
            id="sa-d-contractor"
            label={t('details.contractor')}
            required
            value={values.contractor}
            onChange={set('contractor')}
            error={errs.contractor}
          />
          <Textarea
            id="sa-d-notes"
            label={t('details.notes')}
            autosize
            minRows={2}
            value={values.notes}
            onChange={set('notes')}
            error={errs.notes}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('details.save')}
            </Button>
            {draft ? (
              <Button
                variant="default"
                onClick={() => {
                  update.reset();
                  setDraft(null);
                }}
              >
                {t('details.discard')}
              </Button>
            ) : null}
          </Group>
        </Stack>
        <Status message={done} />
      </form>
    </Section>
  );
}

interface AreaRow {
  key: number;
  name: string;
  population: string;
  description: string;
}

/** The named areas (Ortsteile) the analysis looks at; saving replaces the whole list. */
function Areas({ a, canManage }: { a: Analysis; canManage: boolean }) {
  const t = useSecurityAnalysisT();
  const save = useSaveAreas(a.id);
  const toRows = (list: Analysis['areas']): AreaRow[] =>
    list.map((x, i) => ({
      key: i,
      name: x.name,
      population: x.population === null ? '' : String(x.population),
      description: x.description,
    }));
  const [rows, setRows] = useState<AreaRow[] | null>(null);
  const [nextKey, setNextKey] = useState(1000);
  const [done, setDone] = useState<string | null>(null);
  const current = rows ?? toRows(a.areas);
  const change = (key: number, patch: Partial<AreaRow>) => setRows(current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    save.mutate(
      {
        version: a.version,
        areas: current.map((r) => ({
          name: r.name,
          population: r.population.trim() === '' ? null : Number(r.population),
          description: r.description,
        })),
      },
      {
        onSuccess: () => {
          setRows(null);
          setDone(t('areas.saved'));
        },
      },
    );
  };
  const errs = save.error instanceof ApiError ? save.error.fieldErrorsByPath() : {};
  return (
    <Section id="sa-areas" title={t('areas.title')}>
      {!canManage ? (
        a.areas.length === 0 ? (
          <Callout tone="neutral">{t('areas.empty')}</Callout>
        ) : (
          <TableFrame label={t('areas.title')} minWidth={480}>
            <Table striped>
              <caption>{t('areas.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('areas.name')}</Table.Th>
                  <Table.Th scope="col">{t('areas.population')}</Table.Th>
                  <Table.Th scope="col">{t('areas.description')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.areas.map((x) => (
                  <Table.Tr key={x.name}>
                    <Table.Th scope="row">{x.name}</Table.Th>
                    <Table.Td>{formatNumber(x.population)}</Table.Td>
                    <Table.Td>{x.description || '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="sa-areas">
          <Text mb="sm">{t('areas.intro')}</Text>
          <ChangeError
            error={save.error}
            fields={{ areas: { id: current.length ? `sa-area-${current[0]!.key}-name` : 'sa-area-add', label: t('areas.title') } }}
          />
          {current.length === 0 ? <Callout tone="neutral">{t('areas.empty')}</Callout> : null}
          <Stack gap="sm">
            {current.map((r, i) => (
              <fieldset key={r.key} className="sa-area">
                <legend>{t('areas.row', { number: i + 1 })}</legend>
                <Group align="flex-start" grow>
                  <TextInput
                    id={`sa-area-${r.key}-name`}
                    label={t('areas.name')}
                    required
                    value={r.name}
                    onChange={(e) => change(r.key, { name: e.currentTarget.value })}
                    error={errs[`areas.${i}.name`]}
                  />
                  <TextInput
                    id={`sa-area-${r.key}-population`}
                    label={t('areas.population')}
                    inputMode="numeric"
                    value={r.population}
                    onChange={(e) => change(r.key, { population: e.currentTarget.value })}
                    error={errs[`areas.${i}.population`]}
                  />
                  <TextInput
                    id={`sa-area-${r.key}-description`}
                    label={t('areas.description')}
                    value={r.description}
                    onChange={(e) => change(r.key, { description: e.currentTarget.value })}
                    error={errs[`areas.${i}.description`]}
                  />
                </Group>
                <Button mt="xs" size="xs" variant="outline" color="red.9" onClick={() => setRows(current.filter((x) => x.key !== r.key))}>
                  {t('areas.remove', { number: i + 1 })}
                </Button>
              </fieldset>
            ))}
            <Group>
              <Button
                id="sa-area-add"
                variant="default"
                onClick={() => {
                  setRows([...current, { key: nextKey, name: '', population: '', description: '' }]);
                  setNextKey(nextKey + 1);
                }}
              >
                {t('areas.add')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('areas.save')}
              </Button>
              {rows ? (
                <Button
                  variant="default"
                  onClick={() => {
                    save.reset();
                    setRows(null);
                  }}
                >
                  {t('details.discard')}
                </Button>
              ) : null}
            </Group>
          </Stack>
          <Status message={done} />
        </form>
      )}
    </Section>
  );
}

function Phases({ a, canManage }: { a: Analysis; canManage: boolean }) {
  const t = useSecurityAnalysisT();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const update = useUpdatePhase(a.id);
  const [phase, setPhase] = useState<AnalysisPhase>('kick_off');
  const current = a.phases.find((p) => p.phase === phase)!;
  const [dates, setDates] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const value = (k: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd') => dates[`${phase}.${k}`] ?? current[k] ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const v = (k: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd') => value(k) || null;
    update.mutate(
      {
        phase,
        version: a.version,
        plannedStart: v('plannedStart'),
        plannedEnd: v('plannedEnd'),
        actualStart: v('actualStart'),
        actualEnd: v('actualEnd'),
      },
      {
        onSuccess: () => {
          setDone(t('analysis.phaseSaved'));
          setDates({});
        },
      },
    );
  };
  const errs = fieldErrorsOf(update.error);
  const keys = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
  const fields = Object.fromEntries(keys.map((k) => [k, { id: `sa-phase-${k}`, label: t(`analysis.${k}`) }]));
  return (
    <Section id="sa-phases" title={t('analysis.phases')}>
      <TableFrame label={t('analysis.phasesCaption')} minWidth={720}>
        <Table striped>
          <caption>{t('analysis.phasesCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              {(['phase', ...keys, 'late'] as const).map((k) => (
                <Table.Th key={k} scope="col">
                  {t(`analysis.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.phases.map((p) => (
              <Table.Tr key={p.phase}>
                <Table.Th scope="row">{PHASE_LABELS[p.phase][lang]}</Table.Th>
                {keys.map((k) => (
                  <Table.Td key={k}>{formatDate(p[k], currentLanguage())}</Table.Td>
                ))}
                <Table.Td>
                  {p.late && a.status !== 'completed' ? (
                    <Text c="red.9" fw={700} size="sm">
                      {t('analysis.late')}
                    </Text>
                  ) : (
                    t('analysis.inTime')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      {canManage ? (
        <form onSubmit={submit} noValidate aria-labelledby="sa-phase-edit">
          <Title order={3} size="h4" id="sa-phase-edit" mt="md" mb="xs">
            {t('analysis.editPhase')}
          </Title>
          <ChangeError error={update.error} fields={fields} />
          <Stack gap="sm" maw={520}>
            <Select
              label={t('analysis.phase')}
              value={phase}
              allowDeselect={false}
              onChange={(v) => {
                if (v) {
                  setPhase(v as AnalysisPhase);
                  setDone(null);
                }
              }}
              data={ANALYSIS_PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p][lang] }))}
            />
            <Group grow>
              {keys.map((k) => (
                <TextInput
                  key={k}
                  id={`sa-phase-${k}`}
                  type="date"
                  label={t(`analysis.${k}`)}
                  value={value(k)}
                  error={errs[k]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setDates((d) => ({ ...d, [`${phase}.${k}`]: v }));
                  }}
                />
              ))}
            </Group>
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('analysis.savePhase')}
              </Button>
            </Group>
          </Stack>
          <Status message={done} />
        </form>
      ) : null}
    </Section>
  );
}

function ProfileSection({ id }: { id: number }) {
  const t = useSecurityAnalysisT();
  const { i18n } = useTranslation();
  const profile = useProfile(id);
  if (profile.isPending)
    return (
      <Section id="sa-profile" title={t('profile.title')}>
        <Loading />
      </Section>
    );
  if (profile.isError)
    return (
      <Section id="sa-profile" title={t('profile.title')}>
        <LoadError error={profile.error} onRetry={() => void profile.refetch()} />
      </Section>
    );
  const p = profile.data;
  return (
    <Section id="sa-profile" title={t('profile.title')}>
      <Stack gap="md">
        {p.survey ? (
          <Text>
            {t('profile.survey', {
              sample: formatNumber(p.survey.sampleSize),
              responses: formatNumber(p.survey.responses),
              rate: formatPercent(p.survey.responseRate, { min: 0, max: 1 }),
            })}
          </Text>
        ) : (
          <Callout tone="neutral">{p.surveyNote ?? ''}</Callout>
        )}
        {p.crime.level === 'none' ? <Callout tone="neutral">{t('profile.noCrime')}</Callout> : null}
        {p.tables.map((tb) => (
          <ProfileTableView key={tb.ref} table={tb} lang={i18n.language} />
        ))}
        {p.charts.map((c) => (
          <ChartBlock key={c.ref} chart={c} lang={i18n.language} />
        ))}
        {p.map ? (
          <figure style={{ margin: 0 }}>
            <Title order={3} size="h4">
              {t('profile.map')}: {p.map.title}
            </Title>
            {/* The SVG is generated on the server from stored boundaries, with its names escaped. */}
            <div className="sa-map" dangerouslySetInnerHTML={{ __html: p.map.svg }} />
            <Text component="figcaption" size="xs" c="dimmed">
              {p.map.attribution.join(' · ')}
            </Text>
          </figure>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('profile.sources')}: {p.attribution.join(' · ')}
        </Text>
      </Stack>
    </Section>
  );
}

function Findings({ a, canEdit }: { a: Analysis; canEdit: boolean }) {
  const t = useSecurityAnalysisT();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const fieldsOfAction = useFieldsOfAction();
  const create = useCreateFinding(a.id);
  const update = useUpdateFinding(a.id);
  const remove = useDeleteFinding(a.id);
  const [editing, setEditing] = useState<FindingOut | null>(null);
  const [deleting, setDeleting] = useState<FindingOut | null>(null);
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<EvidenceRef | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [priority, setPriority] = useState<Priority>('medium');
  const [done, setDone] = useState<string | null>(null);
  const save = editing ? update : create;
  const reset = () => {
    setEditing(null);
    setText('');
    setEvidence(null);
    setField(null);
    setPriority('medium');
  };
  const startEdit = (f: FindingOut) => {
    create.reset();
    update.reset();
    setDone(null);
    setEditing(f);
    setText(f.text);
    setEvidence(f.evidence);
    setField(String(f.fieldOfActionId));
    setPriority(f.priority);
    document.getElementById('sa-f-text')?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body = { text, evidence: evidence as EvidenceRef, fieldOfActionId: Number(field), priority };
    if (editing) {
      update.mutate(
        { ...body, findingId: editing.id, version: editing.version },
        {
          onSuccess: () => {
            reset();
            setDone(t('findings.saved'));
          },
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: () => {
          setText('');
          setDone(t('findings.added'));
        },
      });
    }
  };
  const errs = fieldErrorsOf(save.error);
  return (
    <Section id="sa-findings" title={t('findings.title')}>
      {a.findings.length === 0 ? (
        <Callout tone="neutral">{t('findings.empty')}</Callout>
      ) : (
        <TableFrame label={t('findings.caption')} minWidth={640}>
          <Table striped>
            <caption>{t('findings.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                {(['number', 'text', 'evidence', 'field', 'priority'] as const).map((k) => (
                  <Table.Th key={k} scope="col">
                    {t(`findings.${k}`)}
                  </Table.Th>
                ))}
                {canEdit ? <Table.Th scope="col">{t('edit.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.findings.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Th scope="row">{f.position}</Table.Th>
                  <Table.Td>{f.text}</Table.Td>
                  <Table.Td>{EVIDENCE_LABELS[f.evidence][lang]}</Table.Td>
                  <Table.Td>{f.fieldOfActionName}</Table.Td>
                  <Table.Td>{t(`priority.${f.priority}`)}</Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => startEdit(f)}>
                          {t('findings.edit', { number: f.position })}
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => {
                            remove.reset();
                            setDone(null);
                            setDeleting(f);
                          }}
                        >
                          {t('findings.delete', { number: f.position })}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
      {canEdit ? (
        <form onSubmit={submit} noValidate aria-labelledby="sa-f-form">
          <Title order={3} size="h4" id="sa-f-form" mt="md" mb="xs">
            {editing ? t('findings.editTitle', { number: editing.position }) : t('findings.add')}
          </Title>
          <ChangeError error={remove.error} fields={{}} />
          <ChangeError
            error={save.error}
            fields={{
              text: { id: 'sa-f-text', label: t('findings.text') },
              evidence: { id: 'sa-f-evidence', label: t('findings.evidence') },
              fieldOfActionId: { id: 'sa-f-field', label: t('findings.field') },
            }}
          />
          <Stack gap="sm" maw={640} mt="md">
            <Textarea
              id="sa-f-text"
              label={t('findings.text')}
              required
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={errs.text}
            />
            <Select
              id="sa-f-evidence"
              label={t('findings.evidence')}
              required
              value={evidence}
              onChange={(v) => setEvidence(v as EvidenceRef | null)}
              error={errs.evidence}
              data={EVIDENCE_REFS.map((r) => ({ value: r, label: EVIDENCE_LABELS[r][lang] }))}
            />
            <Select
              id="sa-f-field"
              label={t('findings.field')}
              required
              value={field}
              onChange={setField}
              error={errs.fieldOfActionId}
              data={(fieldsOfAction.data?.fieldsOfAction ?? []).map((f) => ({ value: String(f.id), label: f.name }))}
            />
            <Select
              label={t('findings.priority')}
              value={priority}
              allowDeselect={false}
              onChange={(v) => v && setPriority(v as Priority)}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {editing ? t('findings.save') : t('findings.add')}
              </Button>
              {editing ? (
                <Button
                  variant="default"
                  onClick={() => {
                    update.reset();
                    reset();
                  }}
                >
                  {t('edit.cancel')}
                </Button>
              ) : null}
            </Group>
          </Stack>
          <Status message={done} />
          <ConfirmDialog
            opened={deleting !== null}
            title={t('findings.deleteTitle', { number: deleting?.position ?? '' })}
            message={t('findings.deleteMessage', { text: deleting?.text.slice(0, 120) ?? '' })}
            confirmLabel={t('findings.deleteConfirm')}
            danger
            busy={remove.isPending}
            onCancel={() => setDeleting(null)}
            onConfirm={() => {
              if (!deleting) return;
              const f = deleting;
              remove.mutate(
                { findingId: f.id, version: f.version },
                {
                  onSettled: () => setDeleting(null),
                  onSuccess: () => {
                    if (editing?.id === f.id) reset();
                    setDone(t('findings.deleted'));
                  },
                },
              );
            }}
          />
        </form>
      ) : null}
    </Section>
  );
}

function Recommendations({ a, canEdit }: { a: Analysis; canEdit: boolean }) {
  const t = useSecurityAnalysisT();
  const create = useCreateRecommendation(a.id);
  const update = useUpdateRecommendation(a.id);
  const remove = useDeleteRecommendation(a.id);
  const [editing, setEditing] = useState<RecommendationOut | null>(null);
  const [deleting, setDeleting] = useState<RecommendationOut | null>(null);
  const [text, setText] = useState('');
  const [findingIds, setFindingIds] = useState<string[]>([]);
  const [priority, setPriority] = useState<Priority>('medium');
  const [done, setDone] = useState<string | null>(null);
  const position = new Map(a.findings.map((f) => [f.id, f.position]));
  const save = editing ? update : create;
  const reset = () => {
    setEditing(null);
    setText('');
    setFindingIds([]);
    setPriority('medium');
  };
  const startEdit = (r: RecommendationOut) => {
    create.reset();
    update.reset();
    setDone(null);
    setEditing(r);
    setText(r.text);
    setFindingIds(r.findingIds.map(String));
    setPriority(r.priority);
    document.getElementById('sa-r-text')?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body = { text, priority, findingIds: findingIds.map(Number) };
    if (editing) {
      update.mutate(
        { ...body, recommendationId: editing.id, version: editing.version },
        {
          onSuccess: () => {
            reset();
            setDone(t('recommendations.saved'));
          },
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: () => {
          reset();
          setDone(t('recommendations.added'));
        },
      });
    }
  };
  const errs = fieldErrorsOf(save.error);
  return (
    <Section id="sa-recs" title={t('recommendations.title')}>
      {a.recommendations.length === 0 ? (
        <Callout tone="neutral">{t('recommendations.empty')}</Callout>
      ) : (
        <TableFrame label={t('recommendations.caption')} minWidth={640}>
          <Table striped>
            <caption>{t('recommendations.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('findings.number')}</Table.Th>
                <Table.Th scope="col">{t('recommendations.text')}</Table.Th>
                <Table.Th scope="col">{t('recommendations.findings')}</Table.Th>
                <Table.Th scope="col">{t('findings.priority')}</Table.Th>
                <Table.Th scope="col">{t('recommendations.decision')}</Table.Th>
                <Table.Th scope="col">{t('recommendations.links')}</Table.Th>
                {canEdit ? <Table.Th scope="col">{t('edit.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.recommendations.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row">{r.position}</Table.Th>
                  <Table.Td>{r.text}</Table.Td>
                  <Table.Td>{r.findingIds.map((f) => position.get(f)).join(', ')}</Table.Td>
                  <Table.Td>{t(`priority.${r.priority}`)}</Table.Td>
                  <Table.Td>{t(`decision.${r.decision}`)}</Table.Td>
                  <Table.Td>
                    {[
                      r.problemFieldId !== null ? t('workshop.problemField', { id: r.problemFieldId }) : null,
                      r.projectId !== null ? t('workshop.project', { id: r.projectId }) : null,
                    ]
                      .filter(Boolean)
                      .join(', ') || '–'}
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => startEdit(r)}>
                          {t('recommendations.edit', { number: r.position })}
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => {
                            remove.reset();
                            setDone(null);
                            setDeleting(r);
                          }}
                        >
                          {t('recommendations.delete', { number: r.position })}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
      {canEdit && a.findings.length ? (
        <form onSubmit={submit} noValidate aria-labelledby="sa-r-form">
          <Title order={3} size="h4" id="sa-r-form" mt="md" mb="xs">
            {editing ? t('recommendations.editTitle', { number: editing.position }) : t('recommendations.add')}
          </Title>
          <ChangeError error={remove.error} fields={{}} />
          <ChangeError
            error={save.error}
            fields={{
              text: { id: 'sa-r-text', label: t('recommendations.text') },
              findingIds: { id: 'sa-r-findings', label: t('recommendations.findings') },
            }}
          />
          <Stack gap="sm" maw={640} mt="md">
            <Textarea
              id="sa-r-text"
              label={t('recommendations.text')}
              required
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={errs.text}
            />
            <Checkbox.Group
              id="sa-r-findings"
              label={t('recommendations.findings')}
              required
              value={findingIds}
              onChange={setFindingIds}
              error={errs.findingIds}
            >
              <Stack gap={4} mt={4}>
                {a.findings.map((f) => (
                  <Checkbox key={f.id} value={String(f.id)} label={`${t('findings.text')} ${f.position}: ${f.text.slice(0, 80)}`} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Select
              label={t('findings.priority')}
              value={priority}
              allowDeselect={false}
              onChange={(v) => v && setPriority(v as Priority)}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {editing ? t('recommendations.save') : t('recommendations.add')}
              </Button>
              {editing ? (
                <Button
                  variant="default"
                  onClick={() => {
                    update.reset();
                    reset();
                  }}
                >
                  {t('edit.cancel')}
                </Button>
              ) : null}
            </Group>
          </Stack>
          <Status message={done} />
          <ConfirmDialog
            opened={deleting !== null}
            title={t('recommendations.deleteTitle', { number: deleting?.position ?? '' })}
            message={t('recommendations.deleteMessage', { text: deleting?.text.slice(0, 120) ?? '' })}
            confirmLabel={t('recommendations.deleteConfirm')}
            danger
            busy={remove.isPending}
            onCancel={() => setDeleting(null)}
            onConfirm={() => {
              if (!deleting) return;
              const r = deleting;
              remove.mutate(
                { recommendationId: r.id, version: r.version },
                {
                  onSettled: () => setDeleting(null),
                  onSuccess: () => {
                    if (editing?.id === r.id) reset();
                    setDone(t('recommendations.deleted'));
                  },
                },
              );
            }}
          />
        </form>
      ) : null}
    </Section>
  );
}

function Workshop({ a }: { a: Analysis }) {
  const t = useSecurityAnalysisT();
  const decide = useDecide(a.id);
  const adopt = useAdopt(a.id);
  const [done, setDone] = useState<string | null>(null);
  const ok = { onSuccess: () => setDone(t('workshop.done')) };
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  return (
    <Section id="sa-workshop" title={t('workshop.title')}>
      <Text mb="sm">{t('workshop.intro')}</Text>
      <ChangeError error={decide.error ?? adopt.error} fields={{}} />
      <Stack gap="sm">
        {a.recommendations.map((r) => (
          <Paper key={r.id} withBorder p="sm" radius="sm">
            <Text fw={600}>
              {t('recommendations.text')} {r.position}: {r.text}
            </Text>
            <Text size="sm" c="dimmed">
              {t('recommendations.decision')}: {t(`decision.${r.decision}`)}
            </Text>
            <Group gap="xs" mt="xs">
              {r.decision !== 'accepted' ? (
                <Button size="xs" onClick={() => decide.mutate({ recommendationId: r.id, version: r.version, decision: 'accepted' }, ok)}>
                  {t('workshop.accept', { text: short(r.text) })}
                </Button>
              ) : null}
              {r.decision === 'open' ? (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => decide.mutate({ recommendationId: r.id, version: r.version, decision: 'rejected' }, ok)}
                >
                  {t('workshop.reject', { text: short(r.text) })}
                </Button>
              ) : null}
              {r.decision === 'accepted' && r.problemFieldId === null ? (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => adopt.mutate({ recommendationId: r.id, version: r.version, target: 'problem_field' }, ok)}
                >
                  {t('workshop.toProblemField', { text: short(r.text) })}
                </Button>
              ) : null}
              {r.decision === 'accepted' && r.projectId === null ? (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => adopt.mutate({ recommendationId: r.id, version: r.version, target: 'project_idea' }, ok)}
                >
                  {t('workshop.toProject', { text: short(r.text) })}
                </Button>
              ) : null}
            </Group>
          </Paper>
        ))}
      </Stack>
      <Status message={done} />
    </Section>
  );
}

function Reports({ a, canManage }: { a: Analysis; canManage: boolean }) {
  const t = useSecurityAnalysisT();
  const create = useCreateReport(a.id);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Section id="sa-reports" title={t('reports.title')}>
      {a.reports.length === 0 ? (
        <Callout tone="neutral">{t('reports.empty')}</Callout>
      ) : (
        <TableFrame label={t('reports.caption')} minWidth={560}>
          <Table striped>
            <caption>{t('reports.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                {(['number', 'kind', 'createdAt'] as const).map((k) => (
                  <Table.Th key={k} scope="col">
                    {t(`reports.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col">PDF</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.reports.map((r) => (
                <Table.Tr key={r.number}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={SA_PATHS.report(a.id, r.number)}>
                      {t('reports.view', { number: r.number })}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(r.kind === 'final' ? 'reports.final' : 'reports.draft')}</Table.Td>
                  <Table.Td>{formatDate(r.createdAt, currentLanguage())}</Table.Td>
                  <Table.Td>
                    <Anchor href={SA_PATHS.pdf(a.id, r.number)} download>
                      {t('reports.pdf', { number: r.number })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
      {canManage ? (
        <>
          <ChangeError error={create.error} fields={{}} />
          <Group mt="md">
            <Button
              variant="default"
              loading={create.isPending && !confirming}
              onClick={() => {
                setDone(null);
                create.mutate({ kind: 'draft', version: a.version }, { onSuccess: () => setDone(t('reports.draftCreated')) });
              }}
            >
              {t('reports.newDraft')}
            </Button>
            {!a.frozen ? (
              <Button color="red.9" onClick={() => setConfirming(true)}>
                {t('reports.freeze')}
              </Button>
            ) : null}
          </Group>
          <ConfirmDialog
            opened={confirming}
            title={t('reports.freezeTitle')}
            message={t('reports.freezeMessage')}
            confirmLabel={t('reports.freezeConfirm')}
            danger
            busy={create.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              create.mutate(
                { kind: 'final', version: a.version, confirm: true },
                { onSettled: () => setConfirming(false), onSuccess: () => setDone(t('reports.frozen')) },
              )
            }
          />
        </>
      ) : null}
      <Status message={done} />
    </Section>
  );
}

/** One analysis: its phases, profile, findings, recommendations, the workshop and the report versions. */
export function AnalysisPage() {
  const t = useSecurityAnalysisT();
  const user = useCurrentUser();
  const id = Number(useParams().id);
  const query = useAnalysis(id);
  const canManage = allows('securityAnalysis.manage', user.role);
  const canWorkshop = allows('securityAnalysis.workshop', user.role);
  const a = query.data;
  return (
    <>
      <PageHeader
        title={a ? a.title : t('analysis.titleFallback')}
        intro={
          a
            ? t('analysis.intro', { municipality: a.municipalityName, contractor: a.contractor, status: t(`status.${a.status}`) })
            : undefined
        }
        actions={
          <Anchor component={Link} to={SA_PATHS.overview}>
            {t('analysis.back')}
          </Anchor>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : a ? (
        <>
          {a.frozen ? <Callout tone="info">{t('analysis.frozen')}</Callout> : null}
          {canManage ? <Milestones a={a} /> : null}
          {canManage ? <Details a={a} /> : null}
          <Phases a={a} canManage={canManage} />
          <Areas a={a} canManage={canManage && !a.frozen} />
          <ProfileSection id={a.id} />
          {allows('effects.read', user.role) ? <FollowUpSection analysisId={a.id} /> : null}
          <Findings a={a} canEdit={canManage && !a.frozen} />
          <Recommendations a={a} canEdit={canManage && !a.frozen} />
          {canWorkshop && a.recommendations.length ? <Workshop a={a} /> : null}
          <Reports a={a} canManage={canManage} />
        </>
      ) : null}
    </>
  );
}
