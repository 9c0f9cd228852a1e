/*
 * The annual report as a PDF in German, drawn from a snapshot only (so a frozen version renders
 * the same document for ever): title page, contents, one numbered section per entry of the
 * snapshot's section list, tables with their captions, the fact box. Laid out and tagged by the
 * one layout layer (lib/pdf-layout.ts, decision 025); see decision 031 for the report itself.
 */
import type { AnnualReportSnapshot } from '../../../shared/annual-report.schema.ts';
import { ANNUAL_REPORT_SECTION_LABELS, EFFECTS_REASON_LABELS } from '../../../shared/annual-report.schema.ts';
import { formatMoney, formatNumber, formatPercent } from '../../../shared/format.ts';
import { formatDate } from '../../../shared/time.ts';
import { createLayout, type TableSpec } from '../../lib/pdf-layout.ts';

const n = (v: number | null) => (v === null ? '–' : formatNumber(v, 'de', 0));
const signed = (v: number) => (v > 0 ? `+${formatNumber(v, 'de', 0)}` : v < 0 ? `−${formatNumber(-v, 'de', 0)}` : '±0');
const ratio = (v: number | null) => (v === null ? '–' : formatNumber(v, 'de', 2));
const money = (cents: number | null) => (cents === null ? '–' : formatMoney(cents, 'de'));

/** Renders the snapshot to PDF bytes. The same snapshot gives the same bytes. */
export async function renderAnnualReportPdf(s: AnnualReportSnapshot, number: number | null): Promise<Buffer> {
  const title = `Jahresbericht ${s.year}`;
  const versionLabel = number === null ? 'Aktueller Datenstand (nicht eingefroren)' : `Eingefrorene Fassung ${number}`;
  // A fixed creation date (the snapshot's) and the file ID derived from it make the bytes reproducible.
  const pdf = createLayout({ title, subject: `${s.programmeName}: ${title}`, author: s.programmeName, created: new Date(s.createdAt) });
  const at = formatDate(s.to, 'de');
  const before = formatDate(s.previousTo, 'de');

  pdf.moveTo(200);
  pdf.heading(title, 1, { size: 28, gapAfter: 12 });
  pdf.paragraph(s.programmeName, { size: 20 });
  pdf.paragraph(`Berichtsjahr ${s.year}: ${formatDate(s.from, 'de')} bis ${at}`, { size: 14, gapAfter: 24 });
  pdf.paragraph(versionLabel, { size: 14, color: '#c55a11' });
  pdf.paragraph(`Stand der Daten: ${formatDate(s.createdAt, 'de')}`);

  pdf.contents('Inhalt', s.sections.length);

  s.sections.forEach((section, i) => {
    pdf.newPage();
    pdf.heading(`${i + 1}. ${ANNUAL_REPORT_SECTION_LABELS[section].de}`, 1);
    switch (section) {
      case 'figures': {
        pdf.paragraph(
          `Die Netzwerkkennzahlen am ${at} im Vergleich zum ${before}, berechnet aus den erfassten Ereignissen aller Kommunen (Beratungen, Vereinbarungen, Coaching, Sicherheitsanalysen, Austritte).`,
        );
        pdf.table({
          caption: `Netzwerkkennzahlen ${s.year} und Veränderung zum Vorjahr`,
          header: ['Kennzahl', `Stand ${at}`, `Stand ${before}`, 'Veränderung'],
          rows: s.figures.map((f) => [f.label, n(f.current), n(f.previous), signed(f.change)]),
          widths: [3, 1, 1, 1],
        });
        if (s.districts.length)
          pdf.table({
            caption: 'Kommunen in Zusammenarbeit und mit Kooperationsvereinbarung nach Kreisen',
            header: ['Kreis', 'in Zusammenarbeit', 'im Vorjahr', 'mit Vereinbarung', 'im Vorjahr'],
            rows: s.districts.map((d) => [
              d.name,
              n(d.inCollaboration),
              n(d.inCollaborationPrevious),
              n(d.communesCoveredByAgreements),
              n(d.communesCoveredByAgreementsPrevious),
            ]),
            widths: [2, 2, 1.2, 2.2, 1.2],
            align: ['left', 'right', 'right', 'right', 'right'],
          });
        break;
      }
      case 'joined':
        if (!s.joined.length) pdf.paragraph(`Im Jahr ${s.year} hat keine Kommune ihre erste Kooperationsvereinbarung unterzeichnet.`);
        else {
          pdf.paragraph(
            `Im Jahr ${s.year} ${s.joined.length === 1 ? 'hat eine Kommune' : `haben ${n(s.joined.length)} Kommunen`} ihre erste Kooperationsvereinbarung unterzeichnet.`,
          );
          pdf.table({
            caption: `Neu beigetretene Kommunen ${s.year}`,
            header: ['Kommune', 'Kreis', 'unterzeichnet am', 'Rang im Kreis'],
            rows: s.joined.map((j) => [j.name, j.districtName, formatDate(j.signedOn, 'de'), j.rank === null ? '–' : `${j.rank}.`]),
            widths: [3, 3, 2, 1],
          });
        }
        break;
      case 'funding': {
        const f = s.funding;
        if (!f) {
          pdf.paragraph(`Für ${s.year} ist kein Förderprogramm angelegt.`);
          break;
        }
        const share = f.budgetCents > 0 ? (f.committedCents / f.budgetCents) * 100 : null;
        pdf.paragraph(
          `Förderprogramm „${f.programmeName}“: Budget ${money(f.budgetCents)}, bewilligt ${money(f.committedCents)}${share === null ? '' : ` (${formatPercent(share)} des Budgets)`}, ausgezahlt ${money(f.paidCents)}, frei ${money(f.freeCents)}. ${n(f.applications)} ${f.applications === 1 ? 'Antrag' : 'Anträge'} eingereicht, ${n(f.approved)} bewilligt.`,
        );
        const byField: TableSpec = {
          caption: `Förderung ${s.year} nach Handlungsfeldern`,
          header: ['Handlungsfeld', 'Kontingent', 'Beantragt', 'Bewilligt', 'Ausgezahlt', 'Anträge'],
          rows: [
            ...f.byField.map((x) => [
              x.name,
              money(x.quotaCents),
              money(x.requestedCents),
              money(x.committedCents),
              money(x.paidCents),
              n(x.applications),
            ]),
            [
              'Gesamt (Budget)',
              money(f.budgetCents),
              money(f.requestedCents),
              money(f.committedCents),
              money(f.paidCents),
              n(f.applications),
            ],
          ],
          widths: [3, 2, 2, 2, 2, 1.4],
          align: ['left', 'right', 'right', 'right', 'right', 'right'],
        };
        pdf.table(byField);
        pdf.heading('Geförderte Projekte', 2);
        if (!f.projects.length) pdf.paragraph('Noch kein Projekt bewilligt.');
        else
          pdf.table({
            caption: `Geförderte Projekte ${s.year} (bewilligt zusammen ${money(f.totalApprovedCents)})`,
            header: ['Projekt', 'Kommune', 'Handlungsfeld', 'Bewilligt'],
            rows: f.projects.map((x) => [x.title, x.municipalityName, x.fieldName, money(x.approvedCents)]),
            widths: [4, 2, 3, 2],
          });
        break;
      }
      case 'training': {
        const t = s.training;
        pdf.paragraph(
          `Im Jahr ${s.year}: ${n(t.totals.enrolments)} Anmeldungen zu Fortbildungen, ${n(t.totals.completions)} Abschlüsse, ${n(t.totals.withdrawn)} Abmeldungen (nach dem Beginn des Kurses gezählt).`,
        );
        if (t.byDistrict.length)
          pdf.table({
            caption: `Fortbildung ${s.year} nach Kreisen`,
            header: ['Kreis', 'Anmeldungen', 'Abschlüsse', 'Abmeldungen'],
            rows: [
              ...t.byDistrict.map((d) => [d.name || 'ohne Kommune', n(d.enrolments), n(d.completions), n(d.withdrawn)]),
              ['Gesamt', n(t.totals.enrolments), n(t.totals.completions), n(t.totals.withdrawn)],
            ],
            widths: [3, 1, 1, 1],
          });
        break;
      }
      case 'coachingAnalyses': {
        const c = s.coachingAnalyses;
        pdf.table({
          caption: 'Coaching und Sicherheitsanalysen',
          header: ['Kennzahl', `Stand ${at}`, `Stand ${before}`],
          rows: [
            ['Laufende Coachingprozesse', n(c.coachingRunning), n(c.coachingRunningPrevious)],
            ['Laufende Sicherheitsanalysen', n(c.analysesUnderWay), n(c.analysesUnderWayPrevious)],
            [
              'Abgeschlossene Sicherheitsanalysen (gesamt)',
              n(c.analysesCompletedTotal),
              n(c.analysesCompletedTotal - c.analysesCompletedInYear),
            ],
          ],
          widths: [3, 1, 1],
        });
        pdf.paragraph(`Im Jahr ${s.year} abgeschlossene Sicherheitsanalysen: ${n(c.analysesCompletedInYear)}.`);
        break;
      }
      case 'effects': {
        const e = s.effects;
        if (!e) break;
        pdf.paragraph(
          `Wirkung je Handlungsfeld: Fallzahlen der Polizei nach Maßnahmen, die vor ${s.year} begonnen haben, im Vergleich mit ähnlichen Kommunen ohne solche Maßnahme (Differenz der Differenzen, Methode ${e.methodVersion}). Ein Ratenverhältnis unter 1 bedeutet weniger Fälle als erwartet.`,
        );
        pdf.table({
          caption: `Wirkung ${s.year} nach Handlungsfeldern (zusammengefasstes Ratenverhältnis mit 95 %-Intervall)`,
          header: ['Handlungsfeld', 'Maßnahmen', 'Schätzungen', 'Ratenverhältnis', '95 %-Intervall', 'Aussage'],
          rows: e.fields.map((f) => [
            f.name,
            n(f.interventions),
            n(f.estimates),
            ratio(f.rateRatio),
            f.ciLow === null || f.ciHigh === null ? '–' : `${ratio(f.ciLow)} bis ${ratio(f.ciHigh)}`,
            f.rateRatio === null
              ? `keine Schätzung: ${f.reason ? EFFECTS_REASON_LABELS[f.reason].de : 'keine Maßnahme'}`
              : f.noReliableEffect
                ? 'kein belastbarer Effekt'
                : f.rateRatio < 1
                  ? 'weniger Fälle als erwartet'
                  : 'mehr Fälle als erwartet',
          ]),
          widths: [3, 1.4, 1.4, 1.6, 2, 3],
          align: ['left', 'right', 'right', 'right', 'right', 'left'],
        });
        pdf.heading('Grenzen der Schätzung', 2);
        for (const c of e.caveats.de) pdf.paragraph(c);
        break;
      }
      case 'factBox':
        pdf.paragraph(`Für eine Pressemitteilung, Stand ${formatDate(s.factBox.at, 'de', 'long')}:`);
        pdf.paragraph(s.factBox.de);
        break;
    }
  });
  return pdf.finish();
}
