import { SimpleGrid, Table, Text } from '@mantine/core';
import { formatNumber } from '../../../lib/format.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCrimeStatsT } from '../i18n.ts';

const MAX_WARNINGS = 100;

/** The counts of an import report as a definition list (label, number, a stable key for tests). */
export function ImportCounts({ items, columns }: { items: Array<[string, number, string]>; columns: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: columns }} spacing="xs" m={0} mb="md">
      {items.map(([label, n, key]) => (
        <div key={key} className="count-item" data-count={key}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={700} fz="xl">
            {formatNumber(n)}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** An import's warnings by line and field, folded away; the first 100 shown, the total named. */
export function ImportWarnings({
  warnings,
  total = warnings.length,
}: {
  warnings: ReadonlyArray<{ line: number | null; field: string; message: string }>;
  total?: number;
}) {
  const t = useCrimeStatsT();
  if (!warnings.length) return null;
  const shown = warnings.slice(0, MAX_WARNINGS);
  const caption = t('import.warningsCaption');
  return (
    <details>
      <summary>{t('import.warningsTitle', { count: formatNumber(total) })}</summary>
      <TableFrame label={caption} minWidth={520} maxHeight="24rem">
        <Table striped className="data-table" bg="white">
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.line')}</Table.Th>
              <Table.Th scope="col">{t('import.field')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((w, i) => (
              <Table.Tr key={i}>
                <Table.Td>{w.line ?? '–'}</Table.Td>
                <Table.Td>{w.field.replace(/^line \d+: /, '')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'normal' }}>{w.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      {total > shown.length ? (
        <Text size="sm" mt="xs">
          {t('import.warningsMore', { shown: shown.length, count: formatNumber(total) })}
        </Text>
      ) : null}
    </details>
  );
}
