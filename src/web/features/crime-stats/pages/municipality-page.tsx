import { Anchor, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { MunicipalityDetail } from '../../../../shared/crime-stats.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote } from '../../territory/index.ts';
import { type Catalogue, CRIME_PATHS, useMunicipalityCrimeDetail, useMunicipalityIndicators, useOffenceCatalogue } from '../api.ts';
import { MunicipalityExportLinks } from '../components/export-links.tsx';
import { IndicatorFilters } from '../components/indicator-filters.tsx';
import { type KeyFigure, KeyFigures } from '../components/key-figures.tsx';
import { MunicipalityComparisonSection } from '../components/municipality-comparison-section.tsx';
import { MunicipalitySeriesSection } from '../components/municipality-series-section.tsx';
import { OffencesTable } from '../components/offences-table.tsx';
import { SectionHeading } from '../components/section-heading.tsx';
import { num, pct, signedPct } from '../format.ts';
import { type CrimeStatsT, useCrimeStatsT } from '../i18n.ts';
import { useIndicatorParams } from '../use-indicator-params.ts';
import '../crime-stats.css';

type Point = MunicipalityDetail['series'][number];

/** Where the population behind the HZ comes from, in words. */
function hzHint(p: Point, t: CrimeStatsT): string {
  if (p.hzSource === 'none' || p.population === null) return t('municipality.hzHintNone');
  return t(p.hzSource === 'file' ? 'municipality.hzHintFile' : 'municipality.hzHintDirectory', {
    population: num(p.population),
    source: p.sourceLabel,
  });
}

function figuresOf(d: MunicipalityDetail, p: Point, rank: { rank: number | null; total: number } | null, t: CrimeStatsT): KeyFigure[] {
  const district = d.municipality.districtName ?? d.municipality.districtAgs;
  return [
    { key: 'cases', label: t('district.cases'), value: num(p.cases) },
    { key: 'hz', label: t('district.hz'), value: num(p.hz), hint: hzHint(p, t) },
    { key: 'clearanceRate', label: t('district.clearanceRate'), value: pct(p.clearanceRate) },
    { key: 'change', label: t('district.change'), value: p.changeCasesPct === null ? t('common.changeNone') : signedPct(p.changeCasesPct) },
    {
      key: 'trend',
      label: t('district.trend'),
      value: d.trend5yPctPerYear === null ? t('district.trendNone') : t('district.trendValue', { value: signedPct(d.trend5yPctPerYear) }),
    },
    { key: 'districtHz', label: t('municipality.districtHz', { district }), value: num(p.comparisonHz) },
    { key: 'stateHz', label: t('district.stateHz'), value: num(p.stateHz) },
    {
      key: 'rank',
      label: t('municipality.rank'),
      value: !rank?.rank
        ? '–'
        : rank.total >= rank.rank
          ? t('municipality.rankValue', { rank: rank.rank, total: rank.total })
          : t('municipality.rankOnly', { rank: rank.rank }),
      hint: t('district.rankHint'),
    },
    ...(p.suspects !== null ? [{ key: 'suspects', label: t('municipality.suspects'), value: num(p.suspects) }] : []),
  ];
}

/** The keys the municipality has figures of, as the offence choice (the current key stays choosable). */
function choicesOf(d: MunicipalityDetail, catalogue: Catalogue | undefined): Catalogue {
  const offences = d.offences.map((o) => ({ key: o.key, name: o.name, summary: o.summary, fieldsOfAction: [], version: 0 }));
  if (!offences.some((o) => o.key === d.offence.key))
    offences.push({ key: d.offence.key, name: d.offence.name, summary: false, fieldsOfAction: [], version: 0 });
  return { offences, fieldsOfAction: [], summaryKeys: catalogue?.summaryKeys ?? ['------'] };
}

function MunicipalityBody({ detail, setOffence }: { detail: MunicipalityDetail; setOffence(o: string): void }) {
  const t = useCrimeStatsT();
  const catalogue = useOffenceCatalogue();
  const m = detail.municipality;
  const latest = detail.series[detail.series.length - 1];
  const choices = useMemo(() => choicesOf(detail, catalogue.data), [detail, catalogue.data]);
  // The district's municipalities with figures in the same year and key: the rank among them.
  const peers = useMunicipalityIndicators(
    { year: latest?.year, offence: detail.offence.key, districtAgs: m.districtAgs },
    { enabled: latest !== undefined },
  );
  const own = peers.data?.items.find((i) => i.ags === m.ags);
  const rank = own ? { rank: own.rankInDistrict, total: peers.data!.total } : null;
  const district = m.districtName ?? m.districtAgs;

  if (detail.latestYear === null) {
    return (
      <Callout tone="neutral" title={t('municipality.emptyTitle')}>
        <Text size="sm">
          {t('municipality.emptyText', { name: m.name })}{' '}
          <Anchor component={Link} to={CRIME_PATHS.district(m.districtAgs)} size="sm" underline="always">
            {t('municipality.toDistrict', { district })}
          </Anchor>
        </Text>
      </Callout>
    );
  }
  return (
    <>
      <IndicatorFilters offence={detail.offence.key} catalogue={choices} onChange={(n) => setOffence(n.offence)} />
      <section aria-labelledby="figures-heading">
        <SectionHeading
          id="figures-heading"
          actions={
            latest ? (
              <MunicipalityExportLinks
                year={latest.year}
                offence={detail.offence.key}
                districtAgs={m.districtAgs}
                what={t('municipality.exportWhat', { district })}
              />
            ) : undefined
          }
        >
          {t('district.figuresTitle', { year: latest?.year ?? detail.latestYear, offence: detail.offence.name })}
        </SectionHeading>
        {latest ? (
          <>
            {latest.fictional ? (
              <Callout tone="warning" title={t('municipality.fictionalTitle')}>
                {t('municipality.fictionalText')}
              </Callout>
            ) : null}
            <KeyFigures items={figuresOf(detail, latest, rank, t)} />
            <Text size="sm" mt="xs">
              {t('municipality.sourceOf', { source: latest.sourceLabel, year: latest.year })}
            </Text>
          </>
        ) : (
          <Callout tone="neutral">{t('municipality.noFiguresForKey', { offence: detail.offence.name, year: detail.latestYear })}</Callout>
        )}
        <AttributionNote notes={detail.attribution} />
      </section>
      {latest ? <MunicipalitySeriesSection detail={detail} /> : null}
      {latest ? <MunicipalityComparisonSection detail={detail} point={latest} /> : null}
      {detail.offences.length ? (
        <section aria-labelledby="offences-heading">
          <SectionHeading id="offences-heading">{t('district.offencesTitle', { year: detail.latestYear })}</SectionHeading>
          <OffencesTable
            offences={detail.offences}
            current={detail.offence.key}
            caption={t('district.offencesCaption', { name: m.name, year: detail.latestYear })}
            hrefOf={(key) => CRIME_PATHS.municipality(m.ags, key)}
          />
          <AttributionNote notes={detail.attribution} />
        </section>
      ) : null}
    </>
  );
}

/** A municipality's crime figures (state police figures, compared with the BKA's district and state figures). */
export function MunicipalityCrimePage() {
  const t = useCrimeStatsT();
  const { ags = '' } = useParams();
  const [params, setParams] = useIndicatorParams();
  const query = useMunicipalityCrimeDetail(ags, params.offence);
  const m = query.data?.municipality;
  const status = query.isError && query.error instanceof ApiError ? query.error.status : null;
  const back = (
    <Group gap="md">
      {m ? (
        <Anchor component={Link} to={CRIME_PATHS.district(m.districtAgs, params.offence)}>
          {t('municipality.toDistrict', { district: m.districtName ?? m.districtAgs })}
        </Anchor>
      ) : null}
      <Anchor component={Link} to={CRIME_PATHS.overview}>
        {t('district.back')}
      </Anchor>
    </Group>
  );
  return (
    <>
      <PageHeader
        title={m?.name ?? t('municipality.titleFallback', { ags })}
        intro={m ? t('municipality.intro', { name: m.name, ags: m.ags, district: m.districtName ?? m.districtAgs }) : undefined}
        actions={back}
      />
      {query.isPending ? (
        <Loading />
      ) : status === 404 || status === 400 ? (
        <Callout tone="neutral">{t('municipality.notFound')}</Callout>
      ) : status === 403 ? (
        <Callout tone="neutral">{t('municipality.outOfScope')}</Callout>
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <MunicipalityBody detail={query.data} setOffence={(offence) => setParams({ offence })} />
      )}
    </>
  );
}
