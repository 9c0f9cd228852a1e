import { Button, Group, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import { PATHS } from '../../../app/navigation.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { type UserSort, useUsers } from '../api.ts';
import { RoleSelect } from '../components/role-select.tsx';
import { UsersTable } from '../components/users-table.tsx';

const PAGE_SIZE = 20;
const DEFAULTS = { page: '1', q: '', role: '', sort: 'email', order: 'asc' };
const SORTS: readonly UserSort[] = ['email', 'displayName', 'role', 'createdAt'];

export function UsersListPage() {
  const { t } = useTranslation();
  const [params, update] = useListParams(DEFAULTS);
  const [search, setSearch] = useState(params.q);
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() }), 300);
  const role = (ROLES as readonly string[]).includes(params.role) ? (params.role as Role) : undefined;
  const sort = (SORTS as readonly string[]).includes(params.sort) ? (params.sort as UserSort) : 'email';
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.page) || 1);
  const query = useUsers({ page, pageSize: PAGE_SIZE, q: params.q || undefined, role, sort, order });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={
          <Button component={Link} to={PATHS.newUser}>
            {t('users.create.action')}
          </Button>
        }
      />
      <Group align="flex-start" mb="md" gap="md" role="search" aria-label={t('users.filters.label')}>
        <TextInput
          type="search"
          label={t('users.filters.search')}
          description={t('users.filters.searchHint')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          w={{ base: '100%', sm: 320 }}
        />
        <RoleSelect
          label={t('users.fields.role')}
          description={t('users.filters.roleHint')}
          value={role ?? ''}
          allowAll
          onChange={(r) => update({ role: r })}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="neutral">{t('users.empty')}</Callout>
      ) : (
        <>
          <UsersTable items={query.data.items} sort={sort} order={order} onSort={(s, o) => update({ sort: s, order: o })} />
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
