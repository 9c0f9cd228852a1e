import type { EChartOption } from '../../../ui/echart.tsx';
import { formatLang, formatNumber } from '../../../../shared/format.ts';
import { pct } from '../format.ts';

const COLOURS = ['#1f4e79', '#c55a11', '#2b7a3d', '#6f42c1', '#8a6d00', '#495057', '#b02a37'];

export interface BarItem {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Horizontal bars of shares with their 95 % interval drawn as a darker band over each bar (a
 * transparent bar up to the lower bound, stacked with the interval's width). Suppressed items have
 * no bar; their axis label says so.
 */
export function shareBarsOption(items: BarItem[], lang: string, names: { share: string; ci: string }): EChartOption {
  const labels = items.map((i) => i.label);
  return {
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const i = items[ps[0]?.dataIndex ?? 0]!;
        return `${i.label}<br/>${names.share}: ${pct(i.value, lang)}<br/>${names.ci}: ${pct(i.low, lang)} – ${pct(i.high, lang)}`;
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { color: '#495057', formatter: (v: number) => pct(v, lang, 0) },
      splitLine: { lineStyle: { color: '#e9ecef' } },
    },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { color: '#212529', width: 220, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: names.share, data: items.map((i) => i.value), itemStyle: { color: '#9ec5e8' }, barWidth: '60%' },
      {
        type: 'bar',
        name: 'ci-base',
        stack: 'ci',
        data: items.map((i) => i.low),
        itemStyle: { color: 'transparent' },
        barGap: '-100%',
        barWidth: '60%',
        silent: true,
      },
      {
        type: 'bar',
        name: names.ci,
        stack: 'ci',
        data: items.map((i) => (i.low === null || i.high === null ? null : i.high - i.low)),
        itemStyle: { color: 'rgba(31, 78, 121, 0.75)' },
        barWidth: '60%',
      },
    ],
  };
}

/** Grouped vertical bars: one group per category, one series per named list of values. */
export function groupedBarsOption(
  categories: string[],
  series: Array<{ name: string; values: Array<number | null> }>,
  lang: string,
  unit: 'share' | 'score',
): EChartOption {
  const fmt = (v: number) => (unit === 'share' ? pct(v, lang, 0) : formatNumber(v, formatLang(lang), { min: 0, max: 1 }));
  return {
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '–') },
    legend: { top: 0, left: 0, textStyle: { color: '#212529' } },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { color: '#495057', interval: 0, width: 110, overflow: 'break' } },
    yAxis: {
      type: 'value',
      min: 0,
      ...(unit === 'share' ? { max: 1 } : {}),
      axisLabel: { color: '#495057', formatter: fmt },
      splitLine: { lineStyle: { color: '#e9ecef' } },
    },
    series: series.map((s, i) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: COLOURS[i % COLOURS.length] } })),
  };
}
