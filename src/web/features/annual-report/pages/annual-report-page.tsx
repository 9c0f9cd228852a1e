import { Anchor, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AnnualReport, AnnualReportSection, AnnualReportSnapshot } from '../../../../shared/annual-report.schema.ts';
import { formatMoney, formatNumber } from '../../../../shared/format.ts';
import { allows } from '../../../../shared/policies.ts';
import { formatDate, todayBerlin } from '../../../../shared/time.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { describeError } from '../../../lib/api-client.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { Confirmation } from '../../../ui/form-support.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { annualReportExportUrl, annualReportPdfUrl, useAnnualReport, useFreezeAnnualReport } from '../api.ts';
import { EffectsSectionBody } from '../components/effects-section.tsx';
import { ReportTable } from '../components/report-table.tsx';
import { type AnnualReportT, useAnnualReportT } from '../i18n.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';

type Lang = 'de' | 'en';
const signed = (v: number, lang: Lang) => (v > 0 ? `+${formatNumber(v, lang, 0)}` : v < 0 ? `−${formatNumber(-v, lang, 0)}` : '±0');

/** One section of the report, in the order the snapshot lists them. */
function SectionBody({ section, s, t, lang }: { section: AnnualReportSection; s: AnnualReportSnapshot; t: AnnualReportT; lang: Lang }) {
  const n = (v: number) => formatNumber(v, lang, 0);
  const money = (cents: number | null) => (cents === null ? '–' : formatMoney(cents, lang));
  const at = t('atDate', { date: formatDate(s.to, lang) });
  const before = t('atDate', { date: formatDate(s.previousTo, lang) });
  switch (section) {
    case 'figures':
      return (
        <Stack>
          <ReportTable
            caption={t('figuresCaption', { year: s.year })}
            header={[t('figure'), at, before, t('change')]}
            rows={s.figures.map((f) => [lang === 'en' ? f.labelEn : f.label, n(f.current), n(f.previous), signed(f.change, lang)])}
          />
          {s.districts.length ? (
            <ReportTable
              caption={t('districtsCaption')}
              header={[t('district'), t('inCollaboration'), t('previousYear'), t('withAgreement'), t('previousYear')]}
              rows={s.districts.map((d) => [
                d.name,
                n(d.inCollaboration),
                n(d.inCollaborationPrevious),
                n(d.communesCoveredByAgreements),
                n(d.communesCoveredByAgreementsPrevious),
              ])}
            />
          ) : null}
        </Stack>
      );
    case 'joined':
      return s.joined.length ? (
        <Stack>
          <Text>{t('joinedCount', { year: s.year, count: s.joined.length })}</Text>
          <ReportTable
            caption={t('joinedCaption', { year: s.year })}
            header={[t('municipality'), t('district'), t('signedOn'), t('rank')]}
            rows={s.joined.map((j) => [j.name, j.districtName, formatDate(j.signedOn, lang), j.rank === null ? '–' : `${j.rank}.`])}
          />
        </Stack>
      ) : (
        <Text>{t('joinedNone', { year: s.year })}</Text>
      );
    case 'funding': {
      const f = s.funding;
      if (!f) return <Text>{t('noProgramme', { year: s.year })}</Text>;
      return (
        <Stack>
          <Text>
            {t('fundingSummary', {
              name: f.programmeName,
              budget: money(f.budgetCents),
              committed: money(f.committedCents),
              paid: money(f.paidCents),
              free: money(f.freeCents),
              applications: n(f.applications),
              approved: n(f.approved),
            })}
          </Text>
          <ReportTable
            caption={t('fundingCaption', { year: s.year })}
            header={[t('field'), t('quota'), t('requested'), t('committed'), t('paid'), t('applications')]}
            rows={[
              ...f.byField.map((x) => [
                lang === 'en' ? x.nameEn : x.name,
                money(x.quotaCents),
                money(x.requestedCents),
                money(x.committedCents),
                money(x.paidCents),
                n(x.applications),
              ]),
              [t('total'), money(f.budgetCents), money(f.requestedCents), money(f.committedCents), money(f.paidCents), n(f.applications)],
            ]}
          />
          <Title order={3} fz="lg">
            {t('projects')}
          </Title>
          {f.projects.length ? (
            <ReportTable
              caption={t('projectsCaption', { year: s.year })}
              header={[t('project'), t('municipality'), t('field'), t('committed')]}
              rows={f.projects.map((x) => [
                x.title,
                x.municipalityName,
                lang === 'en' ? x.fieldNameEn : x.fieldName,
                money(x.approvedCents),
              ])}
            />
          ) : (
            <Text>{t('noProjects')}</Text>
          )}
        </Stack>
      );
    }
    case 'training': {
      const tr = s.training;
      return (
        <Stack>
          <Text>
            {t('trainingSummary', {
              year: s.year,
              enrolments: n(tr.totals.enrolments),
              completions: n(tr.totals.completions),
              withdrawn: n(tr.totals.withdrawn),
            })}
          </Text>
          {tr.byDistrict.length ? (
            <ReportTable
              caption={t('trainingCaption', { year: s.year })}
              header={[t('district'), t('enrolments'), t('completions'), t('withdrawn')]}
              rows={[
                ...tr.byDistrict.map((d) => [d.name || t('withoutMunicipality'), n(d.enrolments), n(d.completions), n(d.withdrawn)]),
                [t('totalRow'), n(tr.totals.enrolments), n(tr.totals.completions), n(tr.totals.withdrawn)],
              ]}
            />
          ) : null}
        </Stack>
      );
    }
    case 'coachingAnalyses': {
      const c = s.coachingAnalyses;
      return (
        <Stack>
          <ReportTable
            caption={t('coachingCaption')}
            header={[t('figure'), at, before]}
            rows={[
              [t('coachingRunning'), n(c.coachingRunning), n(c.coachingRunningPrevious)],
              [t('analysesUnderWay'), n(c.analysesUnderWay), n(c.analysesUnderWayPrevious)],
              [t('analysesCompletedTotal'), n(c.analysesCompletedTotal), n(c.analysesCompletedTotal - c.analysesCompletedInYear)],
            ]}
          />
          <Text>{t('analysesCompletedInYear', { year: s.year, count: n(c.analysesCompletedInYear) })}</Text>
        </Stack>
      );
    }
    case 'effects':
      return s.effects ? <EffectsSectionBody effects={s.effects} year={s.year} t={t} lang={lang} /> : null;
    case 'factBox':
      return (
        <Stack gap="xs">
          <Text>{t('factBoxIntro', { date: formatDate(s.factBox.at, lang, 'long') })}</Text>
          <Callout tone="neutral">{lang === 'en' ? s.factBox.en : s.factBox.de}</Callout>
        </Stack>
      );
  }
}

function Report({ report, t, lang }: { report: AnnualReport; t: AnnualReportT; lang: Lang }) {
  const s = report.snapshot;
  const frozen = report.versions.find((v) => v.number === report.number);
  return (
    <>
      <Text mb="md">
        {frozen
          ? t('frozenNote', { number: frozen.number, date: formatDate(frozen.createdAt, lang) })
          : t('liveNote', { at: formatDate(s.to, lang), before: formatDate(s.previousTo, lang) })}
      </Text>
      {s.sections.map((section, i) => (
        <section key={section} aria-labelledby={`ar-${section}`}>
          <Title order={2} fz="xl" id={`ar-${section}`} mt="lg" mb="sm">
            {`${i + 1}. ${t(`sections.${section}`)}`}
          </Title>
          <SectionBody section={section} s={s} t={t} lang={lang} />
        </section>
      ))}
    </>
  );
}

/** The annual report of a chosen year: the live report or a frozen version, its downloads, and freezing for the LPR. */
export function AnnualReportPage() {
  const t = useAnnualReportT();
  const lang = currentLanguage();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayBerlin().slice(0, 4));
  const year = Number(params.get('year')) || thisYear - 1;
  const numberParam = Number(params.get('number'));
  const number = numberParam > 0 ? numberParam : undefined;
  const query = useAnnualReport(year, number);
  const freeze = useFreezeAnnualReport(year);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const canFreeze = allows('annualReport.freeze', user.role);
  const report = query.data;
  const startYear = report ? Number(report.snapshot.programmeStart.slice(0, 4)) : year;
  const years = Array.from({ length: Math.max(1, thisYear - Math.min(startYear, year) + 1) }, (_, i) => thisYear - i);
  const versions = report?.versions ?? [];

  const choose = (next: { year?: number; number?: number }) => {
    const p = new URLSearchParams();
    p.set('year', String(next.year ?? year));
    if (next.number !== undefined) p.set('number', String(next.number));
    setDone(null);
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <Group align="end" mb="md">
        <NativeSelect
          label={t('year')}
          value={String(year)}
          onChange={(e) => choose({ year: Number(e.currentTarget.value) })}
          data={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <NativeSelect
          label={t('version')}
          value={number === undefined ? '' : String(number)}
          onChange={(e) => choose({ number: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
          data={[
            { value: '', label: t('live') },
            ...versions.map((v) => ({
              value: String(v.number),
              label: t('versionOption', { number: v.number, date: formatDate(v.createdAt, lang) }),
            })),
          ]}
        />
        {canFreeze && number === undefined && report ? (
          <Button color="red.9" onClick={() => setConfirming(true)}>
            {t('freeze')}
          </Button>
        ) : null}
      </Group>
      <nav aria-label={t('downloads')}>
        <Group mb="md">
          <Anchor href={annualReportPdfUrl(year, number)} download>
            {t('pdf')}
          </Anchor>
          <DownloadLinks hrefOf={(format) => annualReportExportUrl(year, number, format)} what={t('tablesWhat')} />
        </Group>
      </nav>
      <ErrorSummary report={freeze.error ? describeError(freeze.error) : null} fields={{}} />
      <Confirmation text={done} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : report ? (
        <Report report={report} t={t} lang={lang} />
      ) : null}
      <ConfirmDialog
        opened={confirming}
        title={t('freezeTitle')}
        message={t('freezeMessage')}
        confirmLabel={t('freezeConfirm')}
        danger
        busy={freeze.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          freeze.mutate(versions.length, {
            onSettled: () => setConfirming(false),
            onSuccess: (head) => setDone(t('frozen', { number: head.number })),
          })
        }
      />
    </>
  );
}
