import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { createCodesSchema, type LettersJob, type SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import {
  codesCsvUrl,
  DIRECT_LETTERS_MAX,
  lettersJobFileUrl,
  lettersUrl,
  useCodeBatches,
  useCreateCodes,
  useLettersJobs,
  useStartLettersJob,
} from '../api.ts';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';
import { parseOrReport } from '../../../ui/form-support.tsx';

const IDS = { ags: 'codes-ags', count: 'codes-count' } as const;

function GenerateForm({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const create = useCreateCodes(survey.id);
  const [ags, setAgs] = useState(survey.municipalities[0]?.ags ?? '');
  const [count, setCount] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [done, setDone] = useState<{ batch: number; count: number; name: string } | null>(null);
  const fields: Record<string, FieldRef> = {
    ags: { id: IDS.ags, label: t('codes.municipality') },
    count: { id: IDS.count, label: t('codes.count') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = parseOrReport(createCodesSchema, { ags, count: /^\d+$/.test(count.trim()) ? Number(count.trim()) : count }, setReport);
    if (!parsed) return;
    setReport(null);
    try {
      const r = await create.mutateAsync(parsed);
      setDone({ batch: r.batch, count: r.count, name: survey.municipalities.find((m) => m.ags === r.ags)?.name ?? r.ags });
      setCount('');
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <Title order={2} fz="lg" mb="xs">
        {t('codes.generateHeading')}
      </Title>
      <Text size="sm" mb="md">
        {t('codes.generateIntro')}
      </Text>
      <ErrorSummary report={report} fields={fields} />
      <div role="status" aria-live="polite">
        {done ? <Callout tone="success">{t('codes.generated', { count: done.count, batch: done.batch, name: done.name })}</Callout> : null}
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Group align="flex-end" gap="md">
          <NativeSelect
            id={IDS.ags}
            label={t('codes.municipality')}
            value={ags}
            onChange={(e) => setAgs(e.currentTarget.value)}
            error={report?.fields.ags}
            data={survey.municipalities.map((m) => ({ value: m.ags, label: `${m.name} (${m.ags})` }))}
            w={{ base: '100%', sm: 320 }}
          />
          <TextInput
            id={IDS.count}
            label={t('codes.count')}
            inputMode="numeric"
            required
            value={count}
            onChange={(e) => setCount(e.currentTarget.value)}
            error={report?.fields.count}
            w={{ base: '100%', sm: 160 }}
          />
          <Button type="submit" loading={create.isPending}>
            {t('codes.generate')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

/** One letters job: an accessible progress bar while it runs, a download when it is done (announced when it ends). */
function LettersJobRow({ surveyId, job }: { surveyId: number; job: LettersJob }) {
  const t = useSurveysT();
  const kind = t(`codes.jobKinds.${job.kind}`);
  const percent = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  const progress =
    job.state === 'queued' ? t('codes.jobQueued') : t('codes.jobRunning', { done: formatNumber(job.done), total: formatNumber(job.total) });
  return (
    <Stack gap={4}>
      {/* Only the end of the job is announced; the bar's progress is read on demand. */}
      <div role="status" aria-live="polite">
        {job.state === 'failed' ? <Callout tone="warning">{t('codes.jobFailed', { kind, batch: job.batch })}</Callout> : null}
        {job.state === 'done' ? (
          <Group gap="md" wrap="wrap">
            <Text size="sm">{t('codes.jobDone', { kind, batch: job.batch, total: formatNumber(job.total) })}</Text>
            <Button
              component="a"
              href={lettersJobFileUrl(surveyId, job.id)}
              download
              size="compact-sm"
              aria-label={t('codes.jobDownloadLabel', { kind, batch: job.batch })}
            >
              {t('codes.jobDownload')}
            </Button>
          </Group>
        ) : null}
      </div>
      {job.state === 'queued' || job.state === 'running' ? (
        <>
          <Text size="sm" id={`letters-job-${job.id}`}>
            {t('codes.jobProgressLabel', { kind, batch: job.batch })}: {progress}
          </Text>
          <div
            role="progressbar"
            aria-labelledby={`letters-job-${job.id}`}
            aria-valuemin={0}
            aria-valuemax={job.total}
            aria-valuenow={job.done}
            aria-valuetext={progress}
            style={{ height: 10, borderRadius: 5, background: '#e9ecef', overflow: 'hidden', maxWidth: 480 }}
          >
            <div style={{ width: `${percent}%`, height: '100%', background: '#1a549f' }} />
          </div>
        </>
      ) : null}
    </Stack>
  );
}

/** The survey's letters jobs of the last day (kept by the server until a day after they ended), also from earlier visits. */
function LettersJobs({ surveyId }: { surveyId: number }) {
  const t = useSurveysT();
  const jobs = useLettersJobs(surveyId);
  if (jobs.isError) return <LoadError error={jobs.error} onRetry={() => void jobs.refetch()} />;
  if (!jobs.data?.length) return null;
  return (
    <section aria-labelledby="codes-jobs-heading">
      <Title order={3} fz="md" mt="lg" mb="xs" id="codes-jobs-heading">
        {t('codes.jobsHeading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('codes.jobsKept')}
      </Text>
      <Stack gap="sm">
        {jobs.data.map((j) => (
          <LettersJobRow key={j.id} surveyId={surveyId} job={j} />
        ))}
      </Stack>
    </section>
  );
}

function Batches({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const batches = useCodeBatches(survey.id);
  const start = useStartLettersJob(survey.id);
  const [report, setReport] = useState<ErrorReport | null>(null);

  async function startJob(batch: number, kind: 'invitation' | 'reminder') {
    setReport(null);
    try {
      await start.mutateAsync({ batch, kind });
    } catch (err) {
      setReport(describeError(err));
    }
  }

  if (batches.isPending) return <Loading />;
  if (batches.isError) return <LoadError error={batches.error} onRetry={() => void batches.refetch()} />;
  return (
    <section aria-labelledby="codes-batches-heading">
      <Title order={2} fz="lg" mb="xs" id="codes-batches-heading">
        {t('codes.batchesHeading')}
      </Title>
      {batches.data.items.length === 0 ? (
        <Callout tone="neutral">{t('codes.noBatches')}</Callout>
      ) : (
        <TableFrame label={t('codes.batchesCaption')} minWidth={820}>
          <Table striped className="data-table" bg="white">
            <caption className="visually-hidden">{t('codes.batchesCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('codes.batch')}</Table.Th>
                <Table.Th>{t('codes.municipality')}</Table.Th>
                <Table.Th ta="right">{t('codes.count')}</Table.Th>
                <Table.Th ta="right">{t('detail.codesUnused')}</Table.Th>
                <Table.Th ta="right">{t('detail.codesStarted')}</Table.Th>
                <Table.Th ta="right">{t('detail.codesUsed')}</Table.Th>
                <Table.Th>{t('codes.downloads')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.items.map((b) => (
                <Table.Tr key={b.batch} data-batch={b.batch}>
                  <Table.Td>{b.batch}</Table.Td>
                  <Table.Td>{b.municipalityName}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.count)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.unused)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.started)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(b.used)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      {b.count > DIRECT_LETTERS_MAX ? (
                        <>
                          <Button
                            size="compact-sm"
                            variant="default"
                            loading={start.isPending && start.variables.batch === b.batch && start.variables.kind === 'invitation'}
                            onClick={() => void startJob(b.batch, 'invitation')}
                            aria-label={t('codes.lettersJobLabel', { batch: b.batch })}
                          >
                            {t('codes.lettersJob')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="default"
                            loading={start.isPending && start.variables.batch === b.batch && start.variables.kind === 'reminder'}
                            onClick={() => void startJob(b.batch, 'reminder')}
                            aria-label={t('codes.remindersJobLabel', { batch: b.batch })}
                          >
                            {t('codes.remindersJob')}
                          </Button>
                        </>
                      ) : (
                        <>
                          <Button
                            component="a"
                            href={lettersUrl(survey.id, b.batch, 'invitation')}
                            download
                            size="compact-sm"
                            variant="default"
                            aria-label={t('codes.invitationLabel', { batch: b.batch })}
                          >
                            {t('codes.invitation')}
                          </Button>
                          <Button
                            component="a"
                            href={lettersUrl(survey.id, b.batch, 'reminder')}
                            download
                            size="compact-sm"
                            variant="default"
                            aria-label={t('codes.reminderLabel', { batch: b.batch })}
                          >
                            {t('codes.reminder')}
                          </Button>
                        </>
                      )}
                      <Button
                        component="a"
                        href={codesCsvUrl(survey.id, b.batch)}
                        download
                        size="compact-sm"
                        variant="default"
                        aria-label={t('codes.csvLabel', { batch: b.batch })}
                      >
                        {t('codes.csv')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
      {batches.data.items.some((b) => b.count > DIRECT_LETTERS_MAX) ? (
        <Text size="sm" mt="sm">
          {t('codes.largeBatchHint', { max: formatNumber(DIRECT_LETTERS_MAX) })}
        </Text>
      ) : null}
      <ErrorSummary report={report} fields={{}} />
      <LettersJobs surveyId={survey.id} />
    </section>
  );
}

/** Access codes of a survey: generate a batch per municipality, download letters (PDF) and the mail-merge CSV. */
export function SurveyCodesPage() {
  const t = useSurveysT();
  return (
    <SurveySubpage what={t('codes.title')} intro={t('codes.intro')}>
      {(survey) => (
        <Stack gap="xl">
          {survey.status === 'closed' ? <Callout tone="neutral">{t('codes.closed')}</Callout> : <GenerateForm survey={survey} />}
          <Batches survey={survey} />
        </Stack>
      )}
    </SurveySubpage>
  );
}
