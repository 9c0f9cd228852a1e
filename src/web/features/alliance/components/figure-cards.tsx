import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FigureCounts, FigureKey } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../ui/dates.ts';
import { breakable, FIGURE_KEYS, figureLabel } from '../status-style.ts';
import { FigureLink } from './figure-link.tsx';

/**
 * The statewide figures as a description list of cards: label, then the number. With `hrefOf`,
 * each number links to the list of what it counts (its drill-down).
 */
export function FigureCards({
  counts,
  hrefOf,
  follow,
}: {
  counts: FigureCounts;
  hrefOf?: (key: FigureKey) => string;
  /** Without a router (the public page): how a link is followed. */
  follow?: (href: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" m={0}>
      {FIGURE_KEYS.map((key) => (
        <Paper key={key} withBorder p="sm" radius="md" data-figure={key}>
          <Text component="dt" size="sm" c="dimmed" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
            {breakable(figureLabel(key))}
          </Text>
          <Text component="dd" m={0} fz={28} fw={700} lh={1.2} c="#103563">
            {hrefOf ? (
              <FigureLink
                href={hrefOf(key)}
                follow={follow}
                c="#103563"
                label={t('alliance.drillDown.showList', { count: formatNumber(counts[key]), figure: figureLabel(key) })}
              >
                {formatNumber(counts[key])}
              </FigureLink>
            ) : (
              formatNumber(counts[key])
            )}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
