import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AllianceStatusBadge } from './alliance-status-badge.tsx';
import type { MapRow } from './map-rows.ts';

/** The map's table alternative: every municipality with its status in words. */
export function StatusTable({ rows, caption }: { rows: readonly MapRow[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableFrame label={caption} minWidth={560} maxHeight="32rem">
      <Table striped stickyHeader className="data-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alliance.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('alliance.columns.district')}</Table.Th>
            <Table.Th scope="col">{t('alliance.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('alliance.columns.inCollaboration')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.ags} data-ags={r.ags}>
              <Table.Th scope="row" fw={500}>
                {r.href ? (
                  <Anchor component={Link} to={r.href}>
                    {r.name}
                  </Anchor>
                ) : (
                  r.name
                )}
              </Table.Th>
              <Table.Td>{r.districtName}</Table.Td>
              <Table.Td>
                <AllianceStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.inCollaboration ? t('common.yes') : t('common.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
