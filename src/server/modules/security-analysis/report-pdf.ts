/*
 * The report as a PDF in German, drawn from a stored snapshot only (so the frozen final version
 * renders the same document for ever): title page, table of contents, the profile with its charts
 * (the chart definitions rendered to SVG on the server), the map and tables, findings and
 * recommendations, methods and the data sources' attribution. Laid out and tagged by the one
 * layout layer (lib/pdf-layout.ts, decision 025); see decision 015 for the report itself.
 */
import {
  PHASE_LABELS,
  PRIORITY_LABELS,
  type ProfileChart,
  type ProfileTable,
  type ReportSnapshot,
} from '../../../shared/security-analysis.schema.ts';
import { createLayout, type TableSpec } from '../../lib/pdf-layout.ts';
import type { ChartDefinition } from '../../../shared/crime-stats.schema.ts';
import { renderChartSvg } from '../crime-stats/index.ts';
import { localiseChartOption } from '../../../shared/chart-format.ts';
import { formatNumber, formatPercent } from '../../../shared/format.ts';
import { formatDate } from '../../../shared/time.ts';

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
 * stays as it was (a copy is changed), so the snapshot is untouched. A title longer than the
 * chart is cut with an ellipsis inside it (the heading above the figure gives it in full).
 */
function germanChartOption(option: unknown, width: number): Option {
  const o = structuredClone(option) as Option;
  const titles = asList(o.title).map((t) => ({
    ...t,
    textStyle: { ...((t.textStyle as Option) ?? {}), width: width - 2 * Number(t.left ?? 8), overflow: 'truncate' },
  }));
  if (titles.length) o.title = Array.isArray(o.title) ? titles : titles[0];
  // Numbers on axes and labels as on the page (the shared chart formatters), in German.
  return localiseChartOption(o, 'de');
}

export interface ReportPdfOptions {
  /** false: the same report without charts and map (the benchmark's baseline). */
  charts?: boolean;
}

const SECTIONS = 9;

/** Renders the snapshot to PDF bytes. The same snapshot gives the same bytes. */
export async function renderReportPdf(s: ReportSnapshot, opts: ReportPdfOptions = {}): Promise<Buffer> {
  const withCharts = opts.charts !== false;
  const p = s.profile;
  const kindLabel = s.kind === 'final' ? 'Abschlussbericht' : `Entwurf (Version ${s.number})`;
  const title = `Sicherheitsanalyse ${s.analysis.municipalityName}`;
  // A fixed creation date (the snapshot's) and the file ID derived from it make the bytes reproducible.
  const pdf = createLayout({
    title,
    subject: `${kindLabel}: ${s.analysis.title}`,
    author: s.analysis.contractor,
    created: new Date(s.createdAt),
  });
  const table = (t: Pick<ProfileTable, 'title' | 'header' | 'rows'>): TableSpec => ({
    caption: t.title,
    header: t.header,
    rows: t.rows.map((r) => r.map((v, j) => cell(v, t.header[j]))),
  });
  const chart = (c: ProfileChart) =>
    pdf.chart({
      title: `Abbildung: ${c.title}`,
      figure: withCharts
        ? {
            svg: renderChartSvg({
              kind: 'district-series',
              title: c.title,
              width: c.width,
              height: c.height,
              option: germanChartOption(c.option, c.width),
              table: c.table,
              attribution: c.attribution,
            } as ChartDefinition),
            alt: `${c.title}. Die Werte stehen in der folgenden Tabelle.`,
            width: c.width,
            height: c.height,
          }
        : null,
      table: table({ title: `Tabelle zur Abbildung: ${c.title}`, header: c.table.header, rows: c.table.rows }),
      source: c.attribution.join(' · '),
    });
  let sectionNo = 0;
  const section = (t: string) => {
    pdf.newPage();
    sectionNo += 1;
    pdf.heading(`${sectionNo}. ${t}`, 1);
  };
  const note = { size: 9, color: '#444444', gapAfter: 10 };

  // ---- title page ----
  pdf.moveTo(200);
  pdf.heading('Sicherheitsanalyse', 1, { size: 28, gapAfter: 12 });
  pdf.paragraph(s.analysis.municipalityName, { size: 22 });
  pdf.paragraph(s.analysis.title, { size: 14, gapAfter: 30 });
  pdf.paragraph(kindLabel, { size: 14, color: '#c55a11' });
  pdf.paragraph(`Auftragnehmer: ${s.analysis.contractor}`);
  pdf.paragraph(`Stand: ${formatDate(s.createdAt, 'de')} · Berichtsversion ${s.number}`);
  pdf.paragraph(`Amtlicher Gemeindeschlüssel ${s.analysis.ags} · ${p.municipality.districtName}`);

  // ---- table of contents (filled in once the sections' pages are known) ----
  pdf.contents('Inhalt', SECTIONS);

  section('Ablauf der Analyse');
  pdf.paragraph(
    `Die Sicherheitsanalyse für ${s.analysis.municipalityName} wurde von ${s.analysis.contractor} durchgeführt${s.analysis.startedOn ? `; sie begann am ${formatDate(s.analysis.startedOn, 'de')}` : ''}.`,
  );
  pdf.table(
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
    }),
  );

  section('Gebietsprofil');
  for (const t of p.tables.filter((x) => x.ref === 'table:population' || x.ref === 'table:areas')) pdf.table(table(t));
  if (p.map) {
    if (withCharts) {
      pdf.heading(`Karte: ${p.map.title}`, 2);
      pdf.figure({
        svg: p.map.svg,
        alt: `${p.map.title}: die Gemeinde ist farbig hervorgehoben, die übrigen Gemeinden des Kreises grau.`,
        width: 600,
        height: 420,
      });
    }
    pdf.paragraph(p.map.attribution.join(' · '), { size: 8, color: '#555555' });
  }

  section('Kriminalitätslage');
  if (p.crime.level === 'none')
    pdf.paragraph('Für diese Gemeinde und ihren Kreis liegen keine Zahlen der Polizeilichen Kriminalstatistik vor.');
  else {
    pdf.paragraph(
      p.crime.level === 'municipality'
        ? `Die Zahlen beruhen auf der Polizeilichen Kriminalstatistik für die Gemeinde, Berichtsjahr ${p.crime.year}.`
        : `Für die Gemeinde selbst liegen keine Zahlen vor; gezeigt werden die Zahlen des ${p.municipality.districtName}, Berichtsjahr ${p.crime.year}.`,
    );
    for (const t of p.tables.filter((x) => x.ref === 'table:crime_indicators')) pdf.table(table(t));
    for (const c of p.charts.filter((x) => x.ref === 'chart:crime_series')) chart(c);
    for (const t of p.tables.filter((x) => x.ref === 'table:crime_offences')) pdf.table(table(t));
  }

  section('Bürgerbefragung');
  if (!p.survey) pdf.paragraph(p.surveyNote ?? 'Keine Befragungsergebnisse.');
  else {
    pdf.paragraph(
      `Befragung „${p.survey.title}“: ${formatNumber(p.survey.sampleSize)} Personen angeschrieben, ${formatNumber(p.survey.responses)} Antworten, Rücklaufquote ${formatPercent(p.survey.responseRate)}.`,
    );
    for (const c of p.charts.filter((x) => x.ref === 'chart:survey_indices')) chart(c);
    for (const t of p.tables.filter((x) => x.ref === 'table:survey_indices')) pdf.table(table(t));
  }

  section('Vergleich mit Kreis und Land');
  for (const t of p.tables.filter((x) => x.ref === 'table:comparison')) pdf.table(table(t));

  section('Befunde');
  if (!s.findings.length) pdf.paragraph('Noch keine Befunde.');
  for (const f of s.findings) {
    pdf.heading(`Befund ${f.position}`, 2);
    pdf.paragraph(f.text);
    pdf.paragraph(`Beleg: ${f.evidenceLabel} · Handlungsfeld: ${f.fieldOfActionName} · Priorität: ${PRIORITY_LABELS[f.priority].de}`, note);
  }

  section('Empfehlungen');
  if (!s.recommendations.length) pdf.paragraph('Noch keine Empfehlungen.');
  const findingNo = new Map(s.findings.map((f) => [f.id, f.position]));
  for (const r of s.recommendations) {
    pdf.heading(`Empfehlung ${r.position}`, 2);
    pdf.paragraph(r.text);
    pdf.paragraph(
      `Priorität: ${PRIORITY_LABELS[r.priority].de} · gestützt auf Befund ${r.findingIds.map((f) => findingNo.get(f) ?? '?').join(', ')}`,
      note,
    );
  }

  section('Methoden');
  const m = s.methods;
  pdf.table(
    table({
      title: 'Stichprobe und Rücklauf',
      header: ['Merkmal', 'Wert'],
      rows: [
        ['Stichprobe (angeschriebene Personen)', m.sampleSize],
        ['Auswertbare Antworten', m.responses],
        ['Rücklaufquote in %', m.responseRate],
      ],
    }),
  );
  pdf.heading('Gewichtung', 2);
  pdf.paragraph(m.weighting);
  pdf.heading('Schutz kleiner Gruppen (Unterdrückungsregel)', 2);
  pdf.paragraph(m.suppression);
  pdf.heading('Kennzahlen', 2);
  pdf.paragraph(
    'Häufigkeitszahl (HZ): erfasste Fälle je 100.000 Einwohner. Aufklärungsquote: aufgeklärte Fälle je 100 erfasste Fälle. Der Trend ist die mittlere jährliche Veränderung der HZ über höchstens fünf Jahre.',
  );

  section('Datenquellen');
  for (const a of p.attribution) pdf.paragraph(a);
  pdf.paragraph(`Bericht erzeugt mit Praevis aus dem Datenstand vom ${formatDate(p.generatedAt, 'de')}.`, note);
  return pdf.finish();
}
