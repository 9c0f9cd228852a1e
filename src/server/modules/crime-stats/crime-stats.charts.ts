/*
 * Chart definitions of the crime statistics: one ECharts option per chart kind, built from the
 * indicators, served as JSON to the web app and rendered to SVG on the server (ECharts' SSR mode,
 * no DOM, no canvas) for the security-analysis report. Each definition carries its data table
 * (the accessible alternative) and the attribution with the year(s).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, GraphicComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartDefinition, CHART_KINDS } from '../../../shared/crime-stats.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { measureTextWidth } from '../../lib/pdf.ts';
import { fieldError } from '../../http/problem.ts';
import { getDistrictDetail, getDistrictIndicators, getMunicipalityDetail } from './crime-stats.service.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, GraphicComponent, SVGRenderer]);
// Without a canvas ECharts estimates text widths; the SVG is drawn into PDFs in DejaVu Sans, so it
// measures with that font's widths (titles cut, labels spaced and legends placed for it).
echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: measureTextWidth(text, font) }) });

const FONT = 'Arial, Helvetica, sans-serif';
const COLORS = ['#1f4e79', '#c55a11', '#7f7f7f'];

interface ChartQuery {
  offence: string;
  year?: number;
  state?: string;
  districtAgs?: string;
  ags?: string;
  width: number;
  height: number;
}

function footer(attribution: string[]) {
  return { type: 'text', left: 8, bottom: 4, style: { text: attribution.join(' · '), fontSize: 10, fill: '#555', fontFamily: FONT } };
}

function seriesChart(
  title: string,
  points: { year: number; hz: number | null; comparisonHz: number | null; nationalHz: number | null }[],
  ownLabel: string,
  compareLabel: string,
) {
  const years = points.map((p) => String(p.year));
  return {
    option: {
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
      legend: { top: 28, left: 8 },
      grid: { left: 60, right: 20, top: 84, bottom: 48 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: 'HZ', min: 0 },
      series: [
        { name: ownLabel, type: 'line', data: points.map((p) => p.hz), label: { show: true, fontSize: 10 } },
        { name: compareLabel, type: 'line', data: points.map((p) => p.comparisonHz), lineStyle: { type: 'dashed' } },
        { name: 'Deutschland', type: 'line', data: points.map((p) => p.nationalHz), lineStyle: { type: 'dotted' } },
      ],
    },
    table: {
      header: ['Jahr', `HZ ${ownLabel}`, `HZ ${compareLabel}`, 'HZ Deutschland'],
      rows: points.map((p) => [p.year, p.hz, p.comparisonHz, p.nationalHz]),
    },
  };
}

/** Builds a chart definition (option, data table, attribution) for a kind. */
export async function buildChart(
  db: DbOrTrx,
  principal: Principal,
  kind: (typeof CHART_KINDS)[number],
  q: ChartQuery,
  defaultState: string | null,
): Promise<ChartDefinition> {
  const size = { width: q.width, height: q.height };
  if (kind === 'district-series') {
    if (!q.districtAgs) throw fieldError('districtAgs', { de: 'Kreisschlüssel fehlt.', en: 'District key missing.' }, 'required');
    const d = await getDistrictDetail(db, q.districtAgs, q.offence);
    const title = `${d.district.name}: ${d.offence.name}, Häufigkeitszahl`;
    const c = seriesChart(title, d.series, d.district.name, 'Land');
    const option = { ...c.option, graphic: [footer(d.attribution)] };
    return { kind, title, ...size, option, table: c.table, attribution: d.attribution };
  }
  if (kind === 'municipality-series') {
    if (!q.ags) throw fieldError('ags', { de: 'AGS fehlt.', en: 'AGS missing.' }, 'required');
    const m = await getMunicipalityDetail(db, principal, q.ags, q.offence);
    const title = `${m.municipality.name}: ${m.offence.name}, Häufigkeitszahl${m.series.some((s) => s.fictional) ? ' [Demo, fiktiv]' : ''}`;
    const c = seriesChart(title, m.series, m.municipality.name, m.municipality.districtName ?? 'Kreis');
    return { kind, title, ...size, option: { ...c.option, graphic: [footer(m.attribution)] }, table: c.table, attribution: m.attribution };
  }
  const state = q.state ?? defaultState;
  const d = await getDistrictIndicators(db, { year: q.year, offence: q.offence, state });
  const items = [...d.items].filter((i) => i.hz !== null).sort((a, b) => b.hz! - a.hz!);
  const title = `${d.offence.name} ${d.year ?? ''}: Häufigkeitszahl je Kreis`;
  const option = {
    animation: false,
    color: COLORS,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
    grid: { left: 180, right: 40, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: 'HZ', min: 0 },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name), axisLabel: { fontSize: 10 } },
    series: [
      {
        name: 'HZ',
        type: 'bar',
        data: items.map((i) => i.hz),
        label: { show: items.length <= 30, position: 'right', fontSize: 10 },
        markLine: undefined,
      },
    ],
    graphic: [footer(d.attribution)],
  };
  return {
    kind,
    title,
    ...size,
    option,
    table: { header: ['Kreis', 'HZ', 'Erfasste Fälle', 'Rang im Land'], rows: items.map((i) => [i.name, i.hz, i.cases, i.rankInState]) },
    attribution: d.attribution,
  };
}

/** Renders a definition to an SVG document on the server (ECharts SSR; the instance is disposed at once). */
export function renderChartSvg(def: ChartDefinition): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: def.width, height: def.height });
  try {
    chart.setOption(def.option as echarts.EChartsCoreOption);
    const svg = chart.renderToSVGString();
    // A title and description make the SVG accessible where it is embedded (the report).
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return svg.replace(
      /^<svg([^>]*)>/,
      `<svg$1 role="img" aria-labelledby="t d"><title id="t">${esc(def.title)}</title><desc id="d">${esc(def.attribution.join('; '))}</desc>`,
    );
  } finally {
    chart.dispose();
  }
}
