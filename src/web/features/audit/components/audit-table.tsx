import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/audit.schema.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { auditActionLabel } from '../../../../shared/audit-labels.ts';
import { formatDateTime } from '../../../../shared/time.ts';

/** Names of the top-level fields that differ between before and after. */
function changedFields(entry: AuditEntry): string[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object') return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function Details({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  // Field names of user records read as the user form labels them; others stay as stored.
  const fieldLabel = (k: string) =>
    entry.entityType === 'user' && i18n.exists(`users.fields.${k}`) ? (t(`users.fields.${k}` as never) as string) : k;
  if (entry.before === null && entry.after === null) return <Text size="sm">–</Text>;
  const changed = entry.before !== null && entry.after !== null ? changedFields(entry) : [];
  return (
    <details>
      <summary>{changed.length ? t('audit.changed', { fields: changed.map(fieldLabel).join(', ') }) : t('audit.details')}</summary>
      <Code block className="audit-json">
        {JSON.stringify(
          entry.before !== null && entry.after !== null ? { before: entry.before, after: entry.after } : (entry.after ?? entry.before),
          null,
          2,
        )}
      </Code>
    </details>
  );
}

export function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const entityLabel = (key: string) => (i18n.exists(`audit.entities.${key}`) ? (t(`audit.entities.${key}` as never) as string) : key);
  return (
    <TableFrame label={t('audit.caption')} minWidth={760}>
      <Table striped className="data-table" verticalSpacing="xs" bg="white">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.columns.at')}</Table.Th>
            <Table.Th>{t('audit.columns.actor')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.entity')}</Table.Th>
            <Table.Th>{t('audit.columns.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(e.at, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                {e.actorName ? (
                  <>
                    {e.actorName}
                    <Text size="xs" c="dimmed">
                      {e.actorLabel}
                    </Text>
                  </>
                ) : e.actorLabel === 'system' ? (
                  t('audit.system')
                ) : (
                  e.actorLabel
                )}
              </Table.Td>
              <Table.Td>{auditActionLabel(e.action, i18n.language)}</Table.Td>
              <Table.Td>
                {entityLabel(e.entityType)} {e.entityId}
              </Table.Td>
              <Table.Td>
                <Details entry={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
