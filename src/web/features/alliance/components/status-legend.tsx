import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MunicipalityStatus } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { STATUS_COLOURS, STATUS_ORDER, statusLabel } from '../status-style.ts';

/** The map legend: each status's colour, name and count, as a list. */
export function StatusLegend({ counts }: { counts: Map<MunicipalityStatus, number> }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={600} id="map-legend-title" mb={4}>
        {t('alliance.map.legend')}
      </Text>
      <Group component="ul" aria-labelledby="map-legend-title" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
        {STATUS_ORDER.map((s) => (
          <Group component="li" key={s} gap={6} wrap="nowrap" data-status={s}>
            <span className="legend-swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
            <Text size="sm">
              {statusLabel(s)} ({formatNumber(counts.get(s) ?? 0)})
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
