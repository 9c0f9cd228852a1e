import { Anchor, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MunicipalityStatusRow } from '../../../../shared/alliance.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { PATHS } from '../../../app/navigation.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { DemoNotice } from '../../demo/index.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { APP_DRILL_DOWN } from '../app-drill-down.ts';
import { useAllStatuses, useFactBox, useFigures } from '../api.ts';
import { FactBox } from '../components/fact-box.tsx';
import { AreaFigures, StatewideFigures } from '../components/figures-section.tsx';
import type { MapRow } from '../components/map-rows.ts';
import { PublicPageSetting } from '../components/public-page-setting.tsx';
import { ReferenceDateField } from '../components/reference-date-field.tsx';
import { SeriesSection } from '../components/series-section.tsx';
import { StatusMapSection } from '../components/status-map-section.tsx';
import { useReferenceDate } from '../use-reference-date.ts';
import { allows } from '../../../../shared/policies.ts';

/** A municipality's name in the map's table, as a link within the app. */
const routerLink = (href: string, name: string) => (
  <Anchor component={Link} to={href}>
    {name}
  </Anchor>
);

function toMapRows(rows: MunicipalityStatusRow[]): MapRow[] {
  return rows.map((r) => ({
    ags: r.ags,
    name: r.name,
    districtName: r.districtName,
    status: r.status,
    inCollaboration: r.inCollaboration,
    href: r.canSeeDetail ? PATHS.municipality(r.ags) : null,
  }));
}

function FactBoxSection({ at }: { at: string }) {
  const { t } = useTranslation();
  const query = useFactBox(at);
  return (
    <section aria-labelledby="fact-box-heading">
      <Title order={2} fz="xl" mt="xl" mb="sm" id="fact-box-heading">
        {t('alliance.factBox.title')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <FactBox data={query.data} drillDown={APP_DRILL_DOWN} />
      )}
    </section>
  );
}

function MapSection({ at }: { at: string }) {
  const query = useAllStatuses(at);
  const rows = useMemo(() => (query.data ? toMapRows(query.data) : []), [query.data]);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <StatusMapSection rows={rows} at={at} nameLink={routerLink} />;
}

/** The network at a glance for a reference date: figures, fact box, map, development, areas. */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [at, today, setAt] = useReferenceDate();
  const figures = useFigures(at);
  return (
    <>
      <PageHeader title={t('alliance.dashboard.title')} intro={t('alliance.dashboard.intro')} />
      <DemoNotice />
      <ReferenceDateField value={at} max={today} onChange={setAt} />
      {figures.isPending ? (
        <Loading />
      ) : figures.isError ? (
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <StatewideFigures figures={figures.data} drillDown={APP_DRILL_DOWN} />
      )}
      <FactBoxSection at={at} />
      <MapSection at={at} />
      <SeriesSection at={at} />
      {figures.data ? <AreaFigures figures={figures.data} drillDown={APP_DRILL_DOWN} /> : null}
      {allows('alliance.settings', user.role) ? <PublicPageSetting /> : null}
    </>
  );
}
