/*
 * Numbers in ECharts charts in the formatting module's notation: value axes, tooltips, bar labels
 * and mark-line labels print "30.000" and "34,3" in German ("30,000" and "34.3" in English)
 * instead of ECharts' own "30,000" / "34.3" (or "9.4e-8"). A formatter that a chart sets itself
 * wins. The web (src/web/ui/echart.tsx) and the report PDF apply it to every chart.
 */
import { formatNumber, type FormatLang } from './format.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `fn` to an option part that may be one object or a list of them. */
function each(part: unknown, fn: (o: Obj) => Obj): unknown {
  if (Array.isArray(part)) return part.map((p) => (isObj(p) ? fn(p) : p));
  return isObj(part) ? fn(part) : part;
}

/** A chart value in the module's notation: a number formatted, a list by its last number, else as text. */
export function chartValue(v: unknown, lang: FormatLang): string {
  if (typeof v === 'number') return formatNumber(v, lang);
  if (Array.isArray(v)) {
    const last = v[v.length - 1] as unknown;
    return typeof last === 'number' ? formatNumber(last, lang) : String(last ?? '–');
  }
  return v === null || v === undefined || v === '' || v === '-' ? '–' : String(v as string);
}

/** Adds a formatter to a label that has none (and is not switched off). */
function withLabelFormatter(label: unknown, lang: FormatLang, always: boolean): unknown {
  if (!isObj(label)) return always ? { formatter: (p: { value: unknown }) => chartValue(p.value, lang) } : label;
  if (label.formatter !== undefined || label.show === false) return label;
  return { ...label, formatter: (p: { value: unknown }) => chartValue(p.value, lang) };
}

/**
 * The option with the module's number formatters where the chart sets none: axes of type value,
 * the tooltip, series labels and mark-line labels. The option itself is not changed.
 */
export function localiseChartOption<T>(option: T, lang: FormatLang): T {
  if (!isObj(option)) return option;
  const o: Obj = { ...option };
  for (const key of ['xAxis', 'yAxis']) {
    if (!(key in o)) continue;
    o[key] = each(o[key], (axis) => {
      if (axis.type !== 'value' && axis.type !== 'log') return axis;
      const label = isObj(axis.axisLabel) ? axis.axisLabel : {};
      if (label.formatter !== undefined) return axis;
      return { ...axis, axisLabel: { ...label, formatter: (v: number) => formatNumber(v, lang) } };
    });
  }
  if ('tooltip' in o) {
    o.tooltip = each(o.tooltip, (tip) =>
      tip.formatter !== undefined || tip.valueFormatter !== undefined
        ? tip
        : {
            ...tip,
            valueFormatter: (v: unknown) => (Array.isArray(v) ? v.map((x) => chartValue(x, lang)).join(' – ') : chartValue(v, lang)),
          },
    );
  }
  if ('series' in o) {
    o.series = each(o.series, (s) => {
      const out: Obj = { ...s };
      if (isObj(s.label)) out.label = withLabelFormatter(s.label, lang, false);
      if (isObj(s.markLine)) {
        const ml = s.markLine;
        out.markLine = { ...ml, label: withLabelFormatter(ml.label, lang, true) };
      }
      return out;
    });
  }
  return o as T;
}
