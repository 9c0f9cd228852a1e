import { Group, Text } from '@mantine/core';
import { useId } from 'react';
import { formatNumber } from '../../../lib/format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { colourOf, NO_DATA_COLOUR } from './map-classes.ts';

/** The legend of the choropleth: each class's colour, range and number of districts (or municipalities), as a list. */
export function MapLegend({
  breaks,
  counts,
  noData,
  unit = 'districts',
}: {
  breaks: readonly number[];
  counts: readonly number[];
  noData: number;
  unit?: 'districts' | 'municipalities';
}) {
  const t = useCrimeStatsT();
  const countKey = unit === 'districts' ? 'overview.legendCount' : 'overview.legendCountMunicipalities';
  const titleId = useId();
  const classes = breaks.length + 1;
  const label = (c: number) => {
    if (breaks.length === 0) return '–';
    if (c === 0) return t('overview.legendBelow', { to: formatNumber(breaks[0]!) });
    if (c === classes - 1) return t('overview.legendFrom', { from: formatNumber(breaks[c - 1]!) });
    return t('overview.legendBetween', { from: formatNumber(breaks[c - 1]!), to: formatNumber(breaks[c]!) });
  };
  return (
    <div>
      <Text size="sm" fw={600} id={titleId} mb={4}>
        {t('overview.legend')}
      </Text>
      <Group component="ul" aria-labelledby={titleId} gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
        {Array.from({ length: classes }, (_, c) => (
          <Group component="li" key={c} gap={6} wrap="nowrap" data-class={c}>
            <span className="legend-swatch" style={{ background: colourOf(c, breaks) }} aria-hidden="true" />
            <Text size="sm">{t(countKey, { label: label(c), count: formatNumber(counts[c] ?? 0) })}</Text>
          </Group>
        ))}
        {noData > 0 ? (
          <Group component="li" gap={6} wrap="nowrap" data-class="none">
            <span className="legend-swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
            <Text size="sm">{t(countKey, { label: t('overview.legendNoData'), count: formatNumber(noData) })}</Text>
          </Group>
        ) : null}
      </Group>
    </div>
  );
}
