import { Stack, Table, Text } from '@mantine/core';
import { formatLang, formatSmallPercent } from '../../../../shared/format.ts';
import type { RakingReportOut } from '../../../../shared/survey-results.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { num, pct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';

/** The raking report: summary sentence and, per margin, population and sample per cell. */
export function WeightingSection({ report, k, lang }: { report: RakingReportOut; k: number; lang: string }) {
  const t = useSurveyResultsT();
  if (!report.applied) return <Callout tone="neutral">{t('weighting.notApplied')}</Callout>;
  const dims = report.margins.map((m) => m.label).join(', ');
  const status = (s: 'ok' | 'empty' | 'no_population') =>
    s === 'ok' ? t('weighting.statusOk') : s === 'empty' ? t('weighting.statusEmpty') : t('weighting.statusNoPopulation');
  return (
    <Stack gap="sm">
      <Text data-testid="weighting-summary">
        {t('weighting.summary', {
          dimensions: dims,
          iterations: report.iterations,
          converged: report.converged ? t('weighting.converged') : t('weighting.notConverged'),
          // Relative deviations in percent, never in scientific notation ("9.4e-8").
          deviation: formatSmallPercent(report.maxRelativeDeviation * 100, formatLang(lang)),
          tolerance: formatSmallPercent(report.tolerance * 100, formatLang(lang), 12),
          min: num(report.minWeight, lang, 3),
          max: num(report.maxWeight, lang, 3),
          cv: num(report.cvWeights, lang, 3),
          effective: num(report.effectiveSize, lang, 0),
          deff: num(report.weightsDesignEffect, lang, 2),
        })}{' '}
        {report.trimUpper === null
          ? t('weighting.noTrimming')
          : t('weighting.trimming', {
              upper: num(report.trimUpper, lang, 2),
              lower: num(1 / report.trimUpper, lang, 3),
              trimmed: report.trimmed,
            })}
      </Text>
      {report.margins.map((m) => {
        const caption = t('weighting.caption', { dimension: m.label });
        return (
          <details key={m.dimension}>
            <summary>{caption}</summary>
            <Text size="sm" my="xs">
              {t('weighting.unmatched', { count: m.unmatched ?? t('table.suppressedPrimary', { k }) })}
            </Text>
            <TableFrame label={caption} minWidth={640}>
              <Table striped bg="white">
                <caption className="visually-hidden">{caption}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('weighting.cell')}</Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('weighting.population')}
                    </Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('weighting.respondents')}
                    </Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('weighting.target')}
                    </Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('weighting.unweightedShare')}
                    </Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('weighting.weightedShare')}
                    </Table.Th>
                    <Table.Th scope="col">{t('weighting.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.cells.map((c) => (
                    <Table.Tr key={c.cell}>
                      <Table.Th scope="row" fw={500}>
                        {c.label}
                      </Table.Th>
                      <Table.Td className="num">{num(c.population, lang)}</Table.Td>
                      <Table.Td className="num">
                        {c.respondents === null ? t('table.suppressedPrimary', { k }) : num(c.respondents, lang)}
                      </Table.Td>
                      <Table.Td className="num">{pct(c.targetShare, lang)}</Table.Td>
                      <Table.Td className="num">{pct(c.unweightedShare, lang)}</Table.Td>
                      <Table.Td className="num">{pct(c.weightedShare, lang)}</Table.Td>
                      <Table.Td>{status(c.status)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
          </details>
        );
      })}
    </Stack>
  );
}
