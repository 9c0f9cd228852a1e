import { Table, Text } from '@mantine/core';
import type { SurveyEffectEstimate, SurveyWaveRef } from '../../../../shared/effects.schema.ts';
import { formatNumber, formatPercent } from '../../../../shared/format.ts';
import { formatDate } from '../../../../shared/time.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { type EffectsT, useEffectsT } from '../i18n.ts';
import { type DifferenceRow, EffectsChart } from './effects-chart.tsx';
import { useLang } from './effects-table.tsx';

/*
 * The survey index effects of the "Wirkung" section: the difference in differences of an index
 * (share unsafe at night, incivility score, …) between the latest completed wave before and after
 * the start, as a forest plot on a linear scale around 0 (EffectsChart) and its table alternative.
 * Shares are shown in percent and their differences in percentage points, scores in points (both 0–100).
 */

const keyOf = (e: SurveyEffectEstimate) => `${e.interventionKind}-${e.interventionId}-${e.index?.id ?? 'none'}`;
/** A share 0–1 on the 0–100 scale of the scores. */
const scaled = (e: SurveyEffectEstimate, v: number) => (e.index?.unit === 'share' ? v * 100 : v);

/** The words of a survey index effect: "kein belastbarer Effekt" where the interval includes 0, else its direction and size. */
export function surveyAssessment(t: EffectsT, e: SurveyEffectEstimate, lang: 'de' | 'en'): string {
  if (!e.result) return t(`surveyReason.${e.suppressed ?? 'no-wave-before'}`);
  if (e.result.noReliableEffect) return t('assessment.none');
  const size = formatNumber(Math.abs(scaled(e, e.result.difference)), lang, 1);
  const unit = t(e.index?.unit === 'share' ? 'survey.percentagePoints' : 'survey.points');
  return t(e.result.difference < 0 ? 'survey.lower' : 'survey.higher', { size, unit });
}

function waveValue(e: SurveyEffectEstimate, w: SurveyWaveRef | null, lang: 'de' | 'en'): string {
  if (!w || w.value === null) return '–';
  return e.index?.unit === 'share' ? formatPercent(w.value * 100, lang, 1) : formatNumber(w.value, lang, 1);
}

/** The shown survey index effects as a forest plot of their differences, on the 0–100 scale (the table holds the values). */
export function SurveyEffectsChart({ estimates }: { estimates: SurveyEffectEstimate[] }) {
  const t = useEffectsT();
  const lang = useLang();
  const differences = estimates.flatMap((e): DifferenceRow[] =>
    e.result && e.index
      ? [
          {
            key: keyOf(e),
            label: lang === 'en' ? e.index.nameEn : e.index.name,
            difference: scaled(e, e.result.difference),
            low: scaled(e, e.result.ciLow),
            high: scaled(e, e.result.ciHigh),
            noReliableEffect: e.result.noReliableEffect,
          },
        ]
      : [],
  );
  return <EffectsChart differences={differences} label={t('survey.chartLabel')} />;
}

/** Every survey index effect as a table, the chart's alternative: waves, respondents, interval, assessment, comparison group. */
export function SurveyEffectsTable({ estimates, caption }: { estimates: SurveyEffectEstimate[]; caption: string }) {
  const t = useEffectsT();
  const lang = useLang();
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatNumber(v, lang, 0));
  const d = (e: SurveyEffectEstimate, v: number) => formatNumber(scaled(e, v), lang, 1);
  return (
    <TableFrame label={caption} minWidth={960}>
      <Table>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.intervention')}</Table.Th>
            <Table.Th scope="col">{t('survey.index')}</Table.Th>
            <Table.Th scope="col">{t('columns.start')}</Table.Th>
            <Table.Th scope="col">{t('survey.waves')}</Table.Th>
            <Table.Th scope="col">{t('survey.respondents')}</Table.Th>
            <Table.Th scope="col">{t('survey.values')}</Table.Th>
            <Table.Th scope="col">{t('survey.difference')}</Table.Th>
            <Table.Th scope="col">{t('columns.interval')}</Table.Th>
            <Table.Th scope="col">{t('columns.assessment')}</Table.Th>
            <Table.Th scope="col">{t('columns.comparison')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {estimates.map((e) => (
            <Table.Tr key={keyOf(e)}>
              <Table.Th scope="row" fw="normal">
                {t(`kind.${e.interventionKind}`)}
                {e.interventionKind === 'project' ? ` · ${e.interventionLabel}` : ''}
              </Table.Th>
              <Table.Td>{e.index ? (lang === 'en' ? e.index.nameEn : e.index.name) : t('survey.anyIndex')}</Table.Td>
              <Table.Td>{formatDate(e.startDate, lang)}</Table.Td>
              <Table.Td>
                {e.treated.pre ? formatDate(e.treated.pre.fieldEnd, lang) : '–'} /{' '}
                {e.treated.post ? formatDate(e.treated.post.fieldEnd, lang) : '–'}
              </Table.Td>
              <Table.Td>
                {n(e.treated.pre?.n)} / {n(e.treated.post?.n)}
              </Table.Td>
              <Table.Td>
                {waveValue(e, e.treated.pre, lang)} / {waveValue(e, e.treated.post, lang)}
              </Table.Td>
              <Table.Td>{e.result ? d(e, e.result.difference) : '–'}</Table.Td>
              <Table.Td>{e.result ? `${d(e, e.result.ciLow)} – ${d(e, e.result.ciHigh)}` : '–'}</Table.Td>
              <Table.Td>
                {/* Text rather than a badge: the sentence is long and a badge would cut it off. */}
                <Text size="sm" fw={e.result && !e.result.noReliableEffect ? 600 : undefined}>
                  {surveyAssessment(t, e, lang)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.comparison.units.map((u) => u.name).join(', ') || '–'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
