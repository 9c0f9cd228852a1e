import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { FileField } from '../../../ui/file-field.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { type ResponseImportResult, useImportResponses } from '../api.ts';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const FILE_ID = 'import-file';

function ImportReport({ r, headingId }: { r: ResponseImportResult; headingId: string }) {
  const t = useSurveysT();
  const item = (key: string, label: string, value: number) => (
    <div data-count={key}>
      <dt>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text fw={700}>{formatNumber(value)}</Text>
      </dd>
    </div>
  );
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={headingId}>
      <Title order={2} fz="lg" mb="xs" id={headingId}>
        {r.mode === 'preview' ? t('import.previewHeading') : t('import.resultHeading')}
      </Title>
      {r.mode === 'preview' ? (
        <Text mb="sm">{t('import.notYetStored')}</Text>
      ) : (
        <Text mb="sm">{t('import.storedText', { count: r.stored })}</Text>
      )}
      <Group component="dl" gap="xl" m={0} mb="md">
        {item('rows', t('import.rows'), r.rows)}
        {item('valid', t('import.valid'), r.valid)}
        {item('stored', t('import.stored'), r.stored)}
        {item('errors', t('import.errorCount'), r.errors.length)}
      </Group>
      {r.unknownColumns.length ? (
        <Callout tone="warning">{t('import.unknownColumns', { list: r.unknownColumns.join(', ') })}</Callout>
      ) : null}
      {r.errors.length ? (
        <TableFrame label={t('import.errorsCaption')} minWidth={520} maxHeight={360}>
          <Table className="data-table" bg="white">
            <caption className="visually-hidden">{t('import.errorsCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.line')}</Table.Th>
                <Table.Th>{t('import.column')}</Table.Th>
                <Table.Th>{t('import.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.errors.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.field}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : null}
      {r.errorsTruncated ? (
        <Text size="sm" mt="xs">
          {t('import.truncated')}
        </Text>
      ) : null}
    </Paper>
  );
}

function ImportForm({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const run = useImportResponses(survey.id);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [preview, setPreview] = useState<ResponseImportResult | null>(null);
  const [result, setResult] = useState<ResponseImportResult | null>(null);

  async function go(mode: 'preview' | 'commit') {
    setResult(null);
    if (!file) {
      setReport(inputReport({ file: t('import.fileRequired') }));
      return;
    }
    setReport(null);
    try {
      const r = await run.mutateAsync({ file, mode });
      if (mode === 'preview') setPreview(r);
      else {
        setPreview(null);
        setResult(r);
        setFile(null);
        setFileKey((k) => k + 1);
      }
    } catch (err) {
      setPreview(null);
      setReport(describeError(err));
    }
  }

  return (
    <Stack gap="lg">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <ErrorSummary report={report} fields={{ file: { id: FILE_ID, label: t('import.file') } }} />
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void go('preview');
          }}
        >
          <Stack maw={640}>
            <FileField
              id={FILE_ID}
              label={t('import.file')}
              description={t('import.fileHint')}
              accept=".csv,text/csv"
              required
              resetKey={fileKey}
              error={report?.fields.file}
              onChange={(f) => {
                setFile(f);
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
        <>
          <ImportReport r={preview} headingId="import-preview-heading" />
          {/* Only a file without errors is stored (all or nothing). */}
          {preview.errors.length === 0 && preview.valid > 0 ? (
            <div>
              <Button onClick={() => void go('commit')} loading={run.isPending}>
                {t('import.commit', { count: preview.valid })}
              </Button>
            </div>
          ) : (
            <Callout tone="warning">{t('import.fixFirst')}</Callout>
          )}
        </>
      ) : null}
      <div role="status" aria-live="polite">
        {result ? <Callout tone="success">{t('import.done', { count: result.stored })}</Callout> : null}
      </div>
      {result ? <ImportReport r={result} headingId="import-result-heading" /> : null}
    </Stack>
  );
}

/** Imports returns from a CSV by the codebook's variable names: preview first, then store. */
export function SurveyImportPage() {
  const t = useSurveysT();
  return (
    <SurveySubpage what={t('import.title')} intro={t('import.intro')}>
      {(survey) => <ImportForm survey={survey} />}
    </SurveySubpage>
  );
}
