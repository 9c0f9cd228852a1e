import { describe, expect, it } from 'vitest';
import { chartValue, localiseChartOption } from './chart-format.ts';

type Fn = (v: unknown) => string;

describe('chart numbers in the formatting module', () => {
  const option = {
    xAxis: { type: 'category', data: ['2022', '2023'] },
    yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: '{value} %' } }],
    tooltip: { trigger: 'axis' },
    series: [
      { type: 'bar', data: [30000, 34.3], label: { show: true }, markLine: { data: [{ yAxis: 1234.5 }] } },
      { type: 'line', data: [1, 2], label: { show: false } },
    ],
  };

  it('prints value axes, tooltips and labels "30.000" and "34,3" in German, "30,000" and "34.3" in English', () => {
    const de = localiseChartOption(option, 'de') as any;
    expect((de.yAxis[0].axisLabel.formatter as Fn)(30000)).toBe('30.000');
    expect((de.tooltip.valueFormatter as Fn)(34.3)).toBe('34,3');
    expect((de.series[0].label.formatter as Fn)({ value: 34.3 })).toBe('34,3');
    expect((de.series[0].markLine.label.formatter as Fn)({ value: 1234.5 })).toBe('1.234,5');
    const en = localiseChartOption(option, 'en') as any;
    expect((en.yAxis[0].axisLabel.formatter as Fn)(30000)).toBe('30,000');
    expect((en.tooltip.valueFormatter as Fn)(34.3)).toBe('34.3');
  });

  it('keeps what the chart sets itself and leaves category axes and hidden labels alone', () => {
    const de = localiseChartOption(option, 'de') as any;
    expect(de.yAxis[1].axisLabel.formatter).toBe('{value} %');
    expect(de.xAxis).toEqual(option.xAxis);
    expect(de.series[1].label).toEqual({ show: false });
    expect((option.yAxis[0] as { axisLabel?: unknown }).axisLabel).toBeUndefined();
    const own = (v: unknown) => `x${String(v)}`;
    expect((localiseChartOption({ tooltip: { valueFormatter: own } }, 'de') as any).tooltip.valueFormatter).toBe(own);
  });

  it('never shows scientific notation', () => {
    expect(chartValue(9.4e-8, 'de')).toBe('0');
    expect(chartValue([2023, 0.5], 'de')).toBe('0,5');
    expect(chartValue(null, 'de')).toBe('–');
  });
});
