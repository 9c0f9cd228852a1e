import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../../shared/alliance.schema.ts';
import { figureLabel } from '../status-style.ts';
import EChart from '../../../ui/echart.tsx';
import { SERIES_KEYS, SERIES_STYLES } from './series-keys.ts';

// The legend is HTML beside the chart (SeriesLegend), so it wraps on small screens instead of
// covering the lines.

type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/**
 * The monthly series as a line chart (ECharts, SVG). The chart is one image for assistive
 * technology; its name and the summary next to it say what it shows, the data table beside it
 * holds every value.
 */
export default function SeriesChart({ series, label, describedBy }: { series: Series; label: string; describedBy: string }) {
  const { i18n } = useTranslation();
  const option = useMemo(() => {
    const months = series.points.map((p) => p.month);
    const option: Option = {
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212529' },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months,
        boundaryGap: false,
        axisLabel: { color: '#495057' },
        axisLine: { lineStyle: { color: '#868e96' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#495057' }, splitLine: { lineStyle: { color: '#e9ecef' } } },
      series: SERIES_KEYS.map((key, i) => {
        const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
        return {
          type: 'line',
          name: figureLabel(key),
          data: series.points.map((p) => p[key]),
          showSymbol: series.points.length <= 24,
          symbol: style.symbol,
          symbolSize: 6,
          lineStyle: { width: 2.5, type: style.type, color: style.color },
          itemStyle: { color: style.color },
        };
      }),
    };
    return option;
    // The series labels depend on the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels come from t(), which changes with the language
  }, [series, i18n.language]);

  return <EChart option={option} label={label} describedBy={describedBy} className="series-chart" />;
}
