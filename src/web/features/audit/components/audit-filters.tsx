import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditQuerySchema } from '../../../../shared/audit.schema.ts';
import type { ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { auditActionLabel } from '../../../../shared/audit-labels.ts';
import { UserPicker } from '../../users/index.ts';
import { type AuditFilter, useAuditFacets } from '../api.ts';
import { inputReport } from '../../../ui/form-support.tsx';

export type AuditFilterForm = Record<'entityType' | 'entityId' | 'actorUserId' | 'action' | 'from' | 'to', string>;
export const EMPTY_AUDIT_FILTER: AuditFilterForm = { entityType: '', entityId: '', actorUserId: '', action: '', from: '', to: '' };

/** The form values as API filter, or field errors. */
export function parseAuditFilter(form: AuditFilterForm): { filter: AuditFilter } | { errors: Record<string, string> } {
  const raw = Object.fromEntries(
    Object.entries(form)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const { page: _page, pageSize: _size, ...filter } = parsed.data;
  return { filter };
}

export function AuditFilters({ value, onApply }: { value: AuditFilterForm; onApply(form: AuditFilterForm): void }) {
  const { t, i18n } = useTranslation();
  const facets = useAuditFacets();
  const [form, setForm] = useState(value);
  const [report, setReport] = useState<ErrorReport | null>(null);
  useEffect(() => setForm(value), [value]);

  const ids = {
    entityType: 'audit-entity-type',
    entityId: 'audit-entity-id',
    actorUserId: 'audit-actor',
    action: 'audit-action',
    from: 'audit-from',
    to: 'audit-to',
  };
  const label = (k: keyof AuditFilterForm) => t(`audit.filters.${k}`);
  const fields = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, { id, label: label(k as keyof AuditFilterForm) }]));
  const set = (k: keyof AuditFilterForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = parseAuditFilter(form);
    if ('errors' in result) {
      setReport(inputReport(result.errors));
      return;
    }
    setReport(null);
    onApply(form);
  }

  // The choices are what the trail holds (a value from the address stays choosable).
  const options = (values: readonly string[], current: string, labelOf: (v: string) => string) => [
    { value: '', label: t('audit.filters.any') },
    ...[...new Set([...values, ...(current ? [current] : [])])]
      .map((v) => ({ value: v, label: labelOf(v) }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
  ];
  const entityLabel = (v: string) => (i18n.exists(`audit.entities.${v}`) ? (t(`audit.entities.${v}` as never) as string) : v);
  const actionLabel = (v: string) => auditActionLabel(v, i18n.language);

  return (
    <form onSubmit={submit} noValidate role="search" aria-label={t('audit.filters.label')}>
      <ErrorSummary report={report} fields={fields} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="sm">
        <NativeSelect
          id={ids.entityType}
          label={label('entityType')}
          data={options(facets.data?.entityTypes ?? [], form.entityType, entityLabel)}
          value={form.entityType}
          onChange={set('entityType')}
        />
        <TextInput
          id={ids.entityId}
          label={label('entityId')}
          value={form.entityId}
          onChange={set('entityId')}
          error={report?.fields.entityId}
        />
        <NativeSelect
          id={ids.action}
          label={label('action')}
          data={options(facets.data?.actions ?? [], form.action, actionLabel)}
          value={form.action}
          onChange={set('action')}
        />
        <UserPicker
          id={ids.actorUserId}
          label={label('actorUserId')}
          value={form.actorUserId ? Number(form.actorUserId) : null}
          onChange={(id) => setForm({ ...form, actorUserId: id === null ? '' : String(id) })}
          error={report?.fields.actorUserId}
        />
        <TextInput id={ids.from} label={label('from')} type="date" value={form.from} onChange={set('from')} error={report?.fields.from} />
        <TextInput id={ids.to} label={label('to')} type="date" value={form.to} onChange={set('to')} error={report?.fields.to} />
      </SimpleGrid>
      <Group gap="sm" mb="lg">
        <Button type="submit">{t('audit.filters.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setForm(EMPTY_AUDIT_FILTER);
            setReport(null);
            onApply(EMPTY_AUDIT_FILTER);
          }}
        >
          {t('audit.filters.reset')}
        </Button>
      </Group>
    </form>
  );
}
