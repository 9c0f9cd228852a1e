import { Anchor, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../../shared/time.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { RESULTS_PATHS, useResultSurveys } from '../api.ts';
import { useSurveyResultsT } from '../i18n.ts';

const PAGE_SIZE = 25;

/**
 * The surveys whose results the user may read (police and the ministry: the closed ones of their
 * scope), searched by title, each linking to its results page.
 */
export function ResultSurveysPage() {
  const t = useSurveyResultsT();
  const { i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const query = useResultSurveys({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')} />
      <TextInput
        id="result-surveys-search"
        label={t('list.search')}
        value={search}
        maw={420}
        mb="md"
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="info" title={q ? t('list.noMatch') : t('list.empty')} />
      ) : (
        <>
          <TableFrame label={t('list.caption')} minWidth={640}>
            <Table striped>
              <Table.Caption>{t('list.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('list.survey')}</Table.Th>
                  <Table.Th scope="col">{t('list.municipalities')}</Table.Th>
                  <Table.Th scope="col">{t('list.fieldPeriod')}</Table.Th>
                  <Table.Th scope="col">{t('list.closedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={RESULTS_PATHS.results(s.id)}>
                        {s.title}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{s.municipalities.map((m) => m.name).join(', ')}</Table.Td>
                    <Table.Td>{`${date(s.fieldStart)} – ${date(s.fieldEnd)}`}</Table.Td>
                    <Table.Td>{s.closedOn ? date(s.closedOn) : t('list.notClosed')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={setPage} />
        </>
      )}
    </>
  );
}
