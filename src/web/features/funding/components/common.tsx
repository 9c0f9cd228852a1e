import { Group, Paper, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatEuro, parseEuroToCents } from '../../../../shared/funding.rules.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { useFundingT } from '../i18n.ts';
import '../funding.css';

/** Cents as "12.345,67 €" (German) or "€12,345.67" (English), without floating point. */
export const euro = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '–' : formatEuro(cents, currentLanguage());

/** The text a money field starts with for an amount in cents ("" for none). */
export const centsToInput = (cents: number | null | undefined): string => {
  if (cents === null || cents === undefined) return '';
  const whole = Math.trunc(cents / 100);
  const rest = cents % 100;
  return rest ? `${whole},${String(rest).padStart(2, '0')}` : String(whole);
};

/** Cents of a money field's text; null when empty or not an amount in whole cents. */
export const inputToCents = (text: string): number | null => parseEuroToCents(text);

/** A text field for an amount in euros (typed as "12.345,67"); the form converts it to cents. */
export function MoneyField(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  description?: string;
  required?: boolean;
  w?: number | string;
}) {
  const t = useFundingT();
  const invalid = props.value.trim() !== '' && inputToCents(props.value) === null;
  return (
    <TextInput
      id={props.id}
      label={props.label}
      description={props.description}
      required={props.required}
      inputMode="decimal"
      autoComplete="off"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? (invalid ? t('common.amountInvalid') : undefined)}
      rightSection="€"
      w={props.w ?? 200}
    />
  );
}

/** A bordered section with an h2 (its id lets links and regions point to it). */
export function Section({ id, title, actions, children }: { id: string; title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={`${id}-title`} id={id}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
        <Title order={2} fz="lg" id={`${id}-title`}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** A short confirmation after saving, announced politely. */
export function SavedStatus({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className="funding-saved">
      {message}
    </div>
  );
}

const STATUS_TONES: Record<string, 'ok' | 'warning' | 'neutral'> = {
  complete: 'ok',
  incomplete: 'warning',
  later: 'neutral',
  approved: 'ok',
  partly_approved: 'ok',
  closed: 'ok',
  rejected: 'warning',
  repayment_demanded: 'warning',
  draft: 'neutral',
  submitted: 'neutral',
  in_review: 'neutral',
};

/** A status label in the feature's wording. */
export function ToneBadge({ tone, children }: { tone: string; children: ReactNode }) {
  return <StatusBadge tone={STATUS_TONES[tone] ?? 'neutral'}>{children}</StatusBadge>;
}
