import writeXlsxFile, { type Sheet } from 'write-excel-file/node';
import type { EffectEstimate, EffectsExportQuery } from '../../../shared/effects.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { csvDownload } from '../../lib/csv.ts';
import { listEffectsForExport } from './effects.service.ts';

/*
 * Every estimate in the caller's scope as CSV (UTF-8 with BOM) or XLSX: one row per intervention
 * and field, with the comparison group, the minimum-size reason and the method version; German
 * headers as in the UI, the source of the figures below the table.
 */
type Cell = string | number | null;

const KIND: Record<EffectEstimate['interventionKind'], string> = {
  agreement: 'Kooperationsvereinbarung',
  project: 'Gefördertes Projekt',
  coaching: 'Coaching',
};

export const EXPORT_HEADER = [
  'Methode (Version)',
  'Maßnahme',
  'Maßnahme Nr.',
  'Bezeichnung',
  'AGS',
  'Gemeinde',
  'Beginn',
  'Handlungsfeld',
  'Ebene der Zahlen',
  'Schlüssel',
  'Jahre vorher',
  'Jahre nachher',
  'Fälle vorher',
  'Fälle nachher',
  'Vergleich Fälle vorher',
  'Vergleich Fälle nachher',
  'Ratenverhältnis',
  '95 %-KI unten',
  '95 %-KI oben',
  'Veränderung %',
  'Bewertung',
  'Modell',
  'Dispersion a',
  'Trendunterschied vorher % p. a.',
  'Vergleichsgruppe (AGS)',
  'Vergleichsgruppe',
  'Auswahl',
  'Gelockerte Kriterien',
  'Begründung der Auswahl',
  'Kein Ergebnis, weil',
];

export function exportRows(estimates: EffectEstimate[]): Cell[][] {
  return estimates.map((e) => [
    e.methodVersion,
    KIND[e.interventionKind],
    e.interventionId,
    e.interventionLabel,
    e.ags,
    e.municipalityName,
    e.startDate,
    e.field.name,
    e.outcome.level === 'municipality' ? 'Gemeinde' : `Kreis ${e.outcome.unitAgs}`,
    e.outcome.offenceKeys.join(' '),
    e.outcome.preYears.join(' '),
    e.outcome.postYears.join(' '),
    e.result?.treatedPreCases ?? null,
    e.result?.treatedPostCases ?? null,
    e.result?.comparisonPreCases ?? null,
    e.result?.comparisonPostCases ?? null,
    e.result ? round(e.result.rateRatio, 4) : null,
    e.result ? round(e.result.ciLow, 4) : null,
    e.result ? round(e.result.ciHigh, 4) : null,
    e.result ? round(e.result.changePct, 1) : null,
    e.result ? (e.result.noReliableEffect ? 'kein belastbarer Effekt' : e.result.rateRatio < 1 ? 'weniger Fälle' : 'mehr Fälle') : null,
    e.result?.model ?? null,
    e.result ? round(e.result.dispersion, 5) : null,
    e.result?.preTrendDifferencePct == null ? null : round(e.result.preTrendDifferencePct, 1),
    e.comparison.units.map((u) => u.ags).join(' '),
    e.comparison.units.map((u) => u.name).join('; '),
    e.comparison.source === 'chosen' ? `gewählt (${e.comparison.chosenBy ?? ''}, ${e.comparison.chosenAt ?? ''})` : 'automatisch',
    e.comparison.relaxed.join(' '),
    e.comparison.reason,
    e.suppressed,
  ]);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

const ATTRIBUTION = [
  'Quelle: Polizeiliche Kriminalstatistik (Bundeskriminalamt; Landespolizei), eigene Berechnung (Differenz der Differenzen)',
];

export async function buildEffectsExport(db: DbOrTrx, principal: Principal, q: EffectsExportQuery) {
  const estimates = await listEffectsForExport(db, principal, q);
  const header = EXPORT_HEADER;
  const rows = exportRows(estimates);
  const base = `wirkung${q.projectId ? `-projekt-${q.projectId}` : q.ags ? `-${q.ags}` : ''}${q.year ? `-${q.year}` : ''}`;
  if (q.format === 'csv') {
    return csvDownload([header, ...rows, [], ...ATTRIBUTION.map((a) => [a])], q.dialect, `${base}.csv`);
  }
  const sheet: Sheet<unknown> = {
    sheet: 'Wirkung',
    stickyRowsCount: 1,
    data: [
      header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
      [],
      ...ATTRIBUTION.map((a) => [{ value: a }]),
    ],
  };
  const body = await writeXlsxFile([sheet] as never).toBuffer();
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
}
