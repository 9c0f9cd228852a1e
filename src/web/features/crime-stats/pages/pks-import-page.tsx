import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { FileField } from '../../../ui/file-field.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ImportErrors, type LineError, lineErrorOf } from '../../territory/index.ts';
import type { PksImportReport } from '../../../../shared/crime-stats.schema.ts';
import { usePksImport } from '../api.ts';
import { ImportRunsSection } from '../components/import-runs-section.tsx';
import { PksImportReportView } from '../components/pks-import-report.tsx';
import { useCrimeStatsT } from '../i18n.ts';
import { todayBerlin } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const FIELD_IDS = { file: 'pks-file', year: 'pks-year' } as const;

/** The latest year the BKA has published by now: the year before this one. */
const defaultYear = () => String(Number(todayBerlin().slice(0, 4)) - 1);

/** Admins and LPR staff import BKA table T01 per district: preview with counts and warnings, then commit. */
export function PksImportPage() {
  const t = useCrimeStatsT();
  const notify = useNotify();
  const run = usePksImport();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState(defaultYear);
  const [fileKey, setFileKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [lineErrors, setLineErrors] = useState<LineError[]>([]);
  const [preview, setPreview] = useState<PksImportReport | null>(null);
  const [result, setResult] = useState<PksImportReport | null>(null);
  const fields = { file: { id: FIELD_IDS.file, label: t('import.file') }, year: { id: FIELD_IDS.year, label: t('import.year') } };

  function check(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!file) errors.file = t('import.required');
    const y = Number(year.trim());
    if (!year.trim()) errors.year = t('import.required');
    else if (!/^\d{4}$/.test(year.trim()) || y < 1990 || y > 2100) errors.year = t('import.yearInvalid');
    return errors;
  }

  function fail(err: unknown) {
    const base = describeError(err);
    const formErrors: Record<string, string> = {};
    const inFile: LineError[] = [];
    for (const e of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
      const path = fieldPathOf(e.field);
      if (path === 'file' || path === 'year') formErrors[path] ??= e.message;
      else inFile.push(lineErrorOf(e.field, e.message));
    }
    setReport({ ...base, fields: formErrors });
    setLineErrors(inFile);
  }

  async function start(dryRun: boolean) {
    setResult(null);
    const errors = check();
    if (Object.keys(errors).length || !file) {
      setReport(inputReport(errors));
      setLineErrors([]);
      setPreview(null);
      return;
    }
    setReport(null);
    setLineErrors([]);
    try {
      const r = await run.mutateAsync({ file, year: Number(year.trim()), dryRun });
      if (dryRun) {
        setPreview(r);
      } else {
        setPreview(null);
        setResult(r);
        setFile(null);
        setFileKey((k) => k + 1);
        notify('importDone');
      }
    } catch (err) {
      setPreview(null);
      fail(err);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start(true);
  };
  const fieldErrors = report?.fields ?? {};

  return (
    <>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <Stack gap="lg">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
          <ErrorSummary report={report} fields={fields} />
          {lineErrors.length ? <ImportErrors errors={lineErrors} /> : null}
          <form onSubmit={submit} noValidate aria-label={t('import.formLabel')}>
            <Stack maw={640}>
              <FileField
                id={FIELD_IDS.file}
                label={t('import.file')}
                description={t('import.fileHint')}
                accept=".csv,text/csv"
                required
                error={fieldErrors.file}
                resetKey={fileKey}
                onChange={(f) => {
                  setFile(f);
                  setPreview(null);
                }}
              />
              <TextInput
                id={FIELD_IDS.year}
                label={t('import.year')}
                description={t('import.yearHint')}
                required
                inputMode="numeric"
                autoComplete="off"
                w={{ base: '100%', xs: 240 }}
                value={year}
                error={fieldErrors.year}
                onChange={(e) => {
                  setYear(e.currentTarget.value);
                  setPreview(null);
                }}
              />
              <div>
                <Button type="submit" loading={run.isPending && !preview}>
                  {t('import.preview')}
                </Button>
              </div>
            </Stack>
          </form>
        </Paper>
        {preview ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <PksImportReportView report={preview} />
            <Group mt="md">
              <Button onClick={() => void start(false)} loading={run.isPending}>
                {t('import.commit')}
              </Button>
            </Group>
          </Paper>
        ) : null}
        {result ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <PksImportReportView report={result} />
          </Paper>
        ) : null}
        <ImportRunsSection />
      </Stack>
    </>
  );
}
