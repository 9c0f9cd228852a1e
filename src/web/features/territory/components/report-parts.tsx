import { List, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';

/** Counts of a change report as a description list of small cards. */
export function CountList({ items }: { items: [string, number][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" m={0} mb="md">
      {items.map(([label, n]) => (
        <div key={label} className="count-item">
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={700} fz="xl">
            {formatNumber(n)}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** A list of changed entries, collapsed; shown only when it has entries. */
export function ChangeList<T>({ title, items, total, render }: { title: string; items: T[]; total?: number; render(item: T): ReactNode }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const n = total ?? items.length;
  return (
    <details>
      <summary>
        {title} ({formatNumber(n)})
      </summary>
      <List size="sm" spacing={2} mb="sm">
        {items.map((item, i) => (
          <List.Item key={i}>{render(item)}</List.Item>
        ))}
      </List>
      {n > items.length ? <Text size="sm">{t('imports.report.more', { count: n - items.length })}</Text> : null}
    </details>
  );
}

/** A warning with its entries (e.g. boundaries without a directory entry). */
export function WarningList<T>({ title, items, render }: { title: string; items: T[]; render(item: T): ReactNode }) {
  if (!items.length) return null;
  return (
    <Callout tone="warning" title={`${title} (${formatNumber(items.length)})`}>
      <List size="sm" spacing={2}>
        {items.slice(0, 50).map((item, i) => (
          <List.Item key={i}>{render(item)}</List.Item>
        ))}
      </List>
      {items.length > 50 ? <Text size="sm">…</Text> : null}
    </Callout>
  );
}

/** The headline of a report: a preview, saved, or nothing to change. */
export function ReportState({ dryRun, changed }: { dryRun: boolean; changed: boolean }) {
  const { t } = useTranslation();
  if (dryRun)
    return (
      <Callout tone="info" title={t('imports.report.previewTitle')}>
        {changed ? t('imports.report.previewChanges') : t('imports.report.previewNoChanges')}
      </Callout>
    );
  return (
    <Callout tone="success" title={changed ? t('imports.report.savedTitle') : t('imports.report.unchangedTitle')}>
      {changed ? t('imports.report.savedText') : t('imports.report.unchangedText')}
    </Callout>
  );
}
