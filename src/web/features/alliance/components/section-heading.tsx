import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** An h2 with actions (exports) beside it; the id lets a region or table point to it. */
export function SectionHeading({ id, children, actions }: { id?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm" mb="sm" mt="xl">
      <Title order={2} fz="xl" id={id}>
        {children}
      </Title>
      {actions}
    </Group>
  );
}
