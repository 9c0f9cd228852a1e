import { Anchor, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONTRADICTION_KIND_LABELS, type ContradictionKind } from '../../../../shared/consistency.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useLabel } from '../../../ui/use-label.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';
import { useConsistencyReport } from '../api.ts';

/** "Widersprüche": every contradiction across the modules, each naming its record and linking to it (decision 026). */
export function ContradictionsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const query = useConsistencyReport();

  return (
    <>
      <PageHeader
        title={t('consistency.title')}
        intro={t('consistency.intro')}
        actions={<DownloadLinks hrefOf={(format) => `/api/consistency/export?format=${format}`} what={t('consistency.exportWhat')} />}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="neutral">{t('consistency.none')}</Callout>
      ) : (
        <>
          <Text fw={600} role="status">
            {t('consistency.total', { count: query.data.total })}
          </Text>
          <List aria-label={t('consistency.summary')} mb="md">
            {Object.entries(query.data.byKind).map(([kind, n]) => (
              <List.Item key={kind}>
                {label(CONTRADICTION_KIND_LABELS[kind as ContradictionKind])}: {n}
              </List.Item>
            ))}
          </List>
          <TableFrame label={t('consistency.caption')} minWidth={760}>
            <Table striped className="data-table" verticalSpacing="xs" bg="white">
              <caption className="visually-hidden">{t('consistency.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('consistency.columns.kind')}</Table.Th>
                  <Table.Th scope="col">{t('consistency.columns.record')}</Table.Th>
                  <Table.Th scope="col">{t('consistency.columns.description')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((c) => {
                  const record = `${c.recordType} ${c.recordId}`;
                  return (
                    <Table.Tr key={`${c.kind}:${c.recordType}:${c.recordId}:${c.date ?? ''}`}>
                      <Table.Td>{label(CONTRADICTION_KIND_LABELS[c.kind])}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={c.link} aria-label={t('consistency.openRecord', { record })}>
                          {record}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{label(c)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </>
      )}
    </>
  );
}
