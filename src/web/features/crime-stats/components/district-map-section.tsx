import { Paper, Stack } from '@mantine/core';
import { useId, useMemo } from 'react';
import type { DistrictIndicators } from '../../../../shared/crime-stats.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote, useMapPayload } from '../../territory/index.ts';
import { districtLabel, duplicateNames, num } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { DistrictMap } from './district-map.tsx';
import { DistrictTable } from './district-table.tsx';
import { classOf, colourOf } from './map-classes.ts';
import { MapLegend } from './map-legend.tsx';
import { SectionHeading } from './section-heading.tsx';

/** One sentence on what the map shows: the state's and Germany's HZ, the highest and lowest district. */
function useSummary(data: DistrictIndicators): string {
  const t = useCrimeStatsT();
  const dup = duplicateNames(data.items);
  const withHz = data.items.filter((i) => i.hz !== null).sort((a, b) => b.hz! - a.hz!);
  const highest = withHz[0];
  const lowest = withHz[withHz.length - 1];
  if (!highest || !lowest) return t('common.noData');
  return t('overview.summary', {
    offence: data.offence.name,
    year: data.year,
    stateHz: num(data.stateHz),
    nationalHz: num(data.nationalHz),
    highest: districtLabel(highest, dup.has(highest.name)),
    highestHz: num(highest.hz),
    lowest: districtLabel(lowest, dup.has(lowest.name)),
    lowestHz: num(lowest.hz),
  });
}

function MapFigure({ data, summaryId }: { data: DistrictIndicators; summaryId: string }) {
  const t = useCrimeStatsT();
  const payload = useMapPayload();
  const byAgs = useMemo(() => new Map(data.items.map((i) => [i.ags, i])), [data.items]);
  const dup = useMemo(() => duplicateNames(data.items), [data.items]);
  const counts = useMemo(() => {
    const c = Array.from({ length: data.classBreaks.length + 1 }, () => 0);
    let none = 0;
    for (const i of data.items) {
      const k = classOf(i.hz, data.classBreaks);
      if (k === null) none++;
      else c[k]!++;
    }
    return { c, none };
  }, [data]);
  if (payload.isPending) return <Loading />;
  if (payload.isError) {
    if (payload.error instanceof ApiError && payload.error.status === 404)
      return <Callout tone="neutral">{t('overview.mapNoBoundaries')}</Callout>;
    return <LoadError error={payload.error} onRetry={() => void payload.refetch()} />;
  }
  const styleOf = (ags: string) => {
    const d = byAgs.get(ags);
    const cls = classOf(d?.hz ?? null, data.classBreaks);
    const name = d ? districtLabel(d, dup.has(d.name)) : ags;
    return {
      fill: colourOf(cls, data.classBreaks),
      category: cls === null ? 'none' : String(cls),
      title:
        d && d.hz !== null ? t('overview.mapShape', { name, hz: num(d.hz), cases: num(d.cases) }) : t('overview.mapShapeNoData', { name }),
    };
  };
  return (
    <>
      <DistrictMap
        payload={payload.data}
        styleOf={styleOf}
        label={t('overview.mapLabel', { offence: data.offence.name, year: data.year })}
        describedBy={summaryId}
      />
      <MapLegend breaks={data.classBreaks} counts={counts.c} noData={counts.none} />
      <AttributionNote notes={[...data.attribution, ...payload.data.attribution]} links={payload.data.attributionLinks} />
    </>
  );
}

/**
 * The choropleth of HZ by district with what makes it accessible: a text summary, a legend in
 * words, and the sortable table of every district as its keyboard-usable alternative.
 */
export function DistrictMapSection({ data }: { data: DistrictIndicators }) {
  const t = useCrimeStatsT();
  const summaryId = useId();
  const summary = useSummary(data);
  return (
    <>
      <section aria-labelledby="crime-map-heading">
        <SectionHeading id="crime-map-heading">{t('overview.mapTitle')}</SectionHeading>
        <p id={summaryId}>{summary}</p>
        <Paper withBorder p={{ base: 'xs', sm: 'md' }} radius="md" bg="white">
          <Stack gap="sm">
            <MapFigure data={data} summaryId={summaryId} />
          </Stack>
        </Paper>
      </section>
      <section aria-labelledby="crime-table-heading">
        <SectionHeading id="crime-table-heading">{t('overview.tableTitle')}</SectionHeading>
        <DistrictTable
          items={data.items}
          offence={data.offence.key}
          caption={t('overview.tableCaption', { offence: data.offence.name, year: data.year })}
        />
        <AttributionNote notes={data.attribution} />
      </section>
    </>
  );
}
