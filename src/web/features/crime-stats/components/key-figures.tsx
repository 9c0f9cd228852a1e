import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface KeyFigure {
  key: string;
  label: string;
  value: string;
  hint?: ReactNode;
}

/** Key figures as a description list of cards: label, then the value. */
export function KeyFigures({ items }: { items: readonly KeyFigure[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" m={0} className="crime-figures">
      {items.map((f) => (
        <Paper key={f.key} withBorder p="sm" radius="md" data-figure={f.key}>
          <Text component="dt" size="sm" c="dimmed" lh={1.3}>
            {f.label}
          </Text>
          <Text component="dd" m={0} fz={26} fw={700} lh={1.2} c="#103563">
            {f.value}
            {f.hint ? (
              <Text component="span" display="block" size="xs" c="dimmed" fw={400}>
                {f.hint}
              </Text>
            ) : null}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
