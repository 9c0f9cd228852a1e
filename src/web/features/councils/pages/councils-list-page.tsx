import { Anchor, Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows } from '../../../../shared/policies.ts';
import { COUNCIL_PATHS, useCouncils } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** The councils the user may see, with a link to found one. */
export function CouncilsListPage() {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const councils = useCouncils();
  const canFound = allows('councils.write', user.role);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          canFound ? (
            <Button component={Link} to={COUNCIL_PATHS.found}>
              {t('list.found')}
            </Button>
          ) : null
        }
      />
      {councils.isLoading ? (
        <Loading />
      ) : councils.error ? (
        <LoadError error={councils.error} onRetry={() => councils.refetch()} />
      ) : !councils.data?.items.length ? (
        <Callout tone="neutral">{t('list.empty')}</Callout>
      ) : (
        <TableFrame label={t('list.caption')} minWidth={640}>
          <Table striped>
            <Table.Caption>{t('list.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.name')}</Table.Th>
                <Table.Th scope="col">{t('list.municipalities')}</Table.Th>
                <Table.Th scope="col">{t('list.founded')}</Table.Th>
                <Table.Th scope="col">{t('list.members')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {councils.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={COUNCIL_PATHS.council(c.id)}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {c.municipalities.map((m) => m.name).join(', ')}
                    {c.joint ? ` (${t('list.joint')})` : ''}
                  </Table.Td>
                  <Table.Td>{formatDate(c.foundingResolutionDate, i18n.language)}</Table.Td>
                  <Table.Td>{c.currentMembers}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </>
  );
}
