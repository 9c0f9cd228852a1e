import type { EffectEstimate } from '../../../../shared/effects.schema.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { useEffectsT } from '../i18n.ts';
import { useLang } from './effects-table.tsx';

/*
 * The estimates with their intervals as a forest plot (SVG): the crime estimates' rate ratios on a
 * log scale around 1, or differences (the survey indices') on a linear scale around 0. The chart is
 * a picture for the eye; its table alternative beside it (EffectsTable, SurveyEffectsTable) holds
 * the same values, so the SVG is one image with a description and no text of its own for screen readers.
 */
const ROW = 26;
const LEFT = 220;
const WIDTH = 640;

/** A difference with its interval, on the scale the chart shows (the caller's: points, percentage points). */
export interface DifferenceRow {
  key: string;
  label: string;
  difference: number;
  low: number;
  high: number;
  noReliableEffect: boolean;
}

/** One row as drawn: the estimate, its interval and their colour. */
interface Row {
  key: string;
  label: string;
  value: number;
  low: number;
  high: number;
  colour: string;
}

/** Where the rows sit: the value of no change, the x of a value, and how a value is written beside its row. */
interface Scale {
  reference: number;
  x(v: number): number;
  digits: number;
  /** The value above its point (differences), else right of its interval (rate ratios). */
  valueAbove: boolean;
}

/** Rate ratios: a log scale from at most 0.5 to at least 2; fewer cases green, more red, grey where no effect is reliable. */
function ratioChart(estimates: EffectEstimate[], lang: 'de' | 'en'): { rows: Row[]; scale: Scale } {
  const rows = estimates.flatMap((e): Row[] =>
    e.result
      ? [
          {
            key: `${e.interventionKind}-${e.interventionId}-${e.field.code}`,
            label: lang === 'en' ? e.field.nameEn : e.field.name,
            value: e.result.rateRatio,
            low: e.result.ciLow,
            high: e.result.ciHigh,
            colour: e.result.noReliableEffect ? '#495057' : e.result.rateRatio < 1 ? '#087f5b' : '#c92a2a',
          },
        ]
      : [],
  );
  const lo = Math.min(0.5, ...rows.map((r) => r.low));
  const hi = Math.max(2, ...rows.map((r) => r.high));
  const x = (v: number) => LEFT + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (WIDTH - LEFT - 20);
  return { rows, scale: { reference: 1, x, digits: 2, valueAbove: false } };
}

/** Differences: a linear scale symmetric around 0, reaching at least 5; blue, grey where no effect is reliable. */
function differenceChart(differences: DifferenceRow[]): { rows: Row[]; scale: Scale } {
  const rows = differences.map((d): Row => ({
    key: d.key,
    label: d.label,
    value: d.difference,
    low: d.low,
    high: d.high,
    colour: d.noReliableEffect ? '#495057' : '#1864ab',
  }));
  const reach = Math.max(5, ...rows.flatMap((r) => [Math.abs(r.low), Math.abs(r.high)]));
  const x = (v: number) => LEFT + ((v + reach) / (2 * reach)) * (WIDTH - LEFT - 40);
  return { rows, scale: { reference: 0, x, digits: 1, valueAbove: true } };
}

/**
 * The forest plot of the crime estimates (those with a result), or of differences with the chart's
 * description (`label`); nothing when no row has a value.
 */
export function EffectsChart(props: { estimates: EffectEstimate[] } | { differences: DifferenceRow[]; label: string }) {
  const t = useEffectsT();
  const lang = useLang();
  const { rows, scale } = 'estimates' in props ? ratioChart(props.estimates, lang) : differenceChart(props.differences);
  if (!rows.length) return null;
  const { x, reference } = scale;
  const height = rows.length * ROW + 40;
  return (
    <svg
      role="img"
      aria-label={'label' in props ? props.label : t('chart.label')}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
    >
      <line x1={x(reference)} x2={x(reference)} y1={8} y2={height - 24} stroke="#495057" strokeDasharray="4 3" />
      <text x={x(reference)} y={height - 8} fontSize="11" textAnchor="middle" fill="#343a40">
        {`${reference} = ${t('chart.noChange')}`}
      </text>
      {rows.map((r, i) => {
        const y = 20 + i * ROW;
        return (
          <g key={r.key}>
            <text x={4} y={y + 4} fontSize="11" fill="#212529">
              {r.label.slice(0, 34)}
            </text>
            <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} stroke={r.colour} strokeWidth={2} />
            <circle cx={x(r.value)} cy={y} r={4} fill={r.colour} />
            {scale.valueAbove ? (
              <text x={x(r.value)} y={y - 7} fontSize="10" textAnchor="middle" fill="#343a40">
                {formatNumber(r.value, lang, scale.digits)}
              </text>
            ) : (
              <text x={Math.min(x(r.high) + 6, WIDTH - 40)} y={y + 4} fontSize="10" fill="#343a40">
                {formatNumber(r.value, lang, scale.digits)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
