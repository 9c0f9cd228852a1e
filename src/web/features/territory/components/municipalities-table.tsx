import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../../shared/territory.schema.ts';
import { SortableHeader, type SortOrder } from '../../../ui/sortable-header.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';

export type MunicipalitySort = 'name' | 'ags' | 'population' | 'district';

export function MunicipalitiesTable(props: { items: Municipality[]; sort: MunicipalitySort; order: SortOrder; onSort(sort: MunicipalitySort, order: SortOrder): void }) {
  const { t, i18n } = useTranslation();
  const header = (column: MunicipalitySort, label: string) => (
    <SortableHeader column={column} label={label} sort={props.sort} order={props.order} onSort={props.onSort} />
  );
  return (
    <TableFrame label={t('territory.caption')} minWidth={640}>
      <Table striped highlightOnHover className="data-table" bg="white">
        <caption className="visually-hidden">{t('territory.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('ags', t('territory.columns.ags'))}
            {header('name', t('territory.columns.name'))}
            {header('district', t('territory.columns.district'))}
            <Table.Th>{t('territory.columns.directorate')}</Table.Th>
            {header('population', t('territory.columns.population'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((m) => (
            <Table.Tr key={m.ags}>
              <Table.Td ff="monospace">{m.ags}</Table.Td>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{m.districtName}</Table.Td>
              <Table.Td>{m.directorateName ?? '–'}</Table.Td>
              <Table.Td ta="right">{m.population === null ? '–' : m.population.toLocaleString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
