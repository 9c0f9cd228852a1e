import { Anchor, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { MunicipalityIndicators } from '../../../../shared/crime-stats.schema.ts';
import { type SortOrder, SortableHeader } from '../../../ui/sortable-header.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { CRIME_PATHS } from '../api.ts';
import { num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';

type Item = MunicipalityIndicators['items'][number];
type Column = 'name' | 'cases' | 'hz' | 'clearanceRate' | 'changeCasesPct' | 'rankInDistrict';

function compare(a: Item, b: Item, column: Column): number {
  if (column === 'name') return a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags);
  const x = a[column];
  const y = b[column];
  if (x === null && y === null) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
}

/** Municipality figures, sortable by keyboard, each name linking to the municipality page; demo figures are marked. */
export function MunicipalityTable({ items, caption, offence, showDistrict = false }: { items: readonly Item[]; caption: string; offence: string; showDistrict?: boolean }) {
  const t = useCrimeStatsT();
  const [sort, setSort] = useState<Column>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const rows = useMemo(() => [...items].sort((a, b) => {
    const c = compare(a, b, sort);
    const nullLast = sort !== 'name' && (a[sort] === null || b[sort] === null);
    return nullLast || order === 'asc' ? c : -c;
  }), [items, sort, order]);
  const header = (column: Column, label: string) => (
    <SortableHeader column={column} label={label} sort={sort} order={order} onSort={(c, o) => { setSort(c); setOrder(o); }} />
  );
  return (
    <TableFrame label={caption} minWidth={showDistrict ? 900 : 760}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('name', t('columns.municipality'))}
            {showDistrict ? <Table.Th scope="col">{t('columns.district')}</Table.Th> : null}
            {header('cases', t('columns.cases'))}
            {header('hz', t('columns.hz'))}
            {header('clearanceRate', t('columns.clearanceRate'))}
            {header('changeCasesPct', t('columns.change'))}
            {header('rankInDistrict', t('columns.rankInDistrict'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.ags} data-ags={m.ags}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={CRIME_PATHS.municipality(m.ags, offence)}>{m.name}</Anchor>
                {m.fictional ? <> <span className="demo-mark">{t('municipality.demoMark')}</span></> : null}
              </Table.Th>
              {showDistrict ? <Table.Td>{m.districtName ?? m.districtAgs}</Table.Td> : null}
              <Table.Td className="num">{num(m.cases)}</Table.Td>
              <Table.Td className="num">{num(m.hz)}</Table.Td>
              <Table.Td className="num">{pct(m.clearanceRate)}</Table.Td>
              <Table.Td className="num">{signedPct(m.changeCasesPct)}</Table.Td>
              <Table.Td className="num">{num(m.rankInDistrict)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
