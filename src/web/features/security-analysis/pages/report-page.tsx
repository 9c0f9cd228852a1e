import { Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { allows } from '../../../../shared/policies.ts';
import { PHASE_LABELS, type Report } from '../../../../shared/security-analysis.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { SA_PATHS, useEditReport, useReport } from '../api.ts';
import { ChangeError, ChartBlock, DataTable, ProfileTableView } from '../components/blocks.tsx';
import { useSecurityAnalysisT } from '../i18n.ts';
import '../security-analysis.css';

/** The note of a report version: editable on a draft, read-only once the final report is frozen. */
function ReportNote({ id, r, canManage }: { id: number; r: Report; canManage: boolean }) {
  const t = useSecurityAnalysisT();
  const edit = useEditReport(id, r.number);
  const [note, setNote] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const editable = canManage && r.kind === 'draft' && !r.frozen;
  if (!editable) {
    return r.note ? (
      <Callout tone="neutral">
        {t('report.note')}: {r.note}
      </Callout>
    ) : null;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    edit.mutate(
      { note: note ?? r.note },
      {
        onSuccess: () => {
          setNote(null);
          setDone(t('report.noteSaved'));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('report.note')}>
      <ChangeError error={edit.error} fields={{ note: { id: 'rp-note', label: t('report.note') } }} />
      <Stack gap="sm" maw={640}>
        <Textarea
          id="rp-note"
          label={t('report.note')}
          autosize
          minRows={2}
          value={note ?? r.note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={edit.error instanceof ApiError ? edit.error.fieldErrors().note : undefined}
        />
        <Group>
          <Button type="submit" loading={edit.isPending}>
            {t('report.noteSave')}
          </Button>
        </Group>
      </Stack>
      <div role="status" aria-live="polite">
        {done ? <Callout tone="success">{done}</Callout> : null}
      </div>
    </form>
  );
}

/** The web view of a stored report version: exactly its snapshot, with the PDF to download. */
export function ReportPage() {
  const t = useSecurityAnalysisT();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const params = useParams();
  const id = Number(params.id);
  const n = Number(params.number);
  const query = useReport(id, n);
  const user = useCurrentUser();
  const r = query.data;
  const kind = r ? t(r.kind === 'final' ? 'reports.final' : 'reports.draft') : '';
  return (
    <>
      <PageHeader
        title={r ? t('report.title', { kind, name: r.snapshot.analysis.municipalityName }) : t('analysis.titleFallback')}
        intro={r ? `${r.snapshot.analysis.title} · ${t('reports.number')} ${r.number}` : undefined}
        actions={
          <>
            <Anchor component={Link} to={SA_PATHS.analysis(id)}>
              {t('report.back')}
            </Anchor>
            <Button component="a" href={SA_PATHS.pdf(id, n)} download>
              {t('report.download')}
            </Button>
          </>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : r ? (
        <Stack gap="lg">
          <ReportNote key={`${id}-${n}`} id={id} r={r} canManage={allows('securityAnalysis.manage', user.role)} />
          <DataTable
            caption={t('analysis.phasesCaption')}
            header={[
              t('analysis.phase'),
              t('analysis.plannedStart'),
              t('analysis.plannedEnd'),
              t('analysis.actualStart'),
              t('analysis.actualEnd'),
            ]}
            rows={r.snapshot.phases.map((p) => [PHASE_LABELS[p.phase][lang], p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd])}
            lang={i18n.language}
          />
          <section aria-labelledby="rp-profile">
            <Title order={2} size="h3" id="rp-profile" mb="sm">
              {t('profile.title')}
            </Title>
            <Stack gap="md">
              {r.snapshot.profile.tables.map((tb) => (
                <ProfileTableView key={tb.ref} table={tb} lang={i18n.language} />
              ))}
              {r.snapshot.profile.charts.map((c) => (
                <ChartBlock key={c.ref} chart={c} lang={i18n.language} />
              ))}
              {r.snapshot.profile.map ? <div className="sa-map" dangerouslySetInnerHTML={{ __html: r.snapshot.profile.map.svg }} /> : null}
            </Stack>
          </section>
          <section aria-labelledby="rp-findings">
            <Title order={2} size="h3" id="rp-findings" mb="sm">
              {t('findings.title')}
            </Title>
            {r.snapshot.findings.map((f) => (
              <Paper key={f.id} withBorder p="sm" mb="xs">
                <Text fw={600}>
                  {t('findings.text')} {f.position}
                </Text>
                <Text>{f.text}</Text>
                <Text size="sm" c="dimmed">
                  {f.evidenceLabel} · {f.fieldOfActionName} · {t(`priority.${f.priority}`)}
                </Text>
              </Paper>
            ))}
          </section>
          <section aria-labelledby="rp-recs">
            <Title order={2} size="h3" id="rp-recs" mb="sm">
              {t('recommendations.title')}
            </Title>
            {r.snapshot.recommendations.map((x) => (
              <Paper key={x.id} withBorder p="sm" mb="xs">
                <Text fw={600}>
                  {t('recommendations.text')} {x.position}
                </Text>
                <Text>{x.text}</Text>
                <Text size="sm" c="dimmed">
                  {t('report.basis', {
                    list: x.findingIds.map((f) => r.snapshot.findings.find((y) => y.id === f)?.position ?? '?').join(', '),
                  })}
                </Text>
              </Paper>
            ))}
          </section>
          <section aria-labelledby="rp-methods">
            <Title order={2} size="h3" id="rp-methods" mb="sm">
              {t('report.methods')}
            </Title>
            <DataTable
              caption={t('report.methods')}
              header={[t('report.methods'), t('report.value')]}
              lang={i18n.language}
              rows={[
                [t('report.sampleSize'), r.snapshot.methods.sampleSize],
                [t('report.responses'), r.snapshot.methods.responses],
                [t('report.responseRate'), r.snapshot.methods.responseRate],
                [t('report.weighting'), r.snapshot.methods.weighting],
                [t('report.suppression'), r.snapshot.methods.suppression],
              ]}
            />
          </section>
          <section aria-labelledby="rp-sources">
            <Title order={2} size="h3" id="rp-sources" mb="sm">
              {t('report.sources')}
            </Title>
            <ul>
              {r.snapshot.profile.attribution.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </section>
        </Stack>
      ) : null}
    </>
  );
}
