import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import { type AnnualReportSnapshot, EFFECTS_REASON_LABELS } from '../../../shared/annual-report.schema.ts';
import { type CsvDialect, csvDownload } from '../../lib/csv.ts';

/*
 * The tables of an annual report as CSV (UTF-8 with BOM; the tables one below the other, each
 * under its name, as the funding export does) or XLSX (one sheet per table). Amounts in euros
 * with two decimals, drawn from a snapshot only, so a frozen version exports the same tables for
 * ever.
 */

type Cell = string | number | null;
export interface ReportTable {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** Euros with two decimals as a number, computed from cents by integer division and remainder. */
const euros = (cents: number): number => {
  const abs = Math.abs(cents);
  return Number(`${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
};

/** A ratio to three decimals (the snapshot keeps the full value). */
const round3 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

/** The report's tables with German headers, in the order of its sections. */
export function reportTables(s: AnnualReportSnapshot): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const section of s.sections) {
    switch (section) {
      case 'figures':
        tables.push({
          name: 'Netzwerk',
          header: ['Kennzahl', `Stand ${s.to}`, `Stand ${s.previousTo}`, 'Veränderung'],
          rows: s.figures.map((f) => [f.label, f.current, f.previous, f.change]),
        });
        tables.push({
          name: 'Kreise',
          header: [
            'Kreisschlüssel',
            'Kreis',
            'Kommunen in Zusammenarbeit',
            'im Vorjahr',
            'Kommunen mit Kooperationsvereinbarung',
            'im Vorjahr',
          ],
          rows: s.districts.map((d) => [
            d.ags,
            d.name,
            d.inCollaboration,
            d.inCollaborationPrevious,
            d.communesCoveredByAgreements,
            d.communesCoveredByAgreementsPrevious,
          ]),
        });
        break;
      case 'joined':
        tables.push({
          name: 'Beitritte',
          header: ['AGS', 'Kommune', 'Kreis', 'Kooperationsvereinbarung vom', 'Rang im Kreis'],
          rows: s.joined.map((j) => [j.ags, j.name, j.districtName, j.signedOn, j.rank]),
        });
        break;
      case 'funding': {
        const f = s.funding;
        tables.push({
          name: 'Förderung',
          header: ['Handlungsfeld', 'Kontingent (EUR)', 'Beantragt (EUR)', 'Bewilligt (EUR)', 'Ausgezahlt (EUR)', 'Anträge'],
          rows: f
            ? [
                ...f.byField.map((x) => [
                  x.name,
                  x.quotaCents === null ? null : euros(x.quotaCents),
                  euros(x.requestedCents),
                  euros(x.committedCents),
                  euros(x.paidCents),
                  x.applications,
                ]),
                [
                  'Gesamt (Budget)',
                  euros(f.budgetCents),
                  euros(f.requestedCents),
                  euros(f.committedCents),
                  euros(f.paidCents),
                  f.applications,
                ],
              ]
            : [],
        });
        tables.push({
          name: 'Geförderte Projekte',
          header: ['Projekt', 'Kommune', 'Kreis', 'Handlungsfeld', 'Bewilligt (EUR)'],
          rows: (f?.projects ?? []).map((x) => [x.title, x.municipalityName, x.districtName, x.fieldName, euros(x.approvedCents)]),
        });
        break;
      }
      case 'training':
        tables.push({
          name: 'Fortbildung',
          header: ['Kreisschlüssel', 'Kreis', 'Anmeldungen', 'Abschlüsse', 'Abmeldungen'],
          rows: [
            ...s.training.byDistrict.map((d) => [d.key, d.name, d.enrolments, d.completions, d.withdrawn]),
            ['', 'Gesamt', s.training.totals.enrolments, s.training.totals.completions, s.training.totals.withdrawn],
          ],
        });
        break;
      case 'coachingAnalyses': {
        const c = s.coachingAnalyses;
        tables.push({
          name: 'Coaching und Analysen',
          header: ['Kennzahl', `Stand ${s.to}`, `Stand ${s.previousTo}`],
          rows: [
            ['Laufende Coachingprozesse', c.coachingRunning, c.coachingRunningPrevious],
            ['Laufende Sicherheitsanalysen', c.analysesUnderWay, c.analysesUnderWayPrevious],
            [`Im Jahr ${s.year} abgeschlossene Sicherheitsanalysen`, c.analysesCompletedInYear, null],
            ['Abgeschlossene Sicherheitsanalysen (gesamt)', c.analysesCompletedTotal, c.analysesCompletedTotal - c.analysesCompletedInYear],
          ],
        });
        break;
      }
      case 'effects': {
        const e = s.effects;
        if (!e) break;
        tables.push({
          name: 'Wirkung',
          header: [
            'Handlungsfeld',
            'Maßnahmen',
            'Schätzungen',
            'Ratenverhältnis',
            '95 %-Intervall von',
            '95 %-Intervall bis',
            'Kein belastbarer Effekt',
            'Grund ohne Schätzung',
            'Methode',
          ],
          rows: e.fields.map((f) => [
            f.name,
            f.interventions,
            f.estimates,
            round3(f.rateRatio),
            round3(f.ciLow),
            round3(f.ciHigh),
            f.noReliableEffect === null ? null : f.noReliableEffect ? 'ja' : 'nein',
            f.rateRatio !== null ? null : f.reason ? EFFECTS_REASON_LABELS[f.reason].de : 'keine Maßnahme',
            e.methodVersion,
          ]),
        });
        tables.push({ name: 'Grenzen der Wirkung', header: ['Hinweis'], rows: e.caveats.de.map((c) => [c]) });
        break;
      }
      case 'factBox':
        tables.push({ name: 'Faktenbox', header: ['Stand', 'Text'], rows: [[s.factBox.at, s.factBox.de]] });
        break;
    }
  }
  return tables;
}

/** The report's tables as one CSV file or one XLSX workbook. */
export async function buildReportExport(
  s: AnnualReportSnapshot,
  number: number | null,
  format: 'csv' | 'xlsx',
  dialect: CsvDialect,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const tables = reportTables(s);
  const base = `jahresbericht-${s.year}${number === null ? '-aktuell' : `-fassung-${number}`}`;
  if (format === 'csv') {
    const rows = tables.flatMap((t) => [[t.name], t.header, ...t.rows, []]);
    return csvDownload(rows, dialect, `${base}.csv`);
  }
  const sheets: Sheet<unknown>[] = tables.map((t) => ({
    sheet: t.name,
    stickyRowsCount: 1,
    data: [
      t.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...t.rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
    ],
  }));
  return xlsxDownload(sheets, `${base}.xlsx`);
}
