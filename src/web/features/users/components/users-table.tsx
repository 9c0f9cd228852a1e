import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { User } from '../../../../shared/users.schema.ts';
import { PATHS } from '../../../app/navigation.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { SortableHeader, type SortOrder } from '../../../ui/sortable-header.tsx';
import type { UserSort } from '../api.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { formatDate } from '../../../../shared/time.ts';

function Scope({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.role === 'coordinator') return <>{t('users.scope.communes', { count: user.communes.length, list: user.communes.join(', ') })}</>;
  if (user.role === 'police') return <>{user.directorateName ?? '–'}</>;
  return <>{t('users.scope.all')}</>;
}

export function UsersTable(props: { items: User[]; sort: UserSort; order: SortOrder; onSort(sort: UserSort, order: SortOrder): void }) {
  const { t, i18n } = useTranslation();
  const header = (column: UserSort, label: string) => (
    <SortableHeader column={column} label={label} sort={props.sort} order={props.order} onSort={props.onSort} />
  );
  return (
    <TableFrame label={t('users.caption')} minWidth={760}>
      <Table striped highlightOnHover className="data-table" bg="white">
        <caption className="visually-hidden">{t('users.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('displayName', t('users.fields.displayName'))}
            {header('email', t('users.fields.email'))}
            {header('role', t('users.fields.role'))}
            <Table.Th>{t('users.columns.scope')}</Table.Th>
            <Table.Th>{t('users.columns.status')}</Table.Th>
            {header('createdAt', t('users.columns.createdAt'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Anchor component={Link} to={PATHS.user(u.id)}>
                  {u.displayName}
                </Anchor>
              </Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
              <Table.Td>
                <Scope user={u} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge tone={u.active ? 'ok' : 'neutral'}>
                    {u.active ? t('users.status.active') : t('users.status.inactive')}
                  </StatusBadge>
                  {u.mustChangePassword ? <StatusBadge tone="warning">{t('users.status.mustChange')}</StatusBadge> : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(u.createdAt, i18n.language)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
