import { Anchor, Table } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DistrictIndicator } from '../../../../shared/crime-stats.schema.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { CRIME_PATHS } from '../api.ts';
import { districtLabel, districtTypeLabel, duplicateNames, num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { useFigureSort } from '../use-figure-sort.tsx';

type Column = 'cases' | 'hz' | 'clearanceRate' | 'changeCasesPct' | 'rankInState';

/** Every district's figures: the map's table alternative, sortable by keyboard, each name linking to the district page. */
export function DistrictTable({ items, caption, offence }: { items: readonly DistrictIndicator[]; caption: string; offence: string }) {
  const t = useCrimeStatsT();
  const dup = useMemo(() => duplicateNames(items), [items]);
  const { rows, header } = useFigureSort<DistrictIndicator, Column>(items, 'rankInState');
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
                <Anchor component={Link} to={CRIME_PATHS.district(d.ags, offence)}>
                  {districtLabel(d, dup.has(d.name))}
                </Anchor>
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
