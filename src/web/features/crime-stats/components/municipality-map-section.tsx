import { Paper, Stack } from '@mantine/core';
import { useId, useMemo } from 'react';
import type { MunicipalityIndicators } from '../../../../shared/crime-stats.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote, MunicipalityMap, useMapPayload } from '../../territory/index.ts';
import { num } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { classOf, colourOf } from './map-classes.ts';
import { MapLegend } from './map-legend.tsx';
import { MunicipalityTable } from './municipality-table.tsx';
import { SectionHeading } from './section-heading.tsx';

/** One sentence on the municipal map: how many municipalities have figures, the highest and lowest HZ. */
function summaryOf(data: MunicipalityIndicators, t: ReturnType<typeof useCrimeStatsT>): string {
  const withHz = data.items.filter((i) => i.hz !== null).sort((a, b) => b.hz! - a.hz!);
  const highest = withHz[0];
  const lowest = withHz[withHz.length - 1];
  if (!highest || !lowest) return t('municipalMap.none', { offence: data.offence.name, year: data.year ?? '' });
  return t('municipalMap.summary', {
    offence: data.offence.name,
    year: data.year,
    count: data.total,
    highest: highest.name,
    highestHz: num(highest.hz),
    lowest: lowest.name,
    lowestHz: num(lowest.hz),
  });
}

function MapFigure({ data, summaryId }: { data: MunicipalityIndicators; summaryId: string }) {
  const t = useCrimeStatsT();
  const payload = useMapPayload();
  const byAgs = useMemo(() => new Map(data.items.map((i) => [i.ags, i])), [data.items]);
  const counts = useMemo(() => {
    const c = Array.from({ length: data.classBreaks.length + 1 }, () => 0);
    for (const i of data.items) {
      const k = classOf(i.hz, data.classBreaks);
      if (k !== null) c[k]!++;
    }
    return c;
  }, [data]);
  // Municipalities of the map without figures are drawn grey; the legend counts them too.
  const noData = useMemo(() => {
    const objects = (
      payload.data?.topology as { objects?: Record<string, { geometries?: { properties?: { ags?: string } }[] }> } | undefined
    )?.objects;
    return (objects?.municipalities?.geometries ?? []).filter((g) => {
      const d = byAgs.get(g.properties?.ags ?? '');
      return !d || d.hz === null;
    }).length;
  }, [payload.data, byAgs]);
  if (payload.isPending) return <Loading />;
  if (payload.isError) {
    if (payload.error instanceof ApiError && payload.error.status === 404)
      return <Callout tone="neutral">{t('municipalMap.noBoundaries')}</Callout>;
    return <LoadError error={payload.error} onRetry={() => void payload.refetch()} />;
  }
  const styleOf = (ags: string) => {
    const d = byAgs.get(ags);
    const cls = classOf(d?.hz ?? null, data.classBreaks);
    return {
      fill: colourOf(cls, data.classBreaks),
      category: cls === null ? 'none' : String(cls),
      title:
        d && d.hz !== null
          ? t('overview.mapShape', { name: d.name, hz: num(d.hz), cases: num(d.cases) })
          : t('municipalMap.shapeNoData', { ags }),
    };
  };
  return (
    <>
      <MunicipalityMap
        payload={payload.data}
        styleOf={styleOf}
        label={t('municipalMap.label', { offence: data.offence.name, year: data.year })}
        describedBy={summaryId}
      />
      <MapLegend breaks={data.classBreaks} counts={counts} noData={noData} unit="municipalities" />
      <AttributionNote notes={data.attribution} />
      {/* The boundaries' notes on their own line: links among longer text would need underlining. */}
      <AttributionNote notes={payload.data.attribution} links={payload.data.attributionLinks} />
    </>
  );
}

/**
 * The choropleth of HZ by municipality, where the state police's figures exist (the others stay
 * grey), with its summary, legend and the sortable table of every municipality with figures.
 */
export function MunicipalityMapSection({ data }: { data: MunicipalityIndicators }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  return (
    <>
      <section aria-labelledby="crime-map-heading">
        <SectionHeading id="crime-map-heading">{t('municipalMap.title')}</SectionHeading>
        <p id={summaryId}>{summaryOf(data, t)}</p>
        <Paper withBorder p={{ base: 'xs', sm: 'md' }} radius="md" bg="white">
          <Stack gap="sm">
            <MapFigure data={data} summaryId={summaryId} />
          </Stack>
        </Paper>
      </section>
      <section aria-labelledby="crime-table-heading">
        <SectionHeading id="crime-table-heading">{t('municipalMap.tableTitle')}</SectionHeading>
        {data.items.length ? (
          <MunicipalityTable
            items={data.items}
            offence={data.offence.key}
            showDistrict
            caption={t('municipalMap.tableCaption', { offence: data.offence.name, year: data.year })}
          />
        ) : (
          <Callout tone="neutral">{t('municipalMap.none', { offence: data.offence.name, year: data.year ?? '' })}</Callout>
        )}
        <AttributionNote notes={data.attribution} />
      </section>
    </>
  );
}
