import { Code, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { useMunicipalities } from '../api.ts';
import { MunicipalitiesTable, type MunicipalitySort } from '../components/municipalities-table.tsx';

const PAGE_SIZE = 25;
const DEFAULTS = { page: '1', q: '', sort: 'name', order: 'asc' };

export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, update] = useListParams(DEFAULTS);
  const [search, setSearch] = useState(params.q);
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() }), 300);
  const sort = params.sort as MunicipalitySort;
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.page) || 1);
  const query = useMunicipalities({ page, pageSize: PAGE_SIZE, q: params.q || undefined, sort, order });

  const intro = user.role === 'coordinator' ? t('territory.introCoordinator') : user.role === 'police' ? t('territory.introPolice') : t('territory.introAll');

  return (
    <>
      <PageHeader title={t('territory.title')} intro={intro} />
      <TextInput
        type="search"
        label={t('territory.search')}
        description={t('territory.searchHint')}
        value={search}
        onChange={(e) => { setSearch(e.currentTarget.value); pushSearch(e.currentTarget.value); }}
        maw={420}
        mb="md"
      />
      {query.isPending ? <Loading /> : query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : query.data.total === 0 ? (
        params.q ? <Callout tone="neutral">{t('territory.noMatch')}</Callout> : (
          <Callout tone="info" title={t('territory.emptyTitle')}>
            {user.role === 'admin'
              ? <Text size="sm">{t('territory.emptyAdmin')} <Code>praevis import gv100ad</Code></Text>
              : t('territory.emptyOther')}
          </Callout>
        )
      ) : (
        <>
          <MunicipalitiesTable items={query.data.items} sort={sort} order={order} onSort={(s, o) => update({ sort: s, order: o })} />
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(p) => update({ page: String(p) })} />
          {query.data.attribution?.length ? <Text size="xs" c="dimmed" mt="sm">{query.data.attribution.join(' · ')}</Text> : null}
        </>
      )}
    </>
  );
}
