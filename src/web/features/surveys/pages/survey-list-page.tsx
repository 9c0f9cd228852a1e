import { Anchor, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { SURVEY_STATUSES, type SurveyStatusName } from '../../../../shared/surveys.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { SortableHeader, type SortOrder } from '../../../ui/sortable-header.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { type SurveyListItem, surveyPaths, useSurveys } from '../api.ts';
import { statusLabel, SurveyStatusBadge } from '../components/survey-status.tsx';
import { useSurveysT } from '../i18n.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

const PAGE_SIZE = 20;
const DEFAULTS = { page: '1', q: '', status: '', sort: 'fieldStart', order: 'desc' };
const SORTS = ['title', 'status', 'fieldStart', 'responses'] as const;
type Sort = (typeof SORTS)[number];

const STATUS_ORDER: Record<SurveyStatusName, number> = { draft: 0, fieldwork: 1, closed: 2 };

function compare(a: SurveyListItem, b: SurveyListItem, sort: Sort): number {
  switch (sort) {
    case 'title':
      return a.title.localeCompare(b.title, 'de');
    case 'status':
      return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'responses':
      return a.responses - b.responses;
    default:
      return a.fieldStart.localeCompare(b.fieldStart);
  }
}

/** The surveys of the user's scope: search, status filter, sortable table with pages. */
export function SurveyListPage() {
  const t = useSurveysT();
  const [params, update] = useListParams(DEFAULTS);
  const [search, setSearch] = useState(params.q);
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() }), 300);
  const status = (SURVEY_STATUSES as readonly string[]).includes(params.status) ? (params.status as SurveyStatusName) : undefined;
  const sort: Sort = (SORTS as readonly string[]).includes(params.sort) ? (params.sort as Sort) : 'fieldStart';
  const order: SortOrder = params.order === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.page) || 1);
  const query = useSurveys({ status, q: params.q || undefined });

  const rows = useMemo(() => {
    const items = [...(query.data?.items ?? [])];
    items.sort((a, b) => (order === 'asc' ? 1 : -1) * compare(a, b, sort) || b.id - a.id);
    return items;
  }, [query.data, sort, order]);
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = !!(params.q || status);

  const header = (column: Sort, label: string) => (
    <SortableHeader column={column} label={label} sort={sort} order={order} onSort={(s, o) => update({ sort: s, order: o })} />
  );

  return (
    <>
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          <Button component={Link} to={surveyPaths.create}>
            {t('list.create')}
          </Button>
        }
      />
      <Group align="flex-start" mb="md" gap="md" role="search" aria-label={t('list.filters')}>
        <TextInput
          type="search"
          label={t('list.search')}
          value={search}
          w={{ base: '100%', sm: 320 }}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
        />
        <NativeSelect
          label={t('list.status')}
          value={status ?? ''}
          w={{ base: '100%', sm: 220 }}
          data={[{ value: '', label: t('list.allStatuses') }, ...SURVEY_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
          onChange={(e) => update({ status: e.currentTarget.value })}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Callout tone="neutral">
          {filtered ? t('list.noMatch') : t('list.empty')}
          {!filtered ? (
            <>
              {' '}
              <Anchor component={Link} to={surveyPaths.create} underline="always">
                {t('list.createFirst')}
              </Anchor>
            </>
          ) : null}
        </Callout>
      ) : (
        <>
          <TableFrame label={t('list.caption')} minWidth={760}>
            <Table striped highlightOnHover className="data-table" bg="white">
              <caption className="visually-hidden">{t('list.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  {header('title', t('fields.title'))}
                  {header('status', t('fields.status'))}
                  <Table.Th>{t('fields.municipalities')}</Table.Th>
                  {header('fieldStart', t('fields.fieldPeriod'))}
                  {header('responses', t('fields.responses'))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pageRows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={surveyPaths.detail(s.id)}>
                        {s.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <SurveyStatusBadge status={s.status} />
                    </Table.Td>
                    <Table.Td>
                      {s.municipalities.length > 3
                        ? t('list.municipalitiesMany', {
                            first: s.municipalities
                              .slice(0, 2)
                              .map((m) => m.name)
                              .join(', '),
                            count: s.municipalities.length - 2,
                          })
                        : s.municipalities.map((m) => m.name).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {t('fields.period', {
                        start: formatDate(s.fieldStart, currentLanguage()),
                        end: formatDate(s.fieldEnd, currentLanguage()),
                      })}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(s.responses)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={rows.length} onChange={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
