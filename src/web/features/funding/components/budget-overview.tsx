import { Anchor, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { BudgetOverview, Programme } from '../../../../shared/funding.schema.ts';
import { describeError } from '../../../lib/api-client.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { exportUrl, FUNDING_PATHS, useBudgetOverview, useFundedList, useProgrammes, usePublishProgramme } from '../api.ts';
import { useFundingT } from '../i18n.ts';
import { euro, SavedStatus, Section } from './common.tsx';
import { DownloadLinks } from '../../../ui/download-links.tsx';

// ECharts is loaded only with the chart.
const BudgetChart = lazy(() => import('./budget-chart.tsx'));

const COLOURS = { committed: '#1f4e79', paid: '#2b8a3e', repaid: '#c55a11' };

function Figures({ o }: { o: BudgetOverview }) {
  const t = useFundingT();
  const items: [string, number][] = [
    [t('overview.budget'), o.totals.budgetCents],
    [t('overview.requested'), o.totals.requestedCents],
    [t('overview.committed'), o.totals.committedCents],
    [t('overview.paid'), o.totals.paidCents],
    [t('overview.repaid'), o.totals.repaidCents],
    [t('overview.free'), o.totals.freeCents],
  ];
  return (
    <div role="group" aria-label={t('overview.figuresLabel')}>
      <dl className="funding-figures">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{euro(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Bars per field of action (committed, paid, reclaimed) with a summary; the table below holds every value. */
function FieldChart({ o }: { o: BudgetOverview }) {
  const t = useFundingT();
  const summaryId = useId();
  const lang = currentLanguage();
  const option = useMemo(() => {
    const names = o.byField.map((f) => (lang === 'en' ? f.field.nameEn : f.field.name));
    const bar = (key: keyof typeof COLOURS, data: number[]) => ({
      type: 'bar',
      name: t(`overview.${key}`),
      data: data.map((c) => c / 100),
      itemStyle: { color: COLOURS[key] },
    });
    return {
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? euro(Math.round(v * 100)) : '–') },
      legend: { top: 0, left: 0, textStyle: { color: '#212529' } },
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { color: '#495057' } },
      yAxis: { type: 'category', data: names, axisLabel: { color: '#495057', width: 160, overflow: 'break' } },
      series: [
        bar(
          'committed',
          o.byField.map((f) => f.committedCents),
        ),
        bar(
          'paid',
          o.byField.map((f) => f.paidCents),
        ),
        bar(
          'repaid',
          o.byField.map((f) => f.repaidCents),
        ),
      ],
    };
  }, [o, lang, t]);
  const top = [...o.byField].sort((a, b) => b.committedCents - a.committedCents)[0];
  const summary = top
    ? t('overview.chartSummary', {
        n: o.byField.length,
        field: lang === 'en' ? top.field.nameEn : top.field.name,
        amount: euro(top.committedCents),
        free: euro(o.totals.freeCents),
      })
    : t('overview.noData');
  return (
    <>
      <p id={summaryId}>{summary}</p>
      <Suspense fallback={<Loading />}>
        <BudgetChart option={option} label={t('overview.chartLabel', { year: o.programme.year })} describedBy={summaryId} />
      </Suspense>
    </>
  );
}

function MoneyTable({
  caption,
  rows,
  first,
}: {
  caption: string;
  first: string;
  rows: {
    key: string;
    name: string;
    quota?: number | null;
    requestedCents: number;
    committedCents: number;
    paidCents: number;
    repaidCents: number;
    free?: number | null;
    applications: number;
  }[];
}) {
  const t = useFundingT();
  const withQuota = rows.some((r) => r.quota !== undefined);
  return (
    <TableFrame label={caption} minWidth={760}>
      <Table striped>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{first}</Table.Th>
            {withQuota ? (
              <Table.Th scope="col" ta="right">
                {t('overview.quota')}
              </Table.Th>
            ) : null}
            <Table.Th scope="col" ta="right">
              {t('overview.requested')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.committed')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.paid')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.repaid')}
            </Table.Th>
            {withQuota ? (
              <Table.Th scope="col" ta="right">
                {t('overview.freeInQuota')}
              </Table.Th>
            ) : null}
            <Table.Th scope="col" ta="right">
              {t('overview.applications')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.name}
              </Table.Th>
              {withQuota ? <Table.Td ta="right">{r.quota === null ? '–' : euro(r.quota)}</Table.Td> : null}
              <Table.Td ta="right">{euro(r.requestedCents)}</Table.Td>
              <Table.Td ta="right">{euro(r.committedCents)}</Table.Td>
              <Table.Td ta="right">{euro(r.paidCents)}</Table.Td>
              <Table.Td ta="right">{euro(r.repaidCents)}</Table.Td>
              {withQuota ? <Table.Td ta="right">{r.free === null ? '–' : euro(r.free)}</Table.Td> : null}
              <Table.Td ta="right">{r.applications}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

function ExportLinks({ id, table }: { id: number; table: 'overview' | 'funded' }) {
  const t = useFundingT();
  return <DownloadLinks hrefOf={(format) => exportUrl(id, table, format)} what={t(`overview.export.${table}`)} />;
}

/** The admin's switch that publishes the programme's list of funded projects. */
function PublishControl({ programme }: { programme: Programme }) {
  const t = useFundingT();
  const publish = usePublishProgramme();
  const [value, setValue] = useState(programme.publicList);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Group gap="sm" mt="sm" align="center">
      <Checkbox label={t('overview.publish')} checked={value} onChange={(e) => setValue(e.currentTarget.checked)} />
      <Button
        size="xs"
        variant="default"
        loading={publish.isPending}
        onClick={async () => {
          try {
            await publish.mutateAsync({ id: programme.id, version: programme.version, publicList: value });
            setMessage(value ? t('overview.published') : t('overview.unpublished'));
          } catch (err) {
            setMessage(describeError(err).title);
          }
        }}
      >
        {t('overview.publishSave')}
      </Button>
      <SavedStatus message={message} />
    </Group>
  );
}

/** Budget overview of a programme: key figures, chart with table alternative, districts, funded projects, exports. */
export function BudgetOverviewSections({ programme, admin, staff }: { programme: Programme; admin: boolean; staff: boolean }) {
  const t = useFundingT();
  const overview = useBudgetOverview(programme.id);
  const funded = useFundedList(programme.id);
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const lang = currentLanguage();
  return (
    <>
      <Section
        id="budget"
        title={t('overview.title', { year: o.programme.year })}
        actions={<ExportLinks id={programme.id} table="overview" />}
      >
        <Figures o={o} />
        <FieldChart o={o} />
        <Text fw={600} mt="md" mb="xs">
          {t('overview.byField')}
        </Text>
        <MoneyTable
          caption={t('overview.byField')}
          first={t('overview.field')}
          rows={o.byField.map((f) => ({
            key: String(f.field.id),
            name: lang === 'en' ? f.field.nameEn : f.field.name,
            quota: f.quotaCents,
            free: f.freeInQuotaCents,
            ...f,
          }))}
        />
        <Text fw={600} mt="md" mb="xs">
          {t('overview.byDistrict')}
        </Text>
        <MoneyTable
          caption={t('overview.byDistrict')}
          first={t('overview.district')}
          rows={o.byDistrict.map((d) => ({ key: d.districtAgs, name: d.districtName, ...d }))}
        />
      </Section>
      <Section id="funded" title={t('funded.title', { year: o.programme.year })} actions={<ExportLinks id={programme.id} table="funded" />}>
        {funded.isPending ? (
          <Loading />
        ) : funded.isError ? (
          <LoadError error={funded.error} />
        ) : funded.data.items.length === 0 ? (
          <Text size="sm">{t('funded.none')}</Text>
        ) : (
          <TableFrame label={t('common.tableOf', { what: t('funded.title', { year: o.programme.year }) })} minWidth={720}>
            <Table striped>
              <caption className="visually-hidden">{t('funded.title', { year: o.programme.year })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('funded.project')}</Table.Th>
                  <Table.Th scope="col">{t('funded.municipality')}</Table.Th>
                  <Table.Th scope="col">{t('overview.field')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('overview.committed')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('overview.paid')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {funded.data.items.map((i) => (
                  <Table.Tr key={i.applicationId}>
                    <Table.Td>
                      {staff ? (
                        <Anchor component={Link} to={FUNDING_PATHS.application(i.applicationId)}>
                          {i.title}
                        </Anchor>
                      ) : (
                        i.title
                      )}
                    </Table.Td>
                    <Table.Td>{i.municipalityName}</Table.Td>
                    <Table.Td>{lang === 'en' ? i.field.nameEn : i.field.name}</Table.Td>
                    <Table.Td ta="right">{euro(i.approvedCents)}</Table.Td>
                    <Table.Td ta="right">{euro(i.paidCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}
        {admin ? (
          <PublishControl key={programme.version} programme={programme} />
        ) : programme.publicList ? (
          <Text size="sm" mt="sm">
            {t('overview.isPublic')}
          </Text>
        ) : null}
      </Section>
    </>
  );
}

/**
 * The funding of one programme year by field of action (chart with its summary and the table as
 * its alternative), for the ministry's home page: the year whose window is open, else the latest.
 */
export function FundingByFieldSection() {
  const t = useFundingT();
  const programmes = useProgrammes();
  const chosen = programmes.data?.find((p) => p.windowOpenToday) ?? programmes.data?.[0];
  const overview = useBudgetOverview(chosen?.id ?? null);
  const lang = currentLanguage();
  if (programmes.isPending) return <Loading />;
  if (programmes.isError) return <LoadError error={programmes.error} onRetry={() => void programmes.refetch()} />;
  if (!chosen) return <Text size="sm">{t('funding.noProgramme')}</Text>;
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Section
      id="funding-by-field"
      title={`${t('overview.byField')} ${o.programme.year}`}
      actions={
        <Anchor component={Link} to={FUNDING_PATHS.funding} size="sm">
          {t('funding.title')}
        </Anchor>
      }
    >
      <FieldChart o={o} />
      <MoneyTable
        caption={`${t('overview.byField')} ${o.programme.year}`}
        first={t('overview.field')}
        rows={o.byField.map((f) => ({
          key: String(f.field.id),
          name: lang === 'en' ? f.field.nameEn : f.field.name,
          quota: f.quotaCents,
          free: f.freeInQuotaCents,
          ...f,
        }))}
      />
    </Section>
  );
}
