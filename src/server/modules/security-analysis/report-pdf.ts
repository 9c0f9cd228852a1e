/*
 * The report as a PDF in German, drawn from a stored snapshot only (so the frozen final version
 * renders the same document for ever): title page, table of contents, the profile with its charts
 * (the chart definitions rendered to SVG on the server, placed with svg-to-pdfkit), the map and
 * tables, findings and recommendations, methods and the data sources' attribution. Tagged as far
 * as PDFKit allows (headings, paragraphs, tables, figures with alternative text, page numbers as
 * artifacts); see docs/decisions/015-security-analysis-report.md for what PDF/UA would still need.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import {
  PHASE_LABELS,
  PRIORITY_LABELS,
  type ProfileChart,
  type ProfileTable,
  type ReportSnapshot,
} from '../../../shared/security-analysis.schema.ts';
import { createPdf, FONT, pdfBuffer, type PdfDocument, svgFontCallback } from '../../lib/pdf.ts';
import type { ChartDefinition } from '../../../shared/crime-stats.schema.ts';
import { renderChartSvg } from '../crime-stats/index.ts';
import { formatNumber, formatPercent } from '../../../shared/format.ts';
import { formatDate } from '../../../shared/time.ts';

const require = createRequire(import.meta.url);
type SvgToPdf = (
  doc: PdfDocument,
  svg: string,
  x: number,
  y: number,
  options: { width: number; height: number; assumePt?: boolean; fontCallback?: (family: string, bold: boolean) => string },
) => void;
const SVGtoPDF = require('svg-to-pdfkit') as SvgToPdf;

/** A table cell in German notation; years and keys stay as they are. */
const cell = (v: string | number | null, header = ''): string =>
  v === null
    ? '–'
    : typeof v === 'number'
      ? /^(Jahr|Schlüssel)$/.test(header)
        ? String(v)
        : formatNumber(v, 'de', Number.isInteger(v) ? 0 : 1)
      : v;

type Option = Record<string, unknown>;
const asList = (v: unknown): Option[] => (Array.isArray(v) ? (v as Option[]) : v && typeof v === 'object' ? [v as Option] : []);

/**
 * The stored chart definition with its numbers in German notation: value-axis ticks and bar
 * labels go through the shared formatter ("2.000", "34,3"), as on the web. The stored option
 * stays as it was (a copy is changed), so the snapshot is untouched.
 */
function germanChartOption(option: unknown): Option {
  const o = structuredClone(option) as Option;
  const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v));
  for (const key of ['xAxis', 'yAxis']) {
    const axes = asList(o[key]).map((axis) =>
      axis.type === 'value' ? { ...axis, axisLabel: { ...((axis.axisLabel as Option) ?? {}), formatter: num } } : axis,
    );
    if (axes.length) o[key] = Array.isArray(o[key]) ? axes : axes[0];
  }
  const series = asList(o.series).map((s) =>
    s.label ? { ...s, label: { ...(s.label as Option), formatter: (p: { value: unknown }) => num(p.value) } } : s,
  );
  if (series.length) o.series = series;
  return o;
}

export interface ReportPdfOptions {
  /** false: the same report without charts and map (the benchmark's baseline). */
  charts?: boolean;
}

/** Renders the snapshot to PDF bytes. The same snapshot gives the same bytes. */
export async function renderReportPdf(s: ReportSnapshot, opts: ReportPdfOptions = {}): Promise<Buffer> {
  const withCharts = opts.charts !== false;
  const p = s.profile;
  const kindLabel = s.kind === 'final' ? 'Abschlussbericht' : `Entwurf (Version ${s.number})`;
  const title = `Sicherheitsanalyse ${s.analysis.municipalityName}`;
  const doc = await createPdf({ title, subject: `${kindLabel}: ${s.analysis.title}`, author: s.analysis.contractor });
  // A fixed creation date (the snapshot's) and the file ID derived from it make the bytes reproducible.
  const created = new Date(s.createdAt);
  doc.info.CreationDate = created;
  (doc as unknown as { _id: Buffer })._id = fileId(doc.info as Record<string, unknown>);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const para = (text: string, o: { size?: number; color?: string; gap?: number } = {}) => {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(FONT.regular)
          .fontSize(o.size ?? 10.5)
          .fillColor(o.color ?? '#111111')
          .text(text, { width });
      }),
    );
    doc.moveDown(o.gap ?? 0.4);
  };
  const heading = (text: string, level: 1 | 2 = 1) => {
    root.add(
      doc.struct(level === 1 ? 'H1' : 'H2', {}, () => {
        doc
          .font(FONT.bold)
          .fontSize(level === 1 ? 17 : 13)
          .fillColor('#1f4e79')
          .text(text, { width });
      }),
    );
    doc.moveDown(0.5);
  };
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 10) doc.addPage();
  };
  const table = (t: Pick<ProfileTable, 'title' | 'header' | 'rows'>) => {
    ensure(60);
    heading(t.title, 2);
    doc.font(FONT.regular).fontSize(9).fillColor('#111111');
    doc.table({
      data: [t.header, ...t.rows.map((r) => r.map((v, j) => cell(v, t.header[j])))],
      rowStyles: (i: number) => (i === 0 ? { backgroundColor: '#e8eef6', font: { src: FONT.bold } } : {}),
      width,
    } as Parameters<PdfDocument['table']>[0]);
    doc.x = left;
    doc.moveDown(0.8);
  };
  const figure = (svg: string, alt: string, w: number, h: number) => {
    const scale = Math.min(1, width / w);
    ensure(h * scale + 10);
    const y = doc.y;
    root.add(
      doc.struct('Figure', { alt }, () => {
        SVGtoPDF(doc, svg, left, y, { width: w * scale, height: h * scale, assumePt: true, fontCallback: svgFontCallback });
      }),
    );
    doc.x = left;
    doc.y = y + h * scale + 8;
  };
  const chart = (c: ProfileChart) => {
    if (withCharts) {
      const svg = renderChartSvg({
        kind: 'district-series',
        title: c.title,
        width: c.width,
        height: c.height,
        option: germanChartOption(c.option),
        table: c.table,
        attribution: c.attribution,
      } as ChartDefinition);
      heading(`Abbildung: ${c.title}`, 2);
      figure(svg, `${c.title}. Die Werte stehen in der folgenden Tabelle.`, c.width, c.height);
    }
    table({ title: `Tabelle zur Abbildung: ${c.title}`, header: c.table.header, rows: c.table.rows });
    para(c.attribution.join(' · '), { size: 8, color: '#555555' });
  };

  // ---- title page ----
  root.add(
    doc.struct('H1', {}, () => {
      doc.font(FONT.bold).fontSize(28).fillColor('#1f4e79').text('Sicherheitsanalyse', left, 200, { width });
    }),
  );
  doc.moveDown(0.3);
  para(s.analysis.municipalityName, { size: 22, color: '#111111' });
  para(s.analysis.title, { size: 14 });
  doc.moveDown(1.5);
  para(kindLabel, { size: 14, color: '#c55a11' });
  para(`Auftragnehmer: ${s.analysis.contractor}`);
  para(`Stand: ${formatDate(s.createdAt, 'de')} · Berichtsversion ${s.number}`);
  para(`Amtlicher Gemeindeschlüssel ${s.analysis.ags} · ${p.municipality.districtName}`);

  // ---- table of contents (filled in once the sections' pages are known) ----
  doc.addPage();
  const tocPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const sections: { title: string; page: number }[] = [];
  const section = (t: string) => {
    doc.addPage();
    const range = doc.bufferedPageRange();
    sections.push({ title: t, page: range.start + range.count });
    heading(`${sections.length}. ${t}`);
  };

  section('Ablauf der Analyse');
  para(
    `Die Sicherheitsanalyse für ${s.analysis.municipalityName} wurde von ${s.analysis.contractor} durchgeführt${s.analysis.startedOn ? `; sie begann am ${formatDate(s.analysis.startedOn, 'de')}` : ''}.`,
  );
  table({
    title: 'Phasen mit geplanten und tatsächlichen Terminen',
    header: ['Phase', 'geplant von', 'geplant bis', 'tatsächlich von', 'tatsächlich bis'],
    rows: s.phases.map((ph) => [
      PHASE_LABELS[ph.phase].de,
      formatDate(ph.plannedStart, 'de'),
      formatDate(ph.plannedEnd, 'de'),
      formatDate(ph.actualStart, 'de'),
      formatDate(ph.actualEnd, 'de'),
    ]),
  });

  section('Gebietsprofil');
  for (const t of p.tables.filter((x) => x.ref === 'table:population' || x.ref === 'table:areas')) table(t);
  if (p.map) {
    if (withCharts) {
      heading(`Karte: ${p.map.title}`, 2);
      figure(p.map.svg, `${p.map.title}: die Gemeinde ist farbig hervorgehoben, die übrigen Gemeinden des Kreises grau.`, 600, 420);
    }
    para(p.map.attribution.join(' · '), { size: 8, color: '#555555' });
  }

  section('Kriminalitätslage');
  if (p.crime.level === 'none') para('Für diese Gemeinde und ihren Kreis liegen keine Zahlen der Polizeilichen Kriminalstatistik vor.');
  else {
    para(
      p.crime.level === 'municipality'
        ? `Die Zahlen beruhen auf der Polizeilichen Kriminalstatistik für die Gemeinde, Berichtsjahr ${p.crime.year}.`
        : `Für die Gemeinde selbst liegen keine Zahlen vor; gezeigt werden die Zahlen des ${p.municipality.districtName}, Berichtsjahr ${p.crime.year}.`,
    );
    for (const t of p.tables.filter((x) => x.ref === 'table:crime_indicators')) table(t);
    for (const c of p.charts.filter((x) => x.ref === 'chart:crime_series')) chart(c);
    for (const t of p.tables.filter((x) => x.ref === 'table:crime_offences')) table(t);
  }

  section('Bürgerbefragung');
  if (!p.survey) para(p.surveyNote ?? 'Keine Befragungsergebnisse.');
  else {
    para(
      `Befragung „${p.survey.title}“: ${formatNumber(p.survey.sampleSize)} Personen angeschrieben, ${formatNumber(p.survey.responses)} Antworten, Rücklaufquote ${formatPercent(p.survey.responseRate)}.`,
    );
    for (const c of p.charts.filter((x) => x.ref === 'chart:survey_indices')) chart(c);
    for (const t of p.tables.filter((x) => x.ref === 'table:survey_indices')) table(t);
  }

  section('Vergleich mit Kreis und Land');
  for (const t of p.tables.filter((x) => x.ref === 'table:comparison')) table(t);

  section('Befunde');
  if (!s.findings.length) para('Noch keine Befunde.');
  for (const f of s.findings) {
    ensure(60);
    heading(`Befund ${f.position}`, 2);
    para(f.text);
    para(`Beleg: ${f.evidenceLabel} · Handlungsfeld: ${f.fieldOfActionName} · Priorität: ${PRIORITY_LABELS[f.priority].de}`, {
      size: 9,
      color: '#444444',
      gap: 0.8,
    });
  }

  section('Empfehlungen');
  if (!s.recommendations.length) para('Noch keine Empfehlungen.');
  const findingNo = new Map(s.findings.map((f) => [f.id, f.position]));
  for (const r of s.recommendations) {
    ensure(60);
    heading(`Empfehlung ${r.position}`, 2);
    para(r.text);
    para(
      `Priorität: ${PRIORITY_LABELS[r.priority].de} · gestützt auf Befund ${r.findingIds.map((f) => findingNo.get(f) ?? '?').join(', ')}`,
      { size: 9, color: '#444444', gap: 0.8 },
    );
  }

  section('Methoden');
  const m = s.methods;
  table({
    title: 'Stichprobe und Rücklauf',
    header: ['Merkmal', 'Wert'],
    rows: [
      ['Stichprobe (angeschriebene Personen)', m.sampleSize],
      ['Auswertbare Antworten', m.responses],
      ['Rücklaufquote in %', m.responseRate],
    ],
  });
  heading('Gewichtung', 2);
  para(m.weighting);
  heading('Schutz kleiner Gruppen (Unterdrückungsregel)', 2);
  para(m.suppression);
  heading('Kennzahlen', 2);
  para(
    'Häufigkeitszahl (HZ): erfasste Fälle je 100.000 Einwohner. Aufklärungsquote: aufgeklärte Fälle je 100 erfasste Fälle. Der Trend ist die mittlere jährliche Veränderung der HZ über höchstens fünf Jahre.',
  );

  section('Datenquellen');
  for (const a of p.attribution) para(a);
  para(`Bericht erzeugt mit Praevis aus dem Datenstand vom ${formatDate(p.generatedAt, 'de')}.`, { size: 9, color: '#444444' });

  // ---- table of contents ----
  doc.switchToPage(tocPage);
  doc.x = left;
  doc.y = doc.page.margins.top;
  root.add(
    doc.struct('H1', {}, () => {
      doc.font(FONT.bold).fontSize(17).fillColor('#1f4e79').text('Inhalt', { width });
    }),
  );
  doc.moveDown(0.6);
  const toc = doc.struct('TOC');
  root.add(toc);
  sections.forEach((sec, i) => {
    toc.add(
      doc.struct('TOCI', {}, () => {
        doc
          .font(FONT.regular)
          .fontSize(11)
          .fillColor('#111111')
          .text(`${i + 1}. ${sec.title}`, left, doc.y, { width: width - 40, continued: false });
        doc.moveUp();
        doc.text(String(sec.page), left, doc.y, { width, align: 'right' });
      }),
    );
    doc.moveDown(0.3);
  });
  toc.end();
  root.end();
  numberReportPages(doc);
  return pdfBuffer(doc);
}

/**
 * "Seite x von y" at the foot of every page, as an artifact. Like `numberPages` in lib/pdf.ts, but
 * the bottom margin is lifted while writing: text below the margin otherwise makes PDFKit open a
 * new, empty page for each number.
 */
function numberReportPages(doc: PdfDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const y = doc.page.height - bottom + 16;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font(FONT.regular)
      .fontSize(9)
      .fillColor('#444444')
      .text(`Seite ${i - range.start + 1} von ${range.count}`, left, y, {
        width: doc.page.width - left - right,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/** PDFKit's file ID (an MD5 of the info dictionary), computed again after the creation date was fixed. */
function fileId(info: Record<string, unknown>): Buffer {
  let s = `${(info.CreationDate as Date).getTime()}\n`;
  for (const key of Object.keys(info)) s += `${key}: ${(info[key] as { valueOf(): unknown }).valueOf()}\n`;
  return crypto.createHash('md5').update(s).digest();
}
