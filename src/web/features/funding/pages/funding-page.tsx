import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../../shared/funding.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { allows } from '../../../../shared/policies.ts';
import { FUNDING_PATHS, useApplications, useProgrammes } from '../api.ts';
import { BudgetOverviewSections } from '../components/budget-overview.tsx';
import { euro, Section } from '../components/common.tsx';
import { useFundingT } from '../i18n.ts';

const PAGE_SIZE = 25;

/**
 * The applications of the chosen programme year, or of every year with ?allYears=true; the status
 * filter lives in the address (?status=), so the home page's work queue links to exactly its rows.
 */
function ApplicationsSection({ programmeId }: { programmeId: number | null }) {
  const t = useFundingT();
  const [params, update] = useListParams({ status: '', allYears: '' });
  const status = (APPLICATION_STATUSES as readonly string[]).includes(params.status) ? (params.status as ApplicationStatus) : undefined;
  const allYears = params.allYears === 'true';
  const [page, setPage] = useState(1);
  const query = useApplications({ programmeId: allYears ? undefined : (programmeId ?? undefined), status, page, pageSize: PAGE_SIZE });
  return (
    <Section id="applications" title={t('applications.title')}>
      <Group gap="md" align="flex-end" mb="sm">
        <NativeSelect
          label={t('applications.filterStatus')}
          value={status ?? ''}
          w={240}
          onChange={(e) => {
            update({ status: e.currentTarget.value });
            setPage(1);
          }}
          data={[
            { value: '', label: t('common.all') },
            ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`status.application.${s}`) })),
          ]}
        />
        <Checkbox
          mb={8}
          label={t('applications.allYears')}
          checked={allYears}
          onChange={(e) => {
            update({ allYears: e.currentTarget.checked ? 'true' : '' });
            setPage(1);
          }}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : query.data.total === 0 ? (
        <Text size="sm">{t('applications.none')}</Text>
      ) : (
        <>
          <TableFrame label={t('common.tableOf', { what: t('applications.title') })} minWidth={760}>
            <Table striped highlightOnHover>
              <caption className="visually-hidden">{t('applications.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('applications.columns.title')}</Table.Th>
                  <Table.Th scope="col">{t('applications.columns.municipality')}</Table.Th>
                  <Table.Th scope="col">{t('applications.columns.status')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('applications.columns.requested')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('applications.columns.approved')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('applications.columns.paid')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={FUNDING_PATHS.application(a.id)}>
                        {a.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.municipalityName}</Table.Td>
                    <Table.Td>{t(`status.application.${a.status}`)}</Table.Td>
                    <Table.Td ta="right">{euro(a.requestedCents)}</Table.Td>
                    <Table.Td ta="right">{euro(a.approvedCents)}</Table.Td>
                    <Table.Td ta="right">{euro(a.paidCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={setPage} />
        </>
      )}
    </Section>
  );
}

/** Funding: pick a programme year; applications (coordinators: their own), the budget overview and funded projects (staff, ministry). */
export function FundingPage() {
  const t = useFundingT();
  const user = useCurrentUser();
  const programmes = useProgrammes();
  const [chosen, setChosen] = useState<string>('');
  const staff = allows('funding.staff', user.role);
  if (programmes.isPending) return <Loading />;
  if (programmes.isError) return <LoadError error={programmes.error} onRetry={() => void programmes.refetch()} />;
  const list = programmes.data;
  const programme = list.find((p) => String(p.id) === chosen) ?? list.find((p) => p.windowOpenToday) ?? list[0] ?? null;
  return (
    <>
      <PageHeader
        title={t('funding.title')}
        intro={t('funding.intro')}
        actions={
          staff ? (
            <Button component={Link} to={FUNDING_PATHS.programmes} variant="default">
              {t('programmes.title')}
            </Button>
          ) : null
        }
      />
      {!programme ? (
        <Callout tone="info" title={t('funding.noProgramme')}>
          {staff ? t('funding.noProgrammeStaff') : undefined}
        </Callout>
      ) : (
        <Stack gap="lg">
          <Group gap="md" align="flex-end">
            <NativeSelect
              label={t('funding.programme')}
              value={String(programme.id)}
              w={360}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data={list.map((p) => ({ value: String(p.id), label: `${p.year}: ${p.name}` }))}
            />
            <Text size="sm" mb={6}>
              {t('applicationForm.window', { from: programme.windowOpens, to: programme.windowCloses })}{' '}
              {programme.windowOpenToday ? t('applicationForm.windowOpen') : t('applicationForm.windowClosed')}
            </Text>
          </Group>
          {allows('funding.applications', user.role) ? <ApplicationsSection key={programme.id} programmeId={programme.id} /> : null}
          {allows('funding.figures', user.role) ? (
            <BudgetOverviewSections
              key={`o${programme.id}`}
              programme={programme}
              admin={allows('funding.publish', user.role)}
              staff={staff}
            />
          ) : null}
        </Stack>
      )}
    </>
  );
}
