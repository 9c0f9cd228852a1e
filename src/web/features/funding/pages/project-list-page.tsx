import { Anchor, Button, Group, NativeSelect, Table } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PROJECT_STATUSES } from '../../../../shared/projects.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows } from '../../../../shared/policies.ts';
import { FUNDING_PATHS, useFieldsOfAction, useProjects } from '../api.ts';
import { ToneBadge } from '../components/common.tsx';
import { useFundingT } from '../i18n.ts';

const PAGE_SIZE = 25;

/** The projects the user may see, with status and Beccaria completeness; coordinators start new ones here. */
export function ProjectListPage() {
  const t = useFundingT();
  const user = useCurrentUser();
  const [status, setStatus] = useState('');
  const [fieldId, setFieldId] = useState('');
  const [page, setPage] = useState(1);
  const fields = useFieldsOfAction();
  const query = useProjects({ status: status || undefined, fieldId: fieldId || undefined, page, pageSize: PAGE_SIZE });
  const canCreate = allows('funding.writeProjects', user.role);
  const fieldName = (id: number) => fields.data?.find((f) => f.id === id)?.name ?? String(id);

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        intro={t(allows('funding.projectFunding', user.role) ? 'projects.intro' : 'projects.introPolice')}
        actions={
          canCreate ? (
            <Button component={Link} to={FUNDING_PATHS.newProject}>
              {t('projects.new')}
            </Button>
          ) : null
        }
      />
      <Group mb="md" gap="md" align="flex-end">
        <NativeSelect
          label={t('projects.filterStatus')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setPage(1);
          }}
          w={200}
          data={[{ value: '', label: t('common.all') }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`status.project.${s}`) }))]}
        />
        <NativeSelect
          label={t('projects.filterField')}
          value={fieldId}
          onChange={(e) => {
            setFieldId(e.currentTarget.value);
            setPage(1);
          }}
          w={280}
          data={[{ value: '', label: t('common.all') }, ...(fields.data ?? []).map((f) => ({ value: String(f.id), label: f.name }))]}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="info" title={t('projects.empty')}>
          {canCreate ? t('projects.emptyHint') : undefined}
        </Callout>
      ) : (
        <>
          <TableFrame label={t('projects.tableLabel')} minWidth={760}>
            <Table striped highlightOnHover>
              <caption className="visually-hidden">{t('projects.tableLabel')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('projects.columns.title')}</Table.Th>
                  <Table.Th scope="col">{t('projects.columns.municipality')}</Table.Th>
                  <Table.Th scope="col">{t('projects.columns.fields')}</Table.Th>
                  <Table.Th scope="col">{t('projects.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('projects.columns.completeness')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={FUNDING_PATHS.project(p.id)}>
                        {p.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.municipalityName}</Table.Td>
                    <Table.Td>{p.fieldIds.map(fieldName).join(', ') || '–'}</Table.Td>
                    <Table.Td>{t(`status.project.${p.status}`)}</Table.Td>
                    <Table.Td>
                      <ToneBadge tone={p.readyForApplication ? 'complete' : 'incomplete'}>
                        {t('projects.stepsComplete', { n: p.completeSteps })}
                      </ToneBadge>
                    </Table.Td>
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
