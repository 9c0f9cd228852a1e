import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../../ui/table-frame.tsx';

export interface LineError {
  line: number | null;
  field: string;
  message: string;
}

/** Splits "line 17: population" into line and field; other fields have no line. */
export function lineErrorOf(field: string, message: string): LineError {
  const m = /^line (\d+): (.*)$/.exec(field);
  return m ? { line: Number(m[1]), field: m[2]!, message } : { line: null, field, message };
}

/** The errors a rejected import file has, by line and field. */
export function ImportErrors({ errors }: { errors: LineError[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  const caption = t('imports.errors.caption');
  return (
    <TableFrame label={caption} minWidth={520} maxHeight="24rem">
      <Table striped className="data-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.errors.line')}</Table.Th>
            <Table.Th scope="col">{t('imports.errors.field')}</Table.Th>
            <Table.Th scope="col">{t('imports.errors.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.line ?? '–'}</Table.Td>
              <Table.Td ff="monospace">{e.field}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
