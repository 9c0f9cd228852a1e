import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Link } from 'react-router';
import type { FigureCounts, FigureKey } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { breakable, FIGURE_KEYS, figureLabel } from '../status-style.ts';
import { FigureLink } from './figure-link.tsx';

/**
 * The statewide figures as a description list of cards: label, then the number. With `hrefOf`
 * and the app's router link (or, on the public page, `follow`), each number links to the list of
 * what it counts (its drill-down); the router comes as a prop, so the public page loads none.
 */
export function FigureCards({
  counts,
  hrefOf,
  link,
  follow,
}: {
  counts: FigureCounts;
  hrefOf?: (key: FigureKey) => string;
  link?: typeof Link;
  /** Without a router (the public page): how a link is followed in place. */
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
            {hrefOf && (link || follow) ? (
              <FigureLink
                href={hrefOf(key)}
                link={link}
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
