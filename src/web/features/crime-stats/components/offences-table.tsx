import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct, signedPct } from '../format.ts';
import { useCrimeStatsT } from '../i18n.ts';

export interface OffenceRow {
  key: string;
  name: string;
  summary: boolean;
  cases: number;
  hz: number | null;
  clearanceRate: number | null;
  changeCasesPct: number | null;
}

/** Every offence key of a district or municipality in its latest year; a name shows that key's figures and charts. */
export function OffencesTable({
  offences,
  current,
  caption,
  hrefOf,
}: {
  offences: readonly OffenceRow[];
  current: string;
  caption: string;
  hrefOf(key: string): string;
}) {
  const t = useCrimeStatsT();
  return (
    <TableFrame label={caption} minWidth={760}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.key')}</Table.Th>
            <Table.Th scope="col">{t('columns.offence')}</Table.Th>
            <Table.Th scope="col" className="num">
              {t('columns.cases')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('columns.hz')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('columns.clearanceRate')}
            </Table.Th>
            <Table.Th scope="col" className="num">
              {t('columns.change')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {offences.map((o) => (
            <Table.Tr key={o.key} data-key={o.key} aria-current={o.key === current ? 'true' : undefined}>
              <Table.Td ff="monospace">{o.key}</Table.Td>
              <Table.Th scope="row" fw={o.summary ? 700 : 400} style={{ whiteSpace: 'normal', minWidth: '16rem', position: 'relative' }}>
                {o.key === current ? (
                  o.name
                ) : (
                  <Anchor component={Link} to={hrefOf(o.key)} fw="inherit">
                    {o.name}
                  </Anchor>
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
