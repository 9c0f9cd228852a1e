import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { AllianceStatusBadge } from './alliance-status-badge.tsx';
import type { MapRow } from './map-rows.ts';

/** Draws a municipality's name as a link to its record (the app passes its router's link). */
export type NameLink = (href: string, name: string) => ReactNode;

/**
 * The map's table alternative: every municipality with its status in words. The table itself does
 * not import the router, so the public page (an entry without one, decision 020) can show it.
 */
export function StatusTable({ rows, caption, nameLink }: { rows: readonly MapRow[]; caption: string; nameLink?: NameLink }) {
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
                {r.href === null ? r.name : nameLink ? nameLink(r.href, r.name) : <Anchor href={r.href}>{r.name}</Anchor>}
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
