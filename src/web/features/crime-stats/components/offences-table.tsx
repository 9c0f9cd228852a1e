import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { DistrictDetail } from '../../../../shared/crime-stats.schema.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { CRIME_PATHS } from '../api.ts';
import { num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';

/** Every offence key of the district in the latest year; a name shows that key's figures and charts. */
export function OffencesTable({ detail }: { detail: DistrictDetail }) {
  const t = useCrimeStatsT();
  const caption = t('district.offencesCaption', { name: detail.district.name, year: detail.latestYear ?? '' });
  return (
    <TableFrame label={caption} minWidth={760}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.key')}</Table.Th>
            <Table.Th scope="col">{t('columns.offence')}</Table.Th>
            <Table.Th scope="col" className="num">{t('columns.cases')}</Table.Th>
            <Table.Th scope="col" className="num">{t('columns.hz')}</Table.Th>
            <Table.Th scope="col" className="num">{t('columns.clearanceRate')}</Table.Th>
            <Table.Th scope="col" className="num">{t('columns.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.offences.map((o) => (
            <Table.Tr key={o.key} data-key={o.key} aria-current={o.key === detail.offence.key ? 'true' : undefined}>
              <Table.Td ff="monospace">{o.key}</Table.Td>
              <Table.Th scope="row" fw={o.summary ? 700 : 400} style={{ whiteSpace: 'normal', minWidth: '16rem', position: 'relative' }}>
                {o.key === detail.offence.key ? o.name : (
                  <Anchor component={Link} to={CRIME_PATHS.district(detail.district.ags, o.key)} fw="inherit">{o.name}</Anchor>
                )}
                {o.summary ? <span className="visually-hidden"> ({t('district.summaryKey')})</span> : null}
              </Table.Th>
              <Table.Td className="num">{num(o.cases)}</Table.Td>
              <Table.Td className="num">{num(o.hz)}</Table.Td>
              <Table.Td className="num">{pct(o.clearanceRate)}</Table.Td>
              <Table.Td className="num">{signedPct(o.changeCasesPct)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
