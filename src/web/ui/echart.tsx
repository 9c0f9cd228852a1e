import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import langDE from 'echarts/i18n/langDE-obj.js';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localiseChartOption } from '../../shared/chart-format.ts';
import { formatLang } from '../../shared/format.ts';

// Only the parts of ECharts the app's charts use, so the bundle stays small (never the full build).
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);
// ECharts' own words (month names, legend selector) in German; English is built in.
echarts.registerLocale('DE', langDE);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart (SVG renderer) that is one image for assistive technology: its name and the
 * summary it points to say what it shows; the data table beside it holds every value.
 * It speaks the UI language: ECharts' locale, and numbers on value axes, in tooltips and on labels
 * from the formatting module (src/shared/chart-format.ts) unless the chart formats them itself.
 * Load it lazily (`lazy(() => import(...))`) so ECharts is only fetched with a chart.
 */
export default function EChart({
  option,
  label,
  describedBy,
  className,
  testId,
}: {
  option: EChartOption;
  label: string;
  describedBy: string;
  className: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { i18n } = useTranslation();
  const lang = formatLang(i18n.language);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg', locale: lang === 'en' ? 'EN' : 'DE' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption({ animation: false, aria: { enabled: false }, ...localiseChartOption(option, lang) }, true);
  }, [option, lang]);

  return <div ref={ref} className={className} role="img" aria-label={label} aria-describedby={describedBy} data-testid={testId} />;
}
