import EChart, { type EChartOption } from '../../../ui/echart.tsx';

/** The budget chart: the shared ECharts frame with this feature's size class (loaded lazily). */
export default function BudgetChart({ option, label, describedBy }: { option: EChartOption; label: string; describedBy: string }) {
  return <EChart option={option} label={label} describedBy={describedBy} className="funding-chart" testId="funding-chart" />;
}
