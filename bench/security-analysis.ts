/*
 * The security-analysis report as PDF: a report of about 20 pages with 10 charts (ECharts option
 * → SVG on the server → svg-to-pdfkit) and the location map (the real VG5000 boundaries of the
 * Erzgebirgskreis, drawn with d3-geo), beside the same report without charts and map, rendered in
 * the same run. The snapshot is built in memory with the shapes a stored report has.
 * Target: under 3 s for the report with charts.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { MultiPolygon, Polygon } from 'geojson';
import { renderLocationMap, type AreaFeature } from '../src/server/modules/security-analysis/profile.ts';
import { renderReportPdf } from '../src/server/modules/security-analysis/report-pdf.ts';
import { reportSnapshot } from '../src/server/modules/security-analysis/report.fixtures.ts';
import { pdfText } from '../src/server/test/pdf-text.ts';
import { REAL_FILES, sharedDataFile } from '../src/server/test/shared-data.ts';

async function time(label: string, fn: () => Promise<Buffer>, runs = 5): Promise<{ label: string; median: number; pages: number }> {
  let bytes = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    bytes = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(runs / 2)]!, pages: (await pdfText(bytes)).pages.length };
}

export default async function run(): Promise<void> {
  const file = sharedDataFile(REAL_FILES.municipalityBoundaries);
  if (!file) return;
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: { AGS: string; GEN: string; KREIS_AGS: string }; geometry: Polygon | MultiPolygon }[];
  };
  const features: AreaFeature[] = fc.features
    .filter((f) => f.properties.KREIS_AGS === '14521')
    .map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ags: f.properties.AGS, name: f.properties.GEN } }));
  const map = renderLocationMap(features, '14521035', 'Lage von Annaberg-Buchholz im Erzgebirgskreis');
  if (!map) throw new Error('no map for Annaberg-Buchholz');
  const s = reportSnapshot(map);
  const baseline = await time('same report without charts and map', () => renderReportPdf(s, { charts: false }));
  const full = await time('report with 10 charts and the map', () => renderReportPdf(s));
  for (const r of [baseline, full]) process.stdout.write(`${r.label.padEnd(40)} ${r.pages} pages  median ${r.median.toFixed(0)} ms\n`);
  process.stdout.write(
    `target < 3000 ms with charts: ${full.median < 3000 ? 'met' : 'NOT met'} (charts and map add ${(full.median - baseline.median).toFixed(0)} ms)\n`,
  );
}
