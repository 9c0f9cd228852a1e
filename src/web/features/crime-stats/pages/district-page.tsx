import { Anchor } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { DistrictDetail } from '../../../../shared/crime-stats.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote } from '../../territory/index.ts';
import { CRIME_PATHS, useDistrictDetail, useDistrictIndicators, useOffenceCatalogue } from '../api.ts';
import { ComparisonSection } from '../components/comparison-section.tsx';
import { DistrictMunicipalitiesSection } from '../components/district-municipalities-section.tsx';
import { IndicatorFilters } from '../components/indicator-filters.tsx';
import { type KeyFigure, KeyFigures } from '../components/key-figures.tsx';
import { OffencesTable } from '../components/offences-table.tsx';
import { SectionHeading } from '../components/section-heading.tsx';
import { SeriesSection } from '../components/series-section.tsx';
import { num, pct, signedPct } from '../format.ts';
import { type CrimeStatsT, useCrimeStatsT } from '../i18n.ts';
import { useIndicatorParams } from '../use-indicator-params.ts';
import '../crime-stats.css';

function figuresOf(d: DistrictDetail, t: CrimeStatsT, districtsInState: number | null): KeyFigure[] {
  const p = d.series[d.series.length - 1];
  if (!p) return [];
  return [
    { key: 'cases', label: t('district.cases'), value: num(p.cases) },
    { key: 'hz', label: t('district.hz'), value: num(p.hz), hint: t('district.hzHint') },
    { key: 'clearanceRate', label: t('district.clearanceRate'), value: pct(p.clearanceRate) },
    { key: 'change', label: t('district.change'), value: p.changeCasesPct === null ? t('common.changeNone') : signedPct(p.changeCasesPct) },
    {
      key: 'rank',
      label: t('district.rank'),
      value:
        p.rankInState === null
          ? '–'
          : districtsInState
            ? t('district.rankValue', { rank: p.rankInState, total: districtsInState })
            : String(p.rankInState),
      hint: t('district.rankHint'),
    },
    { key: 'stateHz', label: t('district.stateHz'), value: num(p.stateHz) },
    { key: 'nationalHz', label: t('district.nationalHz'), value: num(p.nationalHz) },
    {
      key: 'trend',
      label: t('district.trend'),
      value: d.trend5yPctPerYear === null ? t('district.trendNone') : t('district.trendValue', { value: signedPct(d.trend5yPctPerYear) }),
    },
  ];
}

function DistrictBody({ detail, offence, setOffence }: { detail: DistrictDetail; offence: string; setOffence(o: string): void }) {
  const t = useCrimeStatsT();
  const catalogue = useOffenceCatalogue();
  const latest = detail.series[detail.series.length - 1];
  const year = latest?.year ?? detail.latestYear ?? undefined;
  // The same query as the comparison below (cached): it knows how many districts the state has.
  const state = useDistrictIndicators({ year, offence: detail.offence.key }, { enabled: year !== undefined });
  return (
    <>
      <IndicatorFilters offence={offence} catalogue={catalogue.data} onChange={(n) => setOffence(n.offence)} />
      <section aria-labelledby="figures-heading">
        <SectionHeading id="figures-heading">
          {t('district.figuresTitle', { year: year ?? '', offence: detail.offence.name })}
        </SectionHeading>
        {latest ? (
          <KeyFigures items={figuresOf(detail, t, state.data?.districtsInState ?? null)} />
        ) : (
          <Callout tone="neutral">{t('district.notFound')}</Callout>
        )}
        <AttributionNote notes={detail.attribution} />
      </section>
      {detail.series.length ? <SeriesSection detail={detail} /> : null}
      {year ? <ComparisonSection ags={detail.district.ags} year={year} offence={detail.offence.key} /> : null}
      <DistrictMunicipalitiesSection
        districtAgs={detail.district.ags}
        districtName={detail.district.name}
        offence={detail.offence.key}
        offenceName={detail.offence.name}
      />
      {detail.latestYear ? (
        <section aria-labelledby="offences-heading">
          <SectionHeading id="offences-heading">{t('district.offencesTitle', { year: detail.latestYear })}</SectionHeading>
          <OffencesTable
            offences={detail.offences}
            current={detail.offence.key}
            caption={t('district.offencesCaption', { name: detail.district.name, year: detail.latestYear })}
            hrefOf={(key) => CRIME_PATHS.district(detail.district.ags, key)}
          />
          <AttributionNote notes={detail.attribution} />
        </section>
      ) : null}
    </>
  );
}

/** A district's crime figures: key figures, time series, comparison with the state's districts, every offence key. */
export function DistrictPage() {
  const t = useCrimeStatsT();
  const { ags = '' } = useParams();
  const [params, setParams] = useIndicatorParams();
  const query = useDistrictDetail(ags, params.offence);
  const name = query.data?.district.name;
  const notFound = query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
  return (
    <>
      <PageHeader
        title={name ?? t('district.titleFallback', { ags })}
        intro={name ? t('district.intro', { name, ags }) : undefined}
        actions={
          <Anchor component={Link} to={CRIME_PATHS.overview}>
            {t('district.back')}
          </Anchor>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : notFound ? (
        <Callout tone="neutral">{t('district.notFound')}</Callout>
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DistrictBody detail={query.data} offence={params.offence} setOffence={(offence) => setParams({ offence })} />
      )}
    </>
  );
}
