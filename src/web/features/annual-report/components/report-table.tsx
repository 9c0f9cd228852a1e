import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableFrame } from '../../../ui/table-frame.tsx';

/** A table with its caption, column headers and first column as row headers (the report has no chart without its table). */
export function ReportTable({ caption, header, rows }: { caption: string; header: string[]; rows: ReactNode[][] }) {
  return (
    <TableFrame label={caption} minWidth={Math.min(900, 160 * header.length)}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {header.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <Table.Th key={j} scope="row">
                    {c}
                  </Table.Th>
                ) : (
                  <Table.Td key={j}>{c}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
