import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PHASE_LABELS } from '../../../../shared/security-analysis.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows } from '../../../../shared/policies.ts';
import { SurveyPicker } from '../../surveys/index.ts';
import { MunicipalityPicker } from '../../territory/index.ts';
import { SA_PATHS, useAnalyses, useCreateAnalysis } from '../api.ts';
import { ChangeError } from '../components/blocks.tsx';
import { useSecurityAnalysisT } from '../i18n.ts';
import { useListParams } from '../../../ui/use-list-params.ts';
import { formatDate, isIsoDate } from '../../../../shared/time.ts';
import '../security-analysis.css';

function CreateForm() {
  const t = useSecurityAnalysisT();
  const navigate = useNavigate();
  const create = useCreateAnalysis();
  // `?ags=&plannedStart=` prefill the municipality and the planned start (the alliance event form
  // sends the user here with the event's date, decision 035).
  const [params] = useSearchParams();
  const [ags, setAgs] = useState<string | null>(/^\d{8}$/.test(params.get('ags') ?? '') ? params.get('ags') : null);
  const [contractor, setContractor] = useState('');
  const [plannedStart, setPlannedStart] = useState(isIsoDate(params.get('plannedStart') ?? '') ? params.get('plannedStart')! : '');
  const [surveyId, setSurveyId] = useState<number | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { ags: ags ?? '', contractor, plannedStart: plannedStart || null, surveyId },
      {
        onSuccess: (a) => {
          void navigate(SA_PATHS.analysis(a.id));
        },
      },
    );
  };
  const fields = {
    ags: { id: 'sa-ags', label: t('overview.municipality') },
    contractor: { id: 'sa-contractor', label: t('overview.contractor') },
    plannedStart: { id: 'sa-start', label: t('overview.plannedStart') },
    surveyId: { id: 'sa-survey', label: t('overview.survey') },
  };
  const errs = create.error ? ((create.error as { fieldErrors?: () => Record<string, string> }).fieldErrors?.() ?? {}) : {};
  return (
    <Paper withBorder p="md" radius="md" mb="xl" component="section" aria-labelledby="sa-create">
      <Title order={2} size="h3" id="sa-create" mb="sm">
        {t('overview.createTitle')}
      </Title>
      <ChangeError error={create.error} fields={fields} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={520}>
          <MunicipalityPicker
            id="sa-ags"
            label={t('overview.municipality')}
            required
            value={ags}
            onChange={(value) => {
              setAgs(value);
              setSurveyId(null);
            }}
            error={errs.ags}
          />
          <TextInput
            id="sa-contractor"
            label={t('overview.contractor')}
            required
            value={contractor}
            onChange={(e) => setContractor(e.currentTarget.value)}
            error={errs.contractor}
          />
          <TextInput
            id="sa-start"
            type="date"
            label={t('overview.plannedStart')}
            value={plannedStart}
            onChange={(e) => setPlannedStart(e.currentTarget.value)}
            error={errs.plannedStart}
          />
          <SurveyPicker
            id="sa-survey"
            label={t('overview.survey')}
            description={t('overview.surveyHint')}
            ags={ags}
            value={surveyId}
            onChange={setSurveyId}
            error={errs.surveyId}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('overview.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** All analyses in scope with their late phases; council staff create new ones here. */
export function AnalysesPage() {
  const t = useSecurityAnalysisT();
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  // The drill-down of the figure "security analyses completed" (?completedBy=&district=|directorateId=);
  // ?late=true: only those with a late phase (the work queue's link).
  const [params, update] = useListParams({ completedBy: '', district: '', directorateId: '', late: '' });
  const onlyLate = params.late === 'true';
  const completedBy = isIsoDate(params.completedBy) ? params.completedBy : undefined;
  const area = completedBy ? { district: params.district || undefined, directorateId: Number(params.directorateId) || undefined } : {};
  const list = useAnalyses({ late: onlyLate, completedBy, ...area });
  const rows = (list.data?.items.length ?? 0) + (list.data?.historic.length ?? 0);
  const en = i18n.language === 'en';
  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro')} />
      {completedBy ? (
        <Callout tone="info" title={t('overview.completedByTitle', { date: formatDate(completedBy, i18n.language) })}>
          <Text size="sm">
            {list.data ? t('overview.completedByCount', { count: rows }) : null}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => update({ completedBy: '', district: '', directorateId: '' })}>
              {t('overview.showAll')}
            </Anchor>
          </Text>
        </Callout>
      ) : null}
      {allows('securityAnalysis.manage', user.role) ? <CreateForm /> : null}
      <Checkbox
        mb="sm"
        label={t('overview.onlyLate')}
        checked={onlyLate}
        onChange={(e) => update({ late: e.currentTarget.checked ? 'true' : '' })}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows === 0 ? (
        <Callout tone="neutral">{t('overview.empty')}</Callout>
      ) : (
        <TableFrame label={t('overview.caption')} minWidth={720}>
          <Table striped>
            <caption>{t('overview.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                {(['municipality', 'contractor', 'status', 'currentPhase', 'late'] as const).map((k) => (
                  <Table.Th key={k} scope="col">
                    {t(`overview.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={SA_PATHS.analysis(a.id)}>
                      {a.municipalityName}: {a.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{a.contractor}</Table.Td>
                  <Table.Td>{t(`status.${a.status}`)}</Table.Td>
                  <Table.Td>{a.currentPhase ? PHASE_LABELS[a.currentPhase][en ? 'en' : 'de'] : '–'}</Table.Td>
                  <Table.Td>
                    {a.latePhases.length
                      ? a.latePhases.map((p) => PHASE_LABELS[p.phase][en ? 'en' : 'de']).join(', ')
                      : t('overview.lateNone')}
                  </Table.Td>
                </Table.Tr>
              ))}
              {list.data.historic.map((h) => (
                <Table.Tr key={`historic-${h.startEventId}`}>
                  <Table.Th scope="row">
                    {h.municipalityName}{' '}
                    <Badge variant="light" color="gray" title={t('overview.historicHint')}>
                      {t('overview.historic')}
                    </Badge>
                  </Table.Th>
                  <Table.Td>–</Table.Td>
                  <Table.Td>
                    {h.completedOn
                      ? t('overview.historicStatus', { date: formatDate(h.completedOn, i18n.language) })
                      : t('overview.historicRunning', { date: formatDate(h.startedOn, i18n.language) })}
                  </Table.Td>
                  <Table.Td>–</Table.Td>
                  <Table.Td>–</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </>
  );
}
