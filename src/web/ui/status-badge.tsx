import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

// Mantine's green/orange shades fall below 4.5:1 at badge size; these are dark enough on any row colour.
const TONES = { ok: '#1e6b30', warning: '#a33b06', neutral: '#495057' } as const;

/** A small outlined status label (active, deactivated, password pending …). */
export function StatusBadge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <Badge variant="outline" color={TONES[tone]} tt="none" fw={600}>
      {children}
    </Badge>
  );
}
