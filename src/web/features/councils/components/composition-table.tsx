import { Table } from '@mantine/core';
import type { Council } from '../../../../shared/councils.schema.ts';
import { ORGANISATION_TYPE_LABELS } from '../../../../shared/organisations.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useLabel } from '../../../ui/use-label.ts';
import { useCouncilsT } from '../i18n.ts';

/** A table of members by the institution type they represent (a council's, or statewide); the rows with members. */
export function CompositionRowsTable({ rows, caption }: { rows: Council['composition']; caption: string }) {
  const t = useCouncilsT();
  const label = useLabel();
  return (
    <TableFrame label={caption} minWidth={320}>
      <Table>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('composition.type')}</Table.Th>
            <Table.Th scope="col">{t('composition.members')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.type}>
              <Table.Th scope="row">
                {c.type === 'none' ? t('composition.noInstitution') : label(ORGANISATION_TYPE_LABELS[c.type])}
              </Table.Th>
              <Table.Td>{formatNumber(c.members, 0)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
