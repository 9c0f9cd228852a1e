import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { surveyPaths, useDeleteSurvey, useSurvey, useSurveyTransition } from '../api.ts';
import { SurveyNoticeRegion, useSurveyNotify } from '../components/survey-notice.tsx';
import { SurveyStatusBadge } from '../components/survey-status.tsx';
import { SurveyEditForm } from '../components/survey-edit-form.tsx';
import { useSurveyId } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

type Pending = 'start' | 'close' | 'delete' | null;

function Figures({ s }: { s: SurveyDetail }) {
  const t = useSurveysT();
  const item = (key: string, label: string, value: number | string) => (
    <div data-count={key} key={key}>
      <dt>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text fw={700} fz="xl">
          {typeof value === 'number' ? formatNumber(value) : value}
        </Text>
      </dd>
    </div>
  );
  return (
    <Stack gap="lg">
      <section aria-labelledby="survey-codes-heading">
        <Title order={2} fz="lg" id="survey-codes-heading" mb="xs">
          {t('detail.codesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
          {item('codesTotal', t('detail.codesTotal'), s.codes.total)}
          {item('codesUnused', t('detail.codesUnused'), s.codes.unused)}
          {item('codesStarted', t('detail.codesStarted'), s.codes.started)}
          {item('codesUsed', t('detail.codesUsed'), s.codes.used)}
        </SimpleGrid>
      </section>
      <section aria-labelledby="survey-responses-heading">
        <Title order={2} fz="lg" id="survey-responses-heading" mb="xs">
          {t('detail.responsesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" m={0}>
          {item('responsesTotal', t('detail.responsesTotal'), s.responses.total)}
          {item('responsesOnline', t('detail.responsesOnline'), s.responses.online)}
          {item('responsesPaper', t('detail.responsesPaper'), s.responses.paper)}
          {item('responsesImport', t('detail.responsesImport'), s.responses.import)}
          {item('pendingPaper', t('detail.pendingPaper'), s.pendingPaperEntries)}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

/** One survey: status, field period, counts, the next step of its life cycle and the work pages. */
export function SurveyDetailPage() {
  const t = useSurveysT();
  const id = useSurveyId();
  const survey = useSurvey(id);
  const notify = useSurveyNotify();
  const start = useSurveyTransition(id, 'start');
  const close = useSurveyTransition(id, 'close');
  const remove = useDeleteSurvey(id);
  const [pending, setPending] = useState<Pending>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [editing, setEditing] = useState(false);

  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <PageHeader title={t('detail.title')} />
        <LoadError error={survey.error} onRetry={() => void survey.refetch()} />
      </>
    );
  }
  const s = survey.data;

  async function confirm() {
    const action = pending;
    setPending(null);
    setReport(null);
    try {
      if (action === 'start') {
        await start.mutateAsync({ version: s.version });
        notify('started');
      } else if (action === 'close') {
        await close.mutateAsync({ version: s.version, discardPendingPaperEntries: s.pendingPaperEntries > 0 ? true : undefined });
        notify('closed');
      } else if (action === 'delete') {
        await remove.mutateAsync(s.version);
        notify('deleted', surveyPaths.list);
      }
    } catch (err) {
      setReport(describeError(err));
      void survey.refetch();
    }
  }

  const dialog = pending
    ? {
        start: {
          title: t('detail.startTitle'),
          message: t('detail.startMessage', { date: formatDate(s.fieldEnd, currentLanguage()) }),
          label: t('detail.start'),
          danger: false,
        },
        close: {
          title: t('detail.closeTitle'),
          message: [
            t('detail.closeMessage', { count: s.codes.started }),
            s.pendingPaperEntries > 0 ? t('detail.closeDiscards', { count: s.pendingPaperEntries }) : '',
          ]
            .filter(Boolean)
            .join(' '),
          label: t('detail.close'),
          danger: true,
        },
        delete: {
          title: t('detail.deleteTitle'),
          message: t('detail.deleteMessage', { title: s.title }),
          label: t('detail.delete'),
          danger: true,
        },
      }[pending]
    : null;

  return (
    <>
      <PageHeader
        title={s.title}
        intro={t('detail.intro', { start: formatDate(s.fieldStart, currentLanguage()), end: formatDate(s.fieldEnd, currentLanguage()) })}
        actions={
          <Anchor component={Link} to={surveyPaths.list}>
            {t('common.backToList')}
          </Anchor>
        }
      />
      <SurveyNoticeRegion />
      <ErrorSummary report={report} fields={{}} />
      <Stack gap="xl">
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
          <Group gap="sm" mb="sm">
            <Text fw={600}>{t('fields.status')}:</Text>
            <SurveyStatusBadge status={s.status} />
            {s.status === 'fieldwork' ? <Text size="sm">{s.open ? t('detail.openNow') : t('detail.notOpenNow')}</Text> : null}
            {s.closedOn ? <Text size="sm">{t('detail.closedOn', { date: formatDate(s.closedOn, currentLanguage()) })}</Text> : null}
          </Group>
          <Text size="sm" mb={4}>
            {t('detail.municipalities', { list: s.municipalities.map((m) => m.name).join(', ') })}
          </Text>
          <Text size="sm" mb={4}>
            {t('detail.kMin', { k: s.kMin })}
          </Text>
          <Text size="sm" mb={4} data-testid="survey-comparison-consent">
            {s.allowsComparison ? t('detail.comparisonAllowed') : t('detail.comparisonNotAllowed')}
          </Text>
          <Text size="sm" mb="md">
            {t('detail.questionnaireVersion', { version: s.questionnaireVersion })}
          </Text>
          <Group gap="sm">
            {s.mayChange && s.status === 'draft' ? (
              <Button onClick={() => setPending('start')} loading={start.isPending}>
                {t('detail.start')}
              </Button>
            ) : null}
            {s.mayChange && s.status === 'fieldwork' ? (
              <Button onClick={() => setPending('close')} loading={close.isPending}>
                {t('detail.close')}
              </Button>
            ) : null}
            {s.mayChange && !editing ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('edit.open')}
              </Button>
            ) : null}
            {s.mayChange && s.status === 'draft' ? (
              <Button variant="default" onClick={() => setPending('delete')} loading={remove.isPending}>
                {t('detail.delete')}
              </Button>
            ) : null}
          </Group>
        </Paper>
        {editing ? (
          <SurveyEditForm
            survey={s}
            onDone={(saved) => {
              setEditing(false);
              if (saved) notify('edited');
            }}
          />
        ) : null}
        <Figures s={s} />
        <nav aria-labelledby="survey-work-heading">
          <Title order={2} fz="lg" id="survey-work-heading" mb="xs">
            {t('detail.workHeading')}
          </Title>
          <List spacing="xs">
            <List.Item>
              <Anchor component={Link} to={surveyPaths.questionnaire(id)}>
                {t('detail.linkQuestionnaire')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={surveyPaths.codes(id)}>
                {t('detail.linkCodes')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={surveyPaths.paper(id)}>
                {t('detail.linkPaper')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={surveyPaths.import(id)}>
                {t('detail.linkImport')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={surveyPaths.results(id)}>
                {t('detail.linkResults')}
              </Anchor>
            </List.Item>
          </List>
        </nav>
      </Stack>
      <ConfirmDialog
        opened={dialog !== null}
        title={dialog?.title ?? ''}
        message={dialog?.message ?? ''}
        confirmLabel={dialog?.label ?? ''}
        danger={dialog?.danger}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
