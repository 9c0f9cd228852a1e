import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

const TONES = {
  info: { border: '#1a549f', background: '#e8f1fb' },
  success: { border: '#2b8a3e', background: '#ebfbee' },
  warning: { border: '#d9480f', background: '#fff4e6' },
  neutral: { border: '#868e96', background: '#f8f9fa' },
} as const;

/**
 * A highlighted message that is not an error: hints, empty states, confirmations, warnings.
 * Unlike Mantine's Alert it carries no role="alert"; errors use Alert, so only they interrupt.
 */
export function Callout({
  tone = 'info',
  title,
  children,
  mb = 'md',
}: {
  tone?: keyof typeof TONES;
  title?: string;
  children?: ReactNode;
  mb?: string;
}) {
  const c = TONES[tone];
  return (
    <Paper p="sm" pl="md" mb={mb} radius="sm" style={{ borderLeft: `4px solid ${c.border}`, background: c.background }}>
      {title ? (
        <Text fw={700} mb={children ? 4 : 0}>
          {title}
        </Text>
      ) : null}
      {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
    </Paper>
  );
}
