import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts of ECharts the app's charts use, so the bundle stays small (never the full build).
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart (SVG renderer) that is one image for assistive technology: its name and the
 * summary it points to say what it shows; the data table beside it holds every value.
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

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, aria: { enabled: false }, ...option }, true);
  }, [option]);

  return <div ref={ref} className={className} role="img" aria-label={label} aria-describedby={describedBy} data-testid={testId} />;
}
