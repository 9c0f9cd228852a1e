import { Anchor, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { DistrictIndicator } from '../../../../shared/crime-stats.schema.ts';
import { type SortOrder, SortableHeader } from '../../../ui/sortable-header.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { CRIME_PATHS } from '../api.ts';
import { districtLabel, districtTypeLabel, duplicateNames, num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';

type Column = 'name' | 'cases' | 'hz' | 'clearanceRate' | 'changeCasesPct' | 'rankInState';

function compare(a: DistrictIndicator, b: DistrictIndicator, column: Column): number {
  if (column === 'name') return a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags);
  const x = a[column];
  const y = b[column];
  // Missing values go last in either order.
  if (x === null && y === null) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
}

/** Every district's figures: the map's table alternative, sortable by keyboard, each name linking to the district page. */
export function DistrictTable({ items, caption, offence }: { items: readonly DistrictIndicator[]; caption: string; offence: string }) {
  const t = useCrimeStatsT();
  const [sort, setSort] = useState<Column>('rankInState');
  const [order, setOrder] = useState<SortOrder>('asc');
  const dup = useMemo(() => duplicateNames(items), [items]);
  const rows = useMemo(() => {
    return [...items].sort((a, b) => {
      const c = compare(a, b, sort);
      const nullLast = (sort !== 'name' && (a[sort] === null || b[sort] === null));
      return nullLast || order === 'asc' ? c : -c;
    });
  }, [items, sort, order]);
  const header = (column: Column, label: string) => (
    <SortableHeader column={column} label={label} sort={sort} order={order} onSort={(c, o) => { setSort(c); setOrder(o); }} />
  );
  return (
    <TableFrame label={caption} minWidth={760}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('name', t('columns.district'))}
            <Table.Th scope="col">{t('columns.districtType')}</Table.Th>
            {header('cases', t('columns.cases'))}
            {header('hz', t('columns.hz'))}
            {header('clearanceRate', t('columns.clearanceRate'))}
            {header('changeCasesPct', t('columns.change'))}
            {header('rankInState', t('columns.rank'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={d.ags} data-ags={d.ags}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={CRIME_PATHS.district(d.ags, offence)}>{districtLabel(d, dup.has(d.name))}</Anchor>
              </Table.Th>
              <Table.Td>{districtTypeLabel(d.districtType)}</Table.Td>
              <Table.Td className="num">{num(d.cases)}</Table.Td>
              <Table.Td className="num">{num(d.hz)}</Table.Td>
              <Table.Td className="num">{pct(d.clearanceRate)}</Table.Td>
              <Table.Td className="num">{signedPct(d.changeCasesPct)}</Table.Td>
              <Table.Td className="num">{num(d.rankInState)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

