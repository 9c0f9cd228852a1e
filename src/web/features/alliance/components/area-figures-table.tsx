import { Table } from '@mantine/core';
import type { Link } from 'react-router';
import type { FigureCounts, FigureKey } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { breakable, figureLabel, TABLE_FIGURE_KEYS } from '../status-style.ts';
import { FigureLink } from './figure-link.tsx';

export interface AreaRow extends FigureCounts {
  key: string;
  name: string;
}

/** The figures of each district or police directorate, one row per area. */
export function AreaFiguresTable({
  caption,
  areaLabel,
  rows,
  hrefOf,
  link,
  follow,
}: {
  caption: string;
  areaLabel: string;
  rows: AreaRow[];
  /** With it, each number links to the list of what it counts in its area (its drill-down). */
  hrefOf?: (key: FigureKey, row: AreaRow) => string;
  /** The app's router link for those links (a prop, so the public page loads no router). */
  link?: typeof Link;
  /** Without a router (the public page): how a link is followed in place. */
  follow?: (href: string) => void;
}) {
  return (
    <TableFrame label={caption} minWidth={900}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{areaLabel}</Table.Th>
            {TABLE_FIGURE_KEYS.map((k) => (
              <Table.Th key={k} scope="col" className="num">
                {breakable(figureLabel(k))}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.name}
              </Table.Th>
              {TABLE_FIGURE_KEYS.map((k) => (
                <Table.Td key={k} className="num">
                  {hrefOf && (link || follow) ? (
                    <FigureLink
                      href={hrefOf(k, r)}
                      link={link}
                      follow={follow}
                      label={`${formatNumber(r[k])} – ${figureLabel(k)}, ${r.name}`}
                    >
                      {formatNumber(r[k])}
                    </FigureLink>
                  ) : (
                    formatNumber(r[k])
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
