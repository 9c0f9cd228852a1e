import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { MunicipalityIndicators } from '../../../../shared/crime-stats.schema.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { CRIME_PATHS } from '../api.ts';
import { num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';
import { useFigureSort } from '../use-figure-sort.tsx';

type Item = MunicipalityIndicators['items'][number];
type Column = 'cases' | 'hz' | 'clearanceRate' | 'changeCasesPct' | 'rankInDistrict';

/** Municipality figures, sortable by keyboard, each name linking to the municipality page; demo figures are marked. */
export function MunicipalityTable({
  items,
  caption,
  offence,
  showDistrict = false,
}: {
  items: readonly Item[];
  caption: string;
  offence: string;
  showDistrict?: boolean;
}) {
  const t = useCrimeStatsT();
  const { rows, header } = useFigureSort<Item, Column>(items, 'name');
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
                <Anchor component={Link} to={CRIME_PATHS.municipality(m.ags, offence)}>
                  {m.name}
                </Anchor>
                {m.fictional ? (
                  <>
                    {' '}
                    <span className="demo-mark">{t('municipality.demoMark')}</span>
                  </>
                ) : null}
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
