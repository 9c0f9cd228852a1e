import type { EffectEstimate } from '../../../../shared/effects.schema.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { useEffectsT } from '../i18n.ts';
import { useLang } from './effects-table.tsx';

/*
 * The rate ratios with their intervals as a forest plot (SVG, log scale around 1). The chart is a
 * picture for the eye; its table alternative (EffectsTable) beside it holds the same values, so the
 * SVG is one image with a description and no text of its own for screen readers.
 */
const ROW = 26;
const LEFT = 220;
const WIDTH = 640;

export function EffectsChart({ estimates }: { estimates: EffectEstimate[] }) {
  const t = useEffectsT();
  const lang = useLang();
  const shown = estimates.filter((e) => e.result);
  if (!shown.length) return null;
  const lo = Math.min(0.5, ...shown.map((e) => e.result!.ciLow));
  const hi = Math.max(2, ...shown.map((e) => e.result!.ciHigh));
  const x = (v: number) => LEFT + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (WIDTH - LEFT - 20);
  const height = shown.length * ROW + 40;
  return (
    <svg role="img" aria-label={t('chart.label')} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      <line x1={x(1)} x2={x(1)} y1={8} y2={height - 24} stroke="#495057" strokeDasharray="4 3" />
      <text x={x(1)} y={height - 8} fontSize="11" textAnchor="middle" fill="#343a40">
        1 = {t('chart.noChange')}
      </text>
      {shown.map((e, i) => {
        const y = 20 + i * ROW;
        const r = e.result!;
        const colour = r.noReliableEffect ? '#495057' : r.rateRatio < 1 ? '#087f5b' : '#c92a2a';
        return (
          <g key={`${e.interventionKind}-${e.interventionId}-${e.field.code}`}>
            <text x={4} y={y + 4} fontSize="11" fill="#212529">
              {(lang === 'en' ? e.field.nameEn : e.field.name).slice(0, 34)}
            </text>
            <line x1={x(r.ciLow)} x2={x(r.ciHigh)} y1={y} y2={y} stroke={colour} strokeWidth={2} />
            <circle cx={x(r.rateRatio)} cy={y} r={4} fill={colour} />
            <text x={Math.min(x(r.ciHigh) + 6, WIDTH - 40)} y={y + 4} fontSize="10" fill="#343a40">
              {formatNumber(r.rateRatio, lang, 2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
