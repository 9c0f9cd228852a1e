import writeXlsxFile, { type Sheet } from 'write-excel-file/node';
import type { EffectEstimate, EffectsExportQuery, SurveyEffectEstimate } from '../../../shared/effects.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { csvDownload } from '../../lib/csv.ts';
import { listEffectsForExport } from './effects.service.ts';

/*
 * Every estimate in the caller's scope as CSV (UTF-8 with BOM) or XLSX: one row per intervention
 * and field, with the comparison group, the minimum-size reason and the method version; German
 * headers as in the UI, the source of the figures below the table. The survey index effects follow
 * as a second table (CSV: below the first under its name; XLSX: a sheet of their own).
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

export const SURVEY_EXPORT_HEADER = [
  'Methode (Version)',
  'Maßnahme',
  'Maßnahme Nr.',
  'Bezeichnung',
  'AGS',
  'Gemeinde',
  'Beginn',
  'Befragungsindex',
  'Einheit',
  'Welle vorher',
  'Feldphase vorher',
  'Wert vorher',
  'SE vorher',
  'Befragte vorher',
  'Welle nachher',
  'Feldphase nachher',
  'Wert nachher',
  'SE nachher',
  'Befragte nachher',
  'Veränderung',
  'Veränderung Vergleich',
  'Differenz der Differenzen',
  'Standardfehler',
  '95 %-KI unten',
  '95 %-KI oben',
  'Bewertung',
  'Vergleichsgruppe (AGS)',
  'Vergleichsgruppe',
  'Kein Ergebnis, weil',
];

const UNIT = { share: 'Anteil (0–1)', score: 'Punkte (0–100)' } as const;

export function surveyExportRows(estimates: SurveyEffectEstimate[]): Cell[][] {
  const r4 = (v: number | null | undefined) => (v === null || v === undefined ? null : round(v, 4));
  return estimates.map((e) => [
    e.methodVersion,
    KIND[e.interventionKind],
    e.interventionId,
    e.interventionLabel,
    e.ags,
    e.municipalityName,
    e.startDate,
    e.index?.name ?? null,
    e.index ? UNIT[e.index.unit] : null,
    e.treated.pre?.title ?? null,
    e.treated.pre ? `${e.treated.pre.fieldStart} – ${e.treated.pre.fieldEnd}` : null,
    r4(e.treated.pre?.value),
    r4(e.treated.pre?.se),
    e.treated.pre?.n ?? null,
    e.treated.post?.title ?? null,
    e.treated.post ? `${e.treated.post.fieldStart} – ${e.treated.post.fieldEnd}` : null,
    r4(e.treated.post?.value),
    r4(e.treated.post?.se),
    e.treated.post?.n ?? null,
    r4(e.result?.treatedChange),
    r4(e.result?.comparisonChange),
    r4(e.result?.difference),
    r4(e.result?.se),
    r4(e.result?.ciLow),
    r4(e.result?.ciHigh),
    e.result ? (e.result.noReliableEffect ? 'kein belastbarer Effekt' : e.result.difference < 0 ? 'Rückgang' : 'Anstieg') : null,
    e.comparison.units.map((u) => u.ags).join(' '),
    e.comparison.units.map((u) => u.name).join('; '),
    e.suppressed,
  ]);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

const ATTRIBUTION = [
  'Quelle: Polizeiliche Kriminalstatistik (Bundeskriminalamt; Landespolizei), eigene Berechnung (Differenz der Differenzen)',
];
const SURVEY_TITLE = 'Befragungsindizes';
const SURVEY_ATTRIBUTION = [
  'Quelle: Bürgerbefragungen (abgeschlossene Wellen), eigene Berechnung (Differenz der Differenzen, linearisierte Standardfehler)',
];

export async function buildEffectsExport(db: DbOrTrx, principal: Principal, q: EffectsExportQuery) {
  const { estimates, surveyEstimates } = await listEffectsForExport(db, principal, q);
  const header = EXPORT_HEADER;
  const rows = exportRows(estimates);
  const surveyRows = surveyExportRows(surveyEstimates);
  const base = `wirkung${q.projectId ? `-projekt-${q.projectId}` : q.ags ? `-${q.ags}` : ''}${q.year ? `-${q.year}` : ''}`;
  if (q.format === 'csv') {
    return csvDownload(
      [
        header,
        ...rows,
        [],
        ...ATTRIBUTION.map((a) => [a]),
        [],
        [SURVEY_TITLE],
        SURVEY_EXPORT_HEADER,
        ...surveyRows,
        [],
        ...SURVEY_ATTRIBUTION.map((a) => [a]),
      ],
      q.dialect,
      `${base}.csv`,
    );
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
  const surveySheet: Sheet<unknown> = {
    sheet: SURVEY_TITLE,
    stickyRowsCount: 1,
    data: [
      SURVEY_EXPORT_HEADER.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...surveyRows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
      [],
      ...SURVEY_ATTRIBUTION.map((a) => [{ value: a }]),
    ],
  };
  const body = await writeXlsxFile([sheet, surveySheet] as never).toBuffer();
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
}
