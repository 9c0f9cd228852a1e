import { Table, Text } from '@mantine/core';
import type { SurveyEffectEstimate, SurveyWaveRef } from '../../../../shared/effects.schema.ts';
import { formatNumber, formatPercent } from '../../../../shared/format.ts';
import { formatDate } from '../../../../shared/time.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { type EffectsT, useEffectsT } from '../i18n.ts';
import { useLang } from './effects-table.tsx';

/*
 * The survey index effects of the "Wirkung" section: the difference in differences of an index
 * (share unsafe at night, incivility score, …) between the latest completed wave before and after
 * the start, as a forest plot on a linear scale around 0 and its table alternative. Shares are
 * shown in percent and their differences in percentage points, scores in points (both 0–100).
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

const ROW = 26;
const LEFT = 220;
const WIDTH = 640;

/** The shown survey index effects as a forest plot (a picture with a description; the table holds the values). */
export function SurveyEffectsChart({ estimates }: { estimates: SurveyEffectEstimate[] }) {
  const t = useEffectsT();
  const lang = useLang();
  const shown = estimates.filter((e) => e.result);
  if (!shown.length) return null;
  const reach = Math.max(5, ...shown.flatMap((e) => [Math.abs(scaled(e, e.result!.ciLow)), Math.abs(scaled(e, e.result!.ciHigh))]));
  const x = (v: number) => LEFT + ((v + reach) / (2 * reach)) * (WIDTH - LEFT - 40);
  const height = shown.length * ROW + 40;
  return (
    <svg role="img" aria-label={t('survey.chartLabel')} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      <line x1={x(0)} x2={x(0)} y1={8} y2={height - 24} stroke="#495057" strokeDasharray="4 3" />
      <text x={x(0)} y={height - 8} fontSize="11" textAnchor="middle" fill="#343a40">
        0 = {t('chart.noChange')}
      </text>
      {shown.map((e, i) => {
        const y = 20 + i * ROW;
        const r = e.result!;
        const colour = r.noReliableEffect ? '#495057' : '#1864ab';
        return (
          <g key={keyOf(e)}>
            <text x={4} y={y + 4} fontSize="11" fill="#212529">
              {(lang === 'en' ? e.index!.nameEn : e.index!.name).slice(0, 34)}
            </text>
            <line x1={x(scaled(e, r.ciLow))} x2={x(scaled(e, r.ciHigh))} y1={y} y2={y} stroke={colour} strokeWidth={2} />
            <circle cx={x(scaled(e, r.difference))} cy={y} r={4} fill={colour} />
            <text x={x(scaled(e, r.difference))} y={y - 7} fontSize="10" textAnchor="middle" fill="#343a40">
              {formatNumber(scaled(e, r.difference), lang, 1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
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
