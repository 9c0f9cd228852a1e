import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../shared/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCouncilCounts } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { CompositionRowsTable } from '../components/composition-table.tsx';

/** The prevention councils in figures, statewide (for the ministry, which sees counts only, no names). */
export function CouncilCountsPage() {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const counts = useCouncilCounts();
  const n = (value: number) => formatNumber(value, i18n.language.startsWith('en') ? 'en' : 'de', 0);
  if (counts.isLoading) return <Loading />;
  if (counts.error || !counts.data) return <LoadError error={counts.error} onRetry={() => counts.refetch()} />;
  const c = counts.data;
  const fact = (name: string, value: number) => (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {name}
      </Text>
      <Text fz="xl" fw={600}>
        {n(value)}
      </Text>
    </Stack>
  );
  const composition = c.composition.filter((r) => r.members > 0);
  return (
    <>
      <PageHeader title={t('counts.title')} intro={t('counts.intro')} />
      <section aria-label={t('counts.facts')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          {fact(t('counts.councils'), c.councils)}
          {fact(t('counts.jointCouncils'), c.jointCouncils)}
          {fact(t('counts.municipalities'), c.municipalitiesWithCouncil)}
          {fact(t('counts.members'), c.currentMembers)}
          {fact(t('counts.openTasks'), c.openTasks)}
          {fact(t('counts.overdueTasks'), c.overdueTasks)}
        </SimpleGrid>
      </section>
      <section aria-labelledby="counts-composition-heading">
        <Title order={2} fz="xl" id="counts-composition-heading" mt="lg" mb="sm">
          {t('composition.title')}
        </Title>
        {composition.length ? (
          <CompositionRowsTable rows={composition} caption={t('counts.compositionCaption')} />
        ) : (
          <Text c="dimmed">{t('composition.none')}</Text>
        )}
      </section>
      <section aria-labelledby="counts-meetings-heading">
        <Title order={2} fz="xl" id="counts-meetings-heading" mt="lg" mb="sm">
          {t('counts.meetingsTitle')}
        </Title>
        {c.meetingsByYear.length ? (
          <TableFrame label={t('counts.meetingsCaption')} minWidth={320}>
            <Table>
              <Table.Caption>{t('counts.meetingsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('counts.year')}</Table.Th>
                  <Table.Th scope="col">{t('counts.meetings')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.meetingsByYear.map((r) => (
                  <Table.Tr key={r.year}>
                    <Table.Th scope="row">{r.year}</Table.Th>
                    <Table.Td>{n(r.meetings)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        ) : (
          <Text c="dimmed">{t('counts.noMeetings')}</Text>
        )}
      </section>
    </>
  );
}
