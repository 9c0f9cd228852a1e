import { Group, Text } from '@mantine/core';
import { figureLabel } from '../status-style.ts';
import { SERIES_KEYS, SERIES_STYLES } from './series-keys.ts';

/** The chart's legend as HTML (it wraps on small screens): a sample of each line and its name. */
export function SeriesLegend() {
  return (
    <Group component="ul" gap="md" m={0} p={0} mb="xs" style={{ listStyle: 'none' }}>
      {SERIES_KEYS.map((key, i) => {
        const s = SERIES_STYLES[i % SERIES_STYLES.length]!;
        return (
          <Group component="li" key={key} gap={6} wrap="nowrap">
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line x1="1" y1="5" x2="27" y2="5" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash || undefined} />
            </svg>
            <Text size="sm">{figureLabel(key)}</Text>
          </Group>
        );
      })}
    </Group>
  );
}
