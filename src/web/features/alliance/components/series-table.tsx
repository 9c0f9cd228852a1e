import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { breakable, figureLabel } from '../status-style.ts';
import { SERIES_KEYS } from './series-keys.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** Every value of the chart, month by month (the chart's text alternative). */
export function SeriesTable({ series }: { series: Series }) {
  const { t } = useTranslation();
  const caption = t('alliance.series.tableCaption');
  return (
    <TableFrame label={caption} minWidth={640}>
      <Table striped className="figure-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alliance.series.month')}</Table.Th>
            {SERIES_KEYS.map((k) => (
              <Table.Th key={k} scope="col" className="num">
                {breakable(figureLabel(k))}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.points.map((p) => (
            <Table.Tr key={p.month}>
              <Table.Th scope="row" fw={500}>
                {formatDate(p.at, currentLanguage())}
              </Table.Th>
              {SERIES_KEYS.map((k) => (
                <Table.Td key={k} className="num">
                  {formatNumber(p[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
