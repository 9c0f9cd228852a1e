import { Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A bordered frame that scrolls a wide table sideways on small screens. The scroll region is
 * named and focusable, so keyboard users can scroll it too (WCAG 2.1.1). With maxHeight a long
 * table scrolls inside the frame as well.
 */
export function TableFrame({
  label,
  minWidth,
  maxHeight,
  children,
}: {
  label: string;
  minWidth: number;
  maxHeight?: number | string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer type="native" minWidth={minWidth} maxHeight={maxHeight} tabIndex={0} role="region" aria-label={label}>
        {children}
      </Table.ScrollContainer>
    </Paper>
  );
}
