import { Anchor, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, isIsoDate } from '../../../../shared/time.ts';
import { Callout } from '../../../ui/callout.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { useImportRuns } from '../api.ts';
import { type CrimeStatsKey, useCrimeStatsT } from '../i18n.ts';

/**
 * The import runs so far, newest first. ?latest=true keeps the newest run of each level,
 * ?importedBefore= those imported before a day: together the stale imports the home page's work
 * queue links to (decision 038).
 */
export function ImportRunsSection() {
  const t = useCrimeStatsT();
  const { i18n } = useTranslation();
  const [params, update] = useListParams({ latest: '', importedBefore: '' });
  const latest = params.latest === 'true';
  const importedBefore = isIsoDate(params.importedBefore) ? params.importedBefore : undefined;
  const runs = useImportRuns({ ...(latest ? { latest: 'true' } : {}), importedBefore });
  const filtered = latest || importedBefore !== undefined;
  const filterText =
    latest && importedBefore
      ? t('import.runsStale', { date: formatDate(importedBefore, i18n.language) })
      : latest
        ? t('import.runsLatest')
        : importedBefore
          ? t('import.runsBefore', { date: formatDate(importedBefore, i18n.language) })
          : null;
  return (
    <section aria-labelledby="import-runs">
      <Title order={2} fz="xl" id="import-runs" mb="sm">
        {t('import.runsTitle')}
      </Title>
      {filtered ? (
        <Callout tone="info" title={filterText ?? undefined}>
          <Text size="sm">
            {runs.data ? t('import.runsCount' as CrimeStatsKey, { count: runs.data.length }) : null}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => update({ latest: '', importedBefore: '' })}>
              {t('import.runsShowAll')}
            </Anchor>
          </Text>
        </Callout>
      ) : null}
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <Text c="dimmed">{t('import.runsNone')}</Text>
      ) : (
        <TableFrame label={t('import.runsCaption')} minWidth={640}>
          <Table striped>
            <Table.Caption>{t('import.runsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.runsLevel')}</Table.Th>
                <Table.Th scope="col">{t('import.runsYear')}</Table.Th>
                <Table.Th scope="col">{t('import.runsSource')}</Table.Th>
                <Table.Th scope="col">{t('import.runsRows')}</Table.Th>
                <Table.Th scope="col">{t('import.runsImportedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row">{r.level === 'district' ? t('import.levelDistrict') : t('import.levelMunicipality')}</Table.Th>
                  <Table.Td>{r.year}</Table.Td>
                  <Table.Td>{r.sourceLabel || r.source}</Table.Td>
                  <Table.Td>{r.rows}</Table.Td>
                  <Table.Td>
                    {formatDateTime(r.importedAt, i18n.language)} {t('import.runsImportedBy')} {r.importedBy}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </section>
  );
}
