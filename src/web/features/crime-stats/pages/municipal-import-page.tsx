import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  type Mapping,
  mappingSchema,
  type MunicipalColumnsReport,
  type MunicipalImportReport,
} from '../../../../shared/crime-stats.schema.ts';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { FileField } from '../../../ui/file-field.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { ImportErrors, type LineError, lineErrorOf } from '../../territory/index.ts';
import { CRIME_PATHS, useInspectMunicipalFile, useMappings, useMunicipalImport, useSaveMapping } from '../api.ts';
import { ConflictNotice } from '../components/conflict-notice.tsx';
import { FileColumns } from '../components/file-columns.tsx';
import { MAPPING_FIELD_IDS, MappingForm } from '../components/mapping-form.tsx';
import { MunicipalImportReportView } from '../components/municipal-import-report.tsx';
import { unmatchedFieldId, UnmatchedNames } from '../components/unmatched-names.tsx';
import { useCrimeStatsT } from '../i18n.ts';
import {
  checkMapping,
  checkYear,
  COLUMN_FIELDS,
  differs,
  inputOf,
  type MappingValues,
  valuesOfMapping,
  valuesOfSuggestion,
} from '../mapping-model.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const IDS = { file: 'municipal-file', sheet: 'municipal-sheet', choice: 'mapping-choice', year: 'municipal-year' } as const;
const NEW = 'new';

function StepHeading({ id, children }: { id: string; children: string }) {
  return (
    <Title order={2} fz="lg" mb="sm" id={id}>
      {children}
    </Title>
  );
}

/**
 * Admins and council staff import municipality figures of the state police (XLSX or CSV): read the
 * file's columns, map them once and save the mapping by name, preview (counts, warnings, names
 * without a municipality, each assigned by hand), then commit all or nothing.
 */
export function MunicipalImportPage() {
  const t = useCrimeStatsT();
  const notify = useNotify();
  const mappings = useMappings();
  const inspect = useInspectMunicipalFile();
  const save = useSaveMapping();
  const run = useMunicipalImport();

  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [columns, setColumns] = useState<MunicipalColumnsReport | null>(null);
  const [choice, setChoice] = useState(NEW);
  const [base, setBase] = useState<Mapping | null>(null);
  const [values, setValues] = useState<MappingValues>(() => valuesOfSuggestion(null));
  const [year, setYear] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [lineErrors, setLineErrors] = useState<LineError[]>([]);
  const [conflict, setConflict] = useState<Mapping | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [preview, setPreview] = useState<MunicipalImportReport | null>(null);
  const [assign, setAssign] = useState<Record<string, string>>({});
  const [result, setResult] = useState<MunicipalImportReport | null>(null);

  const fields: Record<string, FieldRef> = {
    file: { id: IDS.file, label: t('municipalImport.file') },
    sheet: { id: IDS.sheet, label: t('municipalImport.sheet') },
    name: { id: MAPPING_FIELD_IDS.name, label: t('municipalImport.mappingName') },
    sourceLabel: { id: MAPPING_FIELD_IDS.sourceLabel, label: t('municipalImport.sourceLabel') },
    fixedOffenceKey: { id: MAPPING_FIELD_IDS.fixedOffenceKey, label: t('municipalImport.fixedOffenceKey') },
    year: { id: IDS.year, label: t('municipalImport.year') },
    ...Object.fromEntries(
      COLUMN_FIELDS.map((f) => [`columns.${f}`, { id: MAPPING_FIELD_IDS.column(f), label: t(`municipalImport.columns.${f}`) }]),
    ),
    ...Object.fromEntries(
      (preview?.unmatched ?? []).map((u, i) => [
        `assign.${i}`,
        { id: unmatchedFieldId(i), label: t('municipalImport.assignLabel', { name: u.name, line: u.line }) },
      ]),
    ),
  };
  const errors = report?.fields ?? {};

  function reset() {
    setReport(null);
    setLineErrors([]);
    setStatus(null);
  }

  function invalid(fieldErrors: Record<string, string>) {
    setReport(inputReport(fieldErrors));
    setLineErrors([]);
  }

  function fail(err: unknown) {
    const base = describeError(err);
    const formErrors: Record<string, string> = {};
    const inFile: LineError[] = [];
    for (const e of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
      const path = fieldPathOf(e.field);
      if (/^line \d+/.test(path)) inFile.push(lineErrorOf(path, e.message));
      else if (path.startsWith('mapping.')) formErrors[path.slice('mapping.'.length)] ??= e.message;
      else formErrors[path] ??= e.message;
    }
    setReport({ ...base, fields: formErrors });
    setLineErrors(inFile);
  }

  async function readColumns(sheet?: string) {
    reset();
    setPreview(null);
    setResult(null);
    if (!file) return invalid({ file: t('municipalImport.required') });
    try {
      const r = await inspect.mutateAsync({ file, sheet: sheet || undefined });
      setColumns(r);
      // A new mapping starts from the columns the server recognised; a saved one keeps its own.
      if (!base) setValues((v) => ({ ...valuesOfSuggestion(r), name: v.name, sourceLabel: v.sourceLabel }));
    } catch (err) {
      fail(err);
    }
  }

  function chooseMapping(id: string) {
    reset();
    setConflict(null);
    setPreview(null);
    setChoice(id);
    const m = mappings.data?.find((x) => String(x.id) === id) ?? null;
    setBase(m);
    setValues(m ? valuesOfMapping(m) : valuesOfSuggestion(columns));
    // The mapping reads another sheet than the one shown: read that one.
    if (m?.sheet && columns?.format === 'xlsx' && columns.sheet !== m.sheet && columns.sheets.includes(m.sheet)) void readColumns(m.sheet);
  }

  /** Saves the mapping (new, or a change with its version); null when it could not be saved. */
  async function saveMapping(next: MappingValues = values): Promise<Mapping | null> {
    const problems = checkMapping(next, t);
    if (Object.keys(problems).length) {
      invalid(problems);
      return null;
    }
    try {
      const saved = await save.mutateAsync({ mapping: inputOf(next), existing: base ? { id: base.id, version: base.version } : undefined });
      setBase(saved);
      setChoice(String(saved.id));
      setValues(valuesOfMapping(saved));
      setConflict(null);
      setStatus(t('municipalImport.mappingSaved', { name: saved.name, version: saved.version }));
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const current = mappingSchema.safeParse(err.problem.current);
        if (current.success) {
          setConflict(current.data);
          setReport(null);
          return null;
        }
      }
      fail(err);
      return null;
    }
  }

  function loadCurrent() {
    if (!conflict) return;
    setBase(conflict);
    setValues(valuesOfMapping(conflict));
    setConflict(null);
    reset();
  }

  async function startPreview() {
    reset();
    setResult(null);
    setPreview(null);
    const problems = { ...checkMapping(values, t) };
    const y = checkYear(year, values, t);
    if (y) problems.year = y;
    if (!file) problems.file = t('municipalImport.required');
    if (Object.keys(problems).length || !file) return invalid(problems);
    const m = differs(values, base) ? await saveMapping() : base;
    if (!m) return;
    try {
      const r = await run.mutateAsync({ file, mappingId: m.id, year: year.trim() ? Number(year.trim()) : undefined, dryRun: true });
      setPreview(r);
      setAssign({});
    } catch (err) {
      fail(err);
    }
  }

  async function commit() {
    if (!preview || !file || !base) return;
    reset();
    const missing: Record<string, string> = {};
    preview.unmatched.forEach((u, i) => {
      if (!assign[u.name]) missing[`assign.${i}`] = t('municipalImport.assignRequired');
    });
    if (Object.keys(missing).length) return invalid(missing);
    let m: Mapping | null = base;
    if (preview.unmatched.length) {
      // The names chosen by hand are kept with the mapping: this import and every later one use them.
      m = await saveMapping({ ...values, assignments: { ...values.assignments, ...assign } });
      if (!m) return;
    }
    try {
      const r = await run.mutateAsync({ file, mappingId: m.id, year: year.trim() ? Number(year.trim()) : undefined, dryRun: false });
      setPreview(null);
      setResult(r);
      setFile(null);
      setFileKey((k) => k + 1);
      setColumns(null);
      notify('importDone');
    } catch (err) {
      setPreview(null);
      fail(err);
    }
  }

  const submit = (action: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void action();
  };
  const sheetChoice = columns?.format === 'xlsx' && columns.sheets.length > 1;
  const mappingOptions = [
    { value: NEW, label: t('municipalImport.newMapping') },
    ...(mappings.data ?? []).map((m) => ({
      value: String(m.id),
      label: t('municipalImport.savedMapping', { name: m.name, source: m.sourceLabel }),
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('municipalImport.title')}
        intro={t('municipalImport.intro')}
        actions={
          <Anchor component={Link} to={CRIME_PATHS.overview}>
            {t('district.back')}
          </Anchor>
        }
      />
      <div role="status" aria-live="polite">
        {status ? <Callout tone="success">{status}</Callout> : null}
      </div>
      <Stack gap="lg">
        <ErrorSummary report={report} fields={fields} />
        {lineErrors.length ? <ImportErrors errors={lineErrors} /> : null}
        {conflict ? <ConflictNotice what={conflict.name} onReload={loadCurrent} /> : null}

        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" component="section" aria-labelledby="step-file">
          <StepHeading id="step-file">{t('municipalImport.stepFile')}</StepHeading>
          <form onSubmit={submit(() => readColumns(values.sheet))} noValidate aria-labelledby="step-file">
            <Stack maw={640}>
              <FileField
                id={IDS.file}
                label={t('municipalImport.file')}
                description={t('municipalImport.fileHint')}
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                error={errors.file}
                resetKey={fileKey}
                onChange={(f) => {
                  setFile(f);
                  setColumns(null);
                  setPreview(null);
                }}
              />
              <div>
                <Button type="submit" loading={inspect.isPending}>
                  {t('municipalImport.readColumns')}
                </Button>
              </div>
            </Stack>
          </form>
          {columns ? (
            <Stack mt="md" gap="sm">
              {sheetChoice ? (
                <NativeSelect
                  id={IDS.sheet}
                  label={t('municipalImport.sheet')}
                  w={{ base: '100%', sm: 320 }}
                  value={columns.sheet ?? ''}
                  error={errors.sheet}
                  data={columns.sheets}
                  onChange={(e) => {
                    const sheet = e.currentTarget.value;
                    setValues((v) => ({ ...v, sheet }));
                    void readColumns(sheet);
                  }}
                />
              ) : null}
              <FileColumns report={columns} />
            </Stack>
          ) : null}
        </Paper>

        {columns ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" component="section" aria-labelledby="step-mapping">
            <StepHeading id="step-mapping">{t('municipalImport.stepMapping')}</StepHeading>
            {mappings.isPending ? (
              <Loading />
            ) : mappings.isError ? (
              <LoadError error={mappings.error} onRetry={() => void mappings.refetch()} />
            ) : (
              <form onSubmit={submit(() => saveMapping())} noValidate aria-labelledby="step-mapping">
                <Stack gap="md">
                  <NativeSelect
                    id={IDS.choice}
                    label={t('municipalImport.choice')}
                    description={t('municipalImport.choiceHint')}
                    w={{ base: '100%', sm: 480 }}
                    data={mappingOptions}
                    value={choice}
                    onChange={(e) => chooseMapping(e.currentTarget.value)}
                  />
                  {base ? (
                    <Text size="sm" c="dimmed">
                      {t('municipalImport.mappingState', {
                        version: base.version,
                        at: formatDateTime(base.updatedAt, currentLanguage()),
                        assigned: Object.keys(base.assignments).length,
                      })}
                    </Text>
                  ) : null}
                  <MappingForm
                    values={values}
                    columns={columns.columns}
                    errors={errors}
                    onChange={(v) => {
                      setValues(v);
                      setPreview(null);
                    }}
                  />
                  <div>
                    <Button type="submit" variant="default" loading={save.isPending && !run.isPending}>
                      {t('municipalImport.saveMapping')}
                    </Button>
                  </div>
                </Stack>
              </form>
            )}
          </Paper>
        ) : null}

        {columns ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" component="section" aria-labelledby="step-preview">
            <StepHeading id="step-preview">{t('municipalImport.stepPreview')}</StepHeading>
            <form onSubmit={submit(startPreview)} noValidate aria-labelledby="step-preview">
              <Stack maw={640}>
                <TextInput
                  id={IDS.year}
                  label={t('municipalImport.year')}
                  description={t('municipalImport.yearHint')}
                  inputMode="numeric"
                  autoComplete="off"
                  required={!values.columns.year}
                  w={{ base: '100%', xs: 240 }}
                  value={year}
                  error={errors.year}
                  onChange={(e) => {
                    setYear(e.currentTarget.value);
                    setPreview(null);
                  }}
                />
                <Text size="sm" c="dimmed">
                  {differs(values, base) ? t('municipalImport.previewSaves') : t('municipalImport.previewUses', { name: base?.name ?? '' })}
                </Text>
                <div>
                  <Button type="submit" loading={run.isPending && !preview}>
                    {t('import.preview')}
                  </Button>
                </div>
              </Stack>
            </form>
          </Paper>
        ) : null}

        {preview ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <MunicipalImportReportView report={preview}>
              <UnmatchedNames
                items={preview.unmatched}
                values={assign}
                errors={errors}
                onChange={(name, ags) =>
                  setAssign((a) => {
                    const next = { ...a };
                    if (ags) next[name] = ags;
                    else delete next[name];
                    return next;
                  })
                }
              />
            </MunicipalImportReportView>
            <Group mt="md">
              <Button onClick={() => void commit()} loading={run.isPending || save.isPending}>
                {t('import.commit')}
              </Button>
            </Group>
          </Paper>
        ) : null}
        {result ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <MunicipalImportReportView report={result} />
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
