import { useMemo, useState } from 'react';
import { type SortOrder, SortableHeader } from '../../ui/sortable-header.tsx';

type Row = { name: string; ags: string };

/**
 * Sorting of a figures table (districts or municipalities) by name or by a numeric column:
 * names in German order, missing figures last in either order. Returns the sorted rows and a
 * sortable column header (keyboard-operable, with aria-sort).
 */
export function useFigureSort<T extends Row, C extends Exclude<Extract<keyof T, string>, 'name'>>(
  items: readonly T[],
  initial: 'name' | C,
) {
  const [sort, setSort] = useState<'name' | C>(initial);
  const [order, setOrder] = useState<SortOrder>('asc');
  const rows = useMemo(
    () =>
      [...items].sort((a, b) => {
        if (sort === 'name') {
          const c = a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags);
          return order === 'asc' ? c : -c;
        }
        const x = (a[sort] as number | null | undefined) ?? null;
        const y = (b[sort] as number | null | undefined) ?? null;
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return order === 'asc' ? x - y : y - x;
      }),
    [items, sort, order],
  );
  const header = (column: 'name' | C, label: string) => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      order={order}
      onSort={(c, o) => {
        setSort(c);
        setOrder(o);
      }}
    />
  );
  return { rows, header };
}
