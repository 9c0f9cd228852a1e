import { Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A bordered frame that scrolls a wide table sideways on small screens. The scroll region is
 * named and focusable, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function TableFrame({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer type="native" minWidth={minWidth} tabIndex={0} role="region" aria-label={label}>
        {children}
      </Table.ScrollContainer>
    </Paper>
  );
}
