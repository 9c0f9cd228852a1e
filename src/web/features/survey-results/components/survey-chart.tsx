import EChart, { type EChartOption } from '../../../ui/echart.tsx';

/** A survey results chart: the shared ECharts frame (echarts/core modules only) with this feature's size classes. */
export default function SurveyChart({
  option,
  label,
  describedBy,
  wide,
}: {
  option: EChartOption;
  label: string;
  describedBy: string;
  wide?: boolean;
}) {
  return (
    <EChart
      option={option}
      label={label}
      describedBy={describedBy}
      className={wide ? 'survey-chart survey-chart--wide' : 'survey-chart'}
      testId="survey-chart"
    />
  );
}
