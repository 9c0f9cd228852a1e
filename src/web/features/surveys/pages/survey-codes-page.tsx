import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { createCodesSchema, type SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../ui/dates.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { codesCsvUrl, lettersUrl, useCodeBatches, useCreateCodes } from '../api.ts';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';

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
    const parsed = createCodesSchema.safeParse({ ags, count: /^\d+$/.test(count.trim()) ? Number(count.trim()) : count });
    if (!parsed.success) {
      setReport({ title: t('form.checkInput'), fields: zodFieldErrors(parsed.error), status: 400 });
      return;
    }
    setReport(null);
    try {
      const r = await create.mutateAsync(parsed.data);
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

function Batches({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const batches = useCodeBatches(survey.id);
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
