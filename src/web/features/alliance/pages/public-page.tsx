import { Anchor, Button, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_FIGURES } from '../../../../shared/alliance-labels.ts';
import type { FigureKey, Figures } from '../../../../shared/alliance.schema.ts';
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
import {
  type PublicInfo,
  usePublicFactBox,
  usePublicFigureRows,
  usePublicFigures,
  usePublicInfo,
  usePublicMembers,
} from '../public-api.ts';
import { pushAddress, useAddressReferenceDate, useAddressSearch } from '../use-address-reference-date.ts';
import type { DrillDown } from '../components/figure-link.tsx';
import { PUBLIC_FIGURE_ROWS_ID, publicFigureHref } from '../figure-links.ts';
import { figureLabel } from '../status-style.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
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

/** The public page's figures link to its own list of what they count (no router: the address changes in place). */
const PUBLIC_DRILL_DOWN: DrillDown = { href: publicFigureHref, follow: pushAddress };

/** The figure (and area) whose list the address asks for (?figure=&district=|directorateId=). */
function useAddressFigure(): { figure: FigureKey; district?: string; directorateId?: number } | null {
  const search = useAddressSearch();
  return useMemo(() => {
    const params = new URLSearchParams(search);
    const figure = params.get('figure') ?? '';
    if (!(ALL_FIGURES as readonly string[]).includes(figure)) return null;
    const district = params.get('district') ?? '';
    const directorateId = Number(params.get('directorateId'));
    return {
      figure: figure as FigureKey,
      district: /^\d{5}$/.test(district) ? district : undefined,
      directorateId: Number.isInteger(directorateId) && directorateId > 0 ? directorateId : undefined,
    };
  }, [search]);
}

/** What a figure counts at the date, as a table of names (and signing dates of agreements). */
function FigureRows({ at }: { at: string }) {
  const { t } = useTranslation();
  const chosen = useAddressFigure();
  const rows = usePublicFigureRows(chosen ? { ...chosen, at } : null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lang = currentLanguage();
  // Following a figure's link moves the focus to its list, as a new page would.
  useEffect(() => {
    if (chosen && rows.data) heading.current?.focus();
  }, [chosen, rows.data]);
  if (!chosen) return null;
  const close = () => {
    const url = new URL(window.location.href);
    for (const k of ['figure', 'district', 'directorateId']) url.searchParams.delete(k);
    url.hash = '';
    pushAddress(url.toString());
  };
  const label = figureLabel(chosen.figure);
  const date = formatDate(at, lang);
  return (
    <section aria-labelledby={PUBLIC_FIGURE_ROWS_ID} data-testid="figure-rows">
      <Title order={2} fz="xl" mt="xl" mb="sm" id={PUBLIC_FIGURE_ROWS_ID} ref={heading} tabIndex={-1}>
        {t('alliance.public.rowsTitle', { figure: label, date })}
      </Title>
      {rows.isPending ? (
        <Loading />
      ) : rows.isError ? (
        <LoadError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <>
          {rows.data.area ? <Text size="sm">{t('alliance.public.rowsArea', { area: rows.data.area })}</Text> : null}
          <Text size="sm" mb="xs" data-testid="figure-rows-count">
            {t('alliance.public.rowsCount', { count: rows.data.total })}
          </Text>
          {rows.data.items.length ? (
            <TableFrame label={t('alliance.public.rowsCaption', { figure: label, date })} minWidth={420}>
              <Table striped bg="white">
                <caption className="visually-hidden">{t('alliance.public.rowsCaption', { figure: label, date })}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('alliance.public.rowsName')}</Table.Th>
                    <Table.Th scope="col">{t('alliance.public.rowsDistrict')}</Table.Th>
                    <Table.Th scope="col">{t('alliance.public.rowsSignedOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.data.items.map((r, i) => (
                    <Table.Tr key={i}>
                      <Table.Th scope="row" fw={500}>
                        {r.name}
                      </Table.Th>
                      <Table.Td>{r.districtName ?? '–'}</Table.Td>
                      <Table.Td>{r.signedOn ? formatDate(r.signedOn, lang) : '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
          ) : (
            <Text>{t('alliance.public.rowsNone')}</Text>
          )}
        </>
      )}
      <Button variant="default" size="sm" mt="sm" onClick={close}>
        {t('alliance.public.rowsClose')}
      </Button>
    </section>
  );
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
          <StatewideFigures figures={figures.data} exportable={false} drillDown={PUBLIC_DRILL_DOWN} />
          <FigureRows at={at} />
          <section aria-labelledby="public-fact-box-heading">
            <Title order={2} fz="xl" mt="xl" mb="sm" id="public-fact-box-heading">
              {t('alliance.public.factBoxTitle')}
            </Title>
            {factBox.data ? (
              <FactBox data={factBox.data} drillDown={PUBLIC_DRILL_DOWN} />
            ) : factBox.isError ? (
              <LoadError error={factBox.error} />
            ) : (
              <Loading />
            )}
          </section>
          <PublicMap at={at} figures={figures.data} />
          <AreaFigures figures={figures.data} exportable={false} drillDown={PUBLIC_DRILL_DOWN} />
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
