import { Table, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type SortOrder = 'asc' | 'desc';

/** A column header that sorts the table; `aria-sort` tells screen readers the current order. */
export function SortableHeader<S extends string>(props: {
  column: S;
  label: string;
  sort: S;
  order: SortOrder;
  onSort(column: S, order: SortOrder): void;
}) {
  const { t } = useTranslation();
  const active = props.sort === props.column;
  const next: SortOrder = active && props.order === 'asc' ? 'desc' : 'asc';
  return (
    <Table.Th aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => props.onSort(props.column, next)}
        fw={700}
        fz="sm"
        aria-label={t('table.sortBy', { column: props.label })}
        style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}
      >
        {props.label}
        <span aria-hidden="true">{active ? (props.order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
