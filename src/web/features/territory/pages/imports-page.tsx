import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { type ImportReport, useTerritoryImport } from '../api.ts';
import { EMPTY_IMPORT, IMPORT_FIELD_IDS, ImportForm, type ImportFormValues } from '../components/import-form.tsx';
import { ImportErrors, type LineError, lineErrorOf } from '../components/import-errors.tsx';
import { ImportReportView } from '../components/import-report.tsx';
import { inputReport } from '../../../ui/form-support.tsx';

const FORM_FIELDS = new Set(Object.keys(IMPORT_FIELD_IDS));

/** Checks the form before anything is sent; returns field errors. */
function checkForm(
  v: ImportFormValues,
  t: (k: 'validation.required' | 'imports.urlInvalid' | 'imports.stateInvalid') => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.source === 'file' && !v.file) errors.file = t('validation.required');
  if (v.source === 'url' && !/^https?:\/\/\S+$/i.test(v.url.trim()))
    errors.url = v.url.trim() ? t('imports.urlInvalid') : t('validation.required');
  if (v.kind === 'gv100ad' && v.state.trim() && !/^(\d{2}|all)$/.test(v.state.trim())) errors.state = t('imports.stateInvalid');
  return errors;
}

/** Admins import the municipality directory, the police directorates and the boundaries: preview first, then import. */
export function ImportsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const run = useTerritoryImport();
  const [values, setValues] = useState<ImportFormValues>(EMPTY_IMPORT);
  const [fileKey, setFileKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [lineErrors, setLineErrors] = useState<LineError[]>([]);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const fields = Object.fromEntries(
    Object.entries(IMPORT_FIELD_IDS).map(([k, id]) => [k, { id, label: t(`imports.fields.${k as keyof typeof IMPORT_FIELD_IDS}`) }]),
  );

  function change(next: ImportFormValues) {
    setValues(next);
    // A preview holds only for the input it was made from.
    setPreview(null);
  }

  function fail(err: unknown) {
    const base = describeError(err);
    const formErrors: Record<string, string> = {};
    const inFile: LineError[] = [];
    for (const e of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
      const path = fieldPathOf(e.field);
      if (FORM_FIELDS.has(path)) formErrors[path] ??= e.message;
      else inFile.push(lineErrorOf(e.field, e.message));
    }
    setReport({ ...base, fields: formErrors });
    setLineErrors(inFile);
  }

  async function start(dryRun: boolean) {
    const errors = checkForm(values, t);
    setResult(null);
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      setLineErrors([]);
      return;
    }
    setReport(null);
    setLineErrors([]);
    try {
      const r = await run.mutateAsync({ ...values, file: values.source === 'file' ? values.file : null, dryRun });
      if (dryRun) {
        setPreview(r);
      } else {
        setPreview(null);
        setResult(r);
        setValues({ ...EMPTY_IMPORT, kind: values.kind });
        setFileKey((k) => k + 1);
        notify('importDone');
      }
    } catch (err) {
      setPreview(null);
      fail(err);
    }
  }

  return (
    <>
      <PageHeader title={t('imports.title')} intro={t('imports.intro')} />
      <Stack gap="lg">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
          <ErrorSummary report={report} fields={fields} />
          {lineErrors.length ? <ImportErrors errors={lineErrors} /> : null}
          <ImportForm
            values={values}
            onChange={change}
            errors={report?.fields ?? {}}
            busy={run.isPending && !preview}
            onPreview={() => void start(true)}
            fileKey={fileKey}
          />
        </Paper>
        {preview ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <ImportReportView report={preview} />
            <Group mt="md">
              {preview.changed ? (
                <Button onClick={() => void start(false)} loading={run.isPending}>
                  {t('imports.commit')}
                </Button>
              ) : (
                <Text size="sm">{t('imports.nothingToImport')}</Text>
              )}
            </Group>
          </Paper>
        ) : null}
        {result ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <ImportReportView report={result} />
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
