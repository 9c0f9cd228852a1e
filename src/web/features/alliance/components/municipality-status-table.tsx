import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MunicipalityStatusRow } from '../../../../shared/alliance.schema.ts';
import { PATHS } from '../../../app/navigation.ts';
import { SortableHeader, type SortOrder } from '../../../ui/sortable-header.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import type { StatusSort } from '../api.ts';
import { AllianceStatusBadge } from './alliance-status-badge.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** The municipality list: status, rank and first agreement; names link to the record where the user may open it. */
export function MunicipalityStatusTable(props: {
  items: MunicipalityStatusRow[];
  sort: StatusSort;
  order: SortOrder;
  onSort(sort: StatusSort, order: SortOrder): void;
}) {
  const { t } = useTranslation();
  const header = (column: StatusSort, label: string) => (
    <SortableHeader column={column} label={label} sort={props.sort} order={props.order} onSort={props.onSort} />
  );
  const caption = t('alliance.list.caption');
  return (
    <TableFrame label={caption} minWidth={880}>
      <Table striped highlightOnHover className="data-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('ags', t('alliance.columns.ags'))}
            {header('name', t('alliance.columns.name'))}
            {header('district', t('alliance.columns.district'))}
            <Table.Th>{t('alliance.columns.directorate')}</Table.Th>
            {header('status', t('alliance.columns.status'))}
            {header('rank', t('alliance.columns.rank'))}
            {header('firstAgreementSignedOn', t('alliance.columns.firstAgreement'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((m) => (
            <Table.Tr key={m.ags}>
              <Table.Td ff="monospace">{m.ags}</Table.Td>
              <Table.Td>
                {m.canSeeDetail ? (
                  <Anchor component={Link} to={PATHS.municipality(m.ags)}>
                    {m.name}
                  </Anchor>
                ) : (
                  m.name
                )}
              </Table.Td>
              <Table.Td>{m.districtName}</Table.Td>
              <Table.Td>{m.directorateName ?? '–'}</Table.Td>
              <Table.Td>
                <AllianceStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td ta="right">{m.rank === null ? '–' : t('alliance.list.rankValue', { rank: m.rank })}</Table.Td>
              <Table.Td>{formatDate(m.firstAgreementSignedOn, currentLanguage())}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
