import EChart, { type EChartOption } from '../../../ui/echart.tsx';

/** A crime statistics chart: the shared ECharts frame with this feature's size classes. */
export default function CrimeChart({
  option,
  label,
  describedBy,
  className,
}: {
  option: EChartOption;
  label: string;
  describedBy: string;
  className?: string;
}) {
  return <EChart option={option} label={label} describedBy={describedBy} className={className ?? 'crime-chart'} testId="crime-chart" />;
}
