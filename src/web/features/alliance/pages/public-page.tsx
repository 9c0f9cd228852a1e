import { Anchor, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../../shared/alliance.schema.ts';
import { PATHS } from '../../../app/paths.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { DemoNotice } from '../../demo/index.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { FactBox } from '../components/fact-box.tsx';
import { AreaFigures, StatewideFigures } from '../components/figures-section.tsx';
import type { MapRow } from '../components/map-rows.ts';
import { ReferenceDateField } from '../components/reference-date-field.tsx';
import { StatusMapSection } from '../components/status-map-section.tsx';
import { type PublicInfo, usePublicFactBox, usePublicFigures, usePublicInfo, usePublicMembers } from '../public-api.ts';
import { useAddressReferenceDate } from '../use-address-reference-date.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { PublishedAnnualReports } from '../../annual-report/index.ts';
import { formatDate } from '../../../../shared/time.ts';

function PublicMap({ at, figures }: { at: string; figures: Figures }) {
  const members = usePublicMembers(at, true);
  const rows = useMemo<MapRow[]>(() => {
    const districtNames = new Map(figures.districts.map((d) => [d.ags, d.name]));
    return (members.data ?? []).map((m) => ({ ...m, districtName: districtNames.get(m.districtAgs) ?? m.districtAgs, href: null }));
  }, [members.data, figures]);
  if (members.isPending) return <Loading />;
  if (members.isError) return <LoadError error={members.error} onRetry={() => void members.refetch()} />;
  return <StatusMapSection rows={rows} at={at} />;
}

function PublishedPage({ info }: { info: PublicInfo }) {
  const { t } = useTranslation();
  const [at, today, setAt] = useAddressReferenceDate();
  const figures = usePublicFigures(at, true);
  const factBox = usePublicFactBox(at, true);
  return (
    <>
      <PageHeader
        title={info.programmeName}
        documentTitle={t('alliance.public.documentTitle', { name: info.programmeName })}
        intro={t('alliance.public.intro', { start: formatDate(info.programmeStart, currentLanguage()) })}
      />
      <DemoNotice />
      <ReferenceDateField value={at} max={today} onChange={setAt} />
      {figures.isPending ? (
        <Loading />
      ) : figures.isError ? (
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <>
          <StatewideFigures figures={figures.data} exportable={false} />
          <section aria-labelledby="public-fact-box-heading">
            <Title order={2} fz="xl" mt="xl" mb="sm" id="public-fact-box-heading">
              {t('alliance.public.factBoxTitle')}
            </Title>
            {factBox.data ? <FactBox data={factBox.data} /> : factBox.isError ? <LoadError error={factBox.error} /> : <Loading />}
          </section>
          <PublicMap at={at} figures={figures.data} />
          <AreaFigures figures={figures.data} exportable={false} />
          <PublishedAnnualReports />
        </>
      )}
    </>
  );
}

/** The alliance's public page: figures and member map without sign-in, once an admin published it. */
export function PublicPage() {
  const { t } = useTranslation();
  const info = usePublicInfo();
  if (info.isPending) return <Loading />;
  if (info.isError) {
    return (
      <>
        <PageHeader title={t('alliance.public.title')} />
        <LoadError error={info.error} onRetry={() => void info.refetch()} />
      </>
    );
  }
  if (!info.data.enabled) {
    return (
      <>
        <PageHeader title={t('alliance.public.notPublishedTitle')} />
        <Callout tone="info">{t('alliance.public.notPublishedText', { name: info.data.programmeName })}</Callout>
        <Text>
          {/* The page is an entry of its own: the sign-in loads the app (a signed-in user goes on to the home page). */}
          <Anchor href={PATHS.login}>{t('alliance.public.toLogin')}</Anchor>
        </Text>
      </>
    );
  }
  return <PublishedPage info={info.data} />;
}
