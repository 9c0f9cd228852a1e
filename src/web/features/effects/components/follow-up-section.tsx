import { Paper, Table, Text, Title } from '@mantine/core';
import { formatNumber, formatPercent } from '../../../../shared/format.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useAnalysisFollowUp } from '../api.ts';
import { useEffectsT } from '../i18n.ts';
import { useLang } from './effects-table.tsx';

/** The follow-up block of a security analysis: per field of action the baseline year's cases against the latest year's, with interval. */
export function FollowUpSection({ analysisId }: { analysisId: number }) {
  const t = useEffectsT();
  const lang = useLang();
  const query = useAnalysisFollowUp(analysisId);
  const n = (v: number | null) => (v === null ? '–' : formatNumber(v, lang, 2));
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="follow-up-title" id="nachbeobachtung">
      <Title order={2} fz="lg" id="follow-up-title" mb="xs">
        {t('followUp.title')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Text size="sm" mb="sm">
            {t('followUp.intro', { year: query.data.baselineYear })}
          </Text>
          <TableFrame label={t('followUp.caption')} minWidth={760}>
            <Table>
              <caption className="visually-hidden">{t('followUp.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.field')}</Table.Th>
                  <Table.Th scope="col">{t('followUp.baseline')}</Table.Th>
                  <Table.Th scope="col">{t('followUp.latest')}</Table.Th>
                  <Table.Th scope="col">{t('followUp.ratio')}</Table.Th>
                  <Table.Th scope="col">{t('columns.interval')}</Table.Th>
                  <Table.Th scope="col">{t('columns.assessment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.fields.map((f) => (
                  <Table.Tr key={f.field.code}>
                    <Table.Th scope="row" fw="normal">
                      {lang === 'en' ? f.field.nameEn : f.field.name}
                    </Table.Th>
                    <Table.Td>
                      {f.baselineCases === null ? '–' : `${query.data.baselineYear}: ${formatNumber(f.baselineCases, lang, 0)}`}
                    </Table.Td>
                    <Table.Td>{f.latestCases === null ? '–' : `${f.latestYear}: ${formatNumber(f.latestCases, lang, 0)}`}</Table.Td>
                    <Table.Td>{n(f.rateRatio)}</Table.Td>
                    <Table.Td>{f.ciLow === null ? '–' : `${n(f.ciLow)} – ${n(f.ciHigh)}`}</Table.Td>
                    <Table.Td>
                      {f.suppressed
                        ? t(`reason.${f.suppressed}`)
                        : f.noReliableEffect
                          ? t('followUp.noChange')
                          : t(f.rateRatio! < 1 ? 'followUp.fewer' : 'followUp.more', {
                              pct: formatPercent((f.rateRatio! - 1) * 100, lang, 0),
                            })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </>
      )}
    </Paper>
  );
}
