import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import type { EffectEstimate, EffectsExportQuery, SurveyEffectEstimate } from '../../../shared/effects.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Lang } from '../../http/problem.ts';
import { csvDownload } from '../../lib/csv.ts';
import { listEffectsForExport } from './effects.service.ts';

/*
 * Every estimate in the caller's scope as CSV (UTF-8 with BOM) or XLSX: one row per intervention
 * and field, with the comparison group, the minimum-size reason and the method version; headers and
 * labels in the language asked for (German as in the UI, or English), dates as ISO dates in both,
 * the source of the figures below the table. The survey index effects follow as a second table
 * (CSV: below the first under its name; XLSX: a sheet of their own).
 */
type Cell = string | number | null;

interface ExportTexts {
  kind: Record<EffectEstimate['interventionKind'], string>;
  header: string[];
  municipality: string;
  district: string;
  assessment: { none: string; fewer: string; more: string };
  chosen: string;
  automatic: string;
  attribution: string;
  sheet: string;
  surveyTitle: string;
  surveyHeader: string[];
  unit: Record<'share' | 'score', string>;
  surveyAssessment: { none: string; lower: string; higher: string };
  surveyAttribution: string;
}

/** The columns that name the intervention, first in both tables. */
const INTERVENTION_COLUMNS: Record<Lang, string[]> = {
  de: ['Methode (Version)', 'Maßnahme', 'Maßnahme Nr.', 'Bezeichnung', 'AGS', 'Gemeinde', 'Beginn'],
  en: ['Method (version)', 'Intervention', 'Intervention no.', 'Name', 'AGS', 'Municipality', 'Start'],
};

/** The fixed words of the export in each language; names and titles the users gave stay as written. */
const TEXTS: Record<Lang, ExportTexts> = {
  de: {
    kind: { agreement: 'Kooperationsvereinbarung', project: 'Gefördertes Projekt', coaching: 'Coaching' },
    header: [
      ...INTERVENTION_COLUMNS.de,
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
    ],
    municipality: 'Gemeinde',
    district: 'Kreis',
    assessment: { none: 'kein belastbarer Effekt', fewer: 'weniger Fälle', more: 'mehr Fälle' },
    chosen: 'gewählt',
    automatic: 'automatisch',
    attribution: 'Quelle: Polizeiliche Kriminalstatistik (Bundeskriminalamt; Landespolizei), eigene Berechnung (Differenz der Differenzen)',
    sheet: 'Wirkung',
    surveyTitle: 'Befragungsindizes',
    surveyHeader: [
      ...INTERVENTION_COLUMNS.de,
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
    ],
    unit: { share: 'Anteil (0–1)', score: 'Punkte (0–100)' },
    surveyAssessment: { none: 'kein belastbarer Effekt', lower: 'Rückgang', higher: 'Anstieg' },
    surveyAttribution:
      'Quelle: Bürgerbefragungen (abgeschlossene Wellen), eigene Berechnung (Differenz der Differenzen, linearisierte Standardfehler)',
  },
  en: {
    kind: { agreement: 'Cooperation agreement', project: 'Funded project', coaching: 'Coaching' },
    header: [
      ...INTERVENTION_COLUMNS.en,
      'Field of action',
      'Level of the figures',
      'Offence keys',
      'Years before',
      'Years after',
      'Cases before',
      'Cases after',
      'Comparison cases before',
      'Comparison cases after',
      'Rate ratio',
      '95% CI low',
      '95% CI high',
      'Change %',
      'Assessment',
      'Model',
      'Dispersion a',
      'Trend difference before % p. a.',
      'Comparison group (AGS)',
      'Comparison group',
      'Choice',
      'Relaxed criteria',
      'Reason for the choice',
      'No result because',
    ],
    municipality: 'Municipality',
    district: 'District',
    assessment: { none: 'no reliable effect', fewer: 'fewer cases', more: 'more cases' },
    chosen: 'chosen',
    automatic: 'automatic',
    attribution:
      'Source: Police crime statistics (Federal Criminal Police Office; state police), own calculation (difference in differences)',
    sheet: 'Effects',
    surveyTitle: 'Survey indices',
    surveyHeader: [
      ...INTERVENTION_COLUMNS.en,
      'Survey index',
      'Unit',
      'Wave before',
      'Field period before',
      'Value before',
      'SE before',
      'Respondents before',
      'Wave after',
      'Field period after',
      'Value after',
      'SE after',
      'Respondents after',
      'Change',
      'Change in comparison',
      'Difference in differences',
      'Standard error',
      '95% CI low',
      '95% CI high',
      'Assessment',
      'Comparison group (AGS)',
      'Comparison group',
      'No result because',
    ],
    unit: { share: 'share (0–1)', score: 'points (0–100)' },
    surveyAssessment: { none: 'no reliable effect', lower: 'decrease', higher: 'increase' },
    surveyAttribution: 'Source: citizen surveys (completed waves), own calculation (difference in differences, linearised standard errors)',
  },
};

/**
 * The intervention's name: the agreement's, project's or coaching's own; an agreement without a
 * title is named by its kind, which the engine gives in German.
 */
function interventionName(e: EffectEstimate | SurveyEffectEstimate, lang: Lang): string {
  return e.interventionKind === 'agreement' && e.interventionLabel === TEXTS.de.kind.agreement
    ? TEXTS[lang].kind.agreement
    : e.interventionLabel;
}

export function exportRows(estimates: EffectEstimate[], lang: Lang): Cell[][] {
  const t = TEXTS[lang];
  return estimates.map((e) => [
    e.methodVersion,
    t.kind[e.interventionKind],
    e.interventionId,
    interventionName(e, lang),
    e.ags,
    e.municipalityName,
    e.startDate,
    lang === 'en' ? e.field.nameEn : e.field.name,
    e.outcome.level === 'municipality' ? t.municipality : `${t.district} ${e.outcome.unitAgs}`,
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
    e.result ? (e.result.noReliableEffect ? t.assessment.none : e.result.rateRatio < 1 ? t.assessment.fewer : t.assessment.more) : null,
    e.result?.model ?? null,
    e.result ? round(e.result.dispersion, 5) : null,
    e.result?.preTrendDifferencePct == null ? null : round(e.result.preTrendDifferencePct, 1),
    e.comparison.units.map((u) => u.ags).join(' '),
    e.comparison.units.map((u) => u.name).join('; '),
    e.comparison.source === 'chosen' ? `${t.chosen} (${e.comparison.chosenBy ?? ''}, ${e.comparison.chosenAt ?? ''})` : t.automatic,
    e.comparison.relaxed.join(' '),
    e.comparison.reason,
    e.suppressed,
  ]);
}

export function surveyExportRows(estimates: SurveyEffectEstimate[], lang: Lang): Cell[][] {
  const t = TEXTS[lang];
  const r4 = (v: number | null | undefined) => (v === null || v === undefined ? null : round(v, 4));
  return estimates.map((e) => [
    e.methodVersion,
    t.kind[e.interventionKind],
    e.interventionId,
    interventionName(e, lang),
    e.ags,
    e.municipalityName,
    e.startDate,
    (lang === 'en' ? e.index?.nameEn : e.index?.name) ?? null,
    e.index ? t.unit[e.index.unit] : null,
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
    e.result
      ? e.result.noReliableEffect
        ? t.surveyAssessment.none
        : e.result.difference < 0
          ? t.surveyAssessment.lower
          : t.surveyAssessment.higher
      : null,
    e.comparison.units.map((u) => u.ags).join(' '),
    e.comparison.units.map((u) => u.name).join('; '),
    e.suppressed,
  ]);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The export of the estimates in scope, its fixed words in `lang`. */
export async function buildEffectsExport(db: DbOrTrx, principal: Principal, q: EffectsExportQuery, lang: Lang) {
  const { estimates, surveyEstimates } = await listEffectsForExport(db, principal, q);
  const t = TEXTS[lang];
  const rows = exportRows(estimates, lang);
  const surveyRows = surveyExportRows(surveyEstimates, lang);
  const base = `wirkung${q.projectId ? `-projekt-${q.projectId}` : q.ags ? `-${q.ags}` : ''}${q.year ? `-${q.year}` : ''}`;
  if (q.format === 'csv') {
    return csvDownload(
      [t.header, ...rows, [], [t.attribution], [], [t.surveyTitle], t.surveyHeader, ...surveyRows, [], [t.surveyAttribution]],
      q.dialect,
      `${base}.csv`,
    );
  }
  const sheet: Sheet<unknown> = {
    sheet: t.sheet,
    stickyRowsCount: 1,
    data: [
      t.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
      [],
      [{ value: t.attribution }],
    ],
  };
  const surveySheet: Sheet<unknown> = {
    sheet: t.surveyTitle,
    stickyRowsCount: 1,
    data: [
      t.surveyHeader.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...surveyRows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
      [],
      [{ value: t.surveyAttribution }],
    ],
  };
  return xlsxDownload([sheet, surveySheet], `${base}.xlsx`);
}
