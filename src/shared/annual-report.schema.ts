import { z } from 'zod';
import { decimalInt } from './common.schema.ts';
import { csvDialectSchema } from './csv.schema.ts';
import { EFFECTS_LIMITS, suppressionReasonSchema } from './effects.schema.ts';

/*
 * The annual report (Jahresbericht) of the alliance for the ministry and the public: for one
 * calendar year the network figures at its end against the end of the year before, the
 * municipalities that signed their first cooperation agreement in it, funding by field of action
 * against the programme's budget with the funded projects, training figures, coaching and
 * security analyses, and the fact box of a press release. Aggregates and names of municipalities
 * and projects only, no personal data. A report can be frozen: the version stores this snapshot
 * and never changes again (decision 031).
 */

export const ANNUAL_REPORT_LIMITS = { yearMin: 2000, yearMax: 2100, versionsPerYear: 50 } as const;

/**
 * The sections of a report in their order. The snapshot lists the sections it has, so a
 * section that another part of the product adds later (the effects, "Wirkung") extends this
 * list without changing stored versions, which keep the sections they were frozen with.
 */
export const ANNUAL_REPORT_SECTIONS = ['figures', 'joined', 'funding', 'training', 'coachingAnalyses', 'effects', 'factBox'] as const;
export type AnnualReportSection = (typeof ANNUAL_REPORT_SECTIONS)[number];

export const ANNUAL_REPORT_SECTION_LABELS: Record<AnnualReportSection, { de: string; en: string }> = {
  figures: { de: 'Das Netzwerk in Zahlen', en: 'The network in figures' },
  joined: { de: 'Neu beigetretene Kommunen', en: 'Municipalities that joined' },
  funding: { de: 'Förderung nach Handlungsfeldern', en: 'Funding by field of action' },
  training: { de: 'Fortbildung', en: 'Training' },
  coachingAnalyses: { de: 'Coaching und Sicherheitsanalysen', en: 'Coaching and security analyses' },
  effects: { de: 'Wirkung', en: 'Effects' },
  factBox: { de: 'Faktenbox für die Pressemitteilung', en: 'Fact box for a press release' },
};

export const yearParamSchema = z.object({ year: decimalInt(ANNUAL_REPORT_LIMITS.yearMin, ANNUAL_REPORT_LIMITS.yearMax) });
export const versionParamSchema = yearParamSchema.extend({ number: decimalInt(1, ANNUAL_REPORT_LIMITS.versionsPerYear) });

const count = z.number().int();
const cents = z.number().int();

export const figureChangeSchema = z.object({
  key: z.string().describe('Field of the network figures (alliance figures engine)'),
  label: z.string(),
  labelEn: z.string(),
  current: count.describe('At the end of the year'),
  previous: count.describe('At the end of the year before'),
  change: count,
});

export const districtChangeSchema = z.object({
  ags: z.string(),
  name: z.string(),
  inCollaboration: count,
  inCollaborationPrevious: count,
  communesCoveredByAgreements: count,
  communesCoveredByAgreementsPrevious: count,
});

export const joinedMunicipalitySchema = z.object({
  ags: z.string(),
  name: z.string(),
  districtName: z.string(),
  signedOn: z.string().describe('Date of its first cooperation agreement'),
  rank: z.number().int().nullable().describe('Its position within the district by first signing'),
});

export const fundingSectionSchema = z.object({
  programmeName: z.string(),
  budgetCents: cents,
  requestedCents: cents,
  committedCents: cents,
  paidCents: cents,
  freeCents: cents,
  applications: count,
  approved: count,
  byField: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      quotaCents: cents.nullable(),
      requestedCents: cents,
      committedCents: cents,
      paidCents: cents,
      applications: count,
    }),
  ),
  projects: z.array(
    z.object({
      title: z.string(),
      municipalityName: z.string(),
      districtName: z.string(),
      fieldName: z.string(),
      fieldNameEn: z.string(),
      approvedCents: cents,
    }),
  ),
  totalApprovedCents: cents,
});

export const trainingSectionSchema = z.object({
  totals: z.object({ enrolments: count, completions: count, withdrawn: count }),
  byDistrict: z.array(z.object({ key: z.string(), name: z.string(), enrolments: count, completions: count, withdrawn: count })),
});

export const coachingAnalysesSectionSchema = z.object({
  coachingRunning: count,
  coachingRunningPrevious: count,
  analysesUnderWay: count,
  analysesUnderWayPrevious: count,
  analysesCompletedInYear: count.describe('Completed by the end of the year minus completed by the end of the year before'),
  analysesCompletedTotal: count,
});

/**
 * What the report says of the limits of the effects (decision 030), in every version that shows
 * them: stored with the snapshot, so a frozen version keeps the text it was frozen with.
 */
export const EFFECTS_CAVEATS = {
  de: [
    'Parallele Entwicklung: Die Schätzung setzt voraus, dass sich die Fallzahlen ohne Maßnahme wie in den Vergleichskommunen entwickelt hätten.',
    `Kleine Zahlen: Wenige Fälle schwanken stark; mit weniger als ${EFFECTS_LIMITS.minCases} Fällen vor oder nach dem Beginn wird keine Schätzung gezeigt.`,
    'Regression zur Mitte: Maßnahmen beginnen oft nach einem ungewöhnlich hohen Jahr, danach sinken die Zahlen auch ohne Wirkung.',
    'Verlagerung: Taten können in Nachbarorte ausweichen; dann zeigt die Schätzung einen Rückgang, der insgesamt keiner ist.',
  ],
  en: [
    'Parallel trends: the estimate assumes that without the intervention the figures would have moved like those of the comparison municipalities.',
    `Small numbers: few cases swing widely; with fewer than ${EFFECTS_LIMITS.minCases} cases before or after the start no estimate is shown.`,
    'Regression to the mean: interventions often start after an unusually high year, after which the figures fall even without an effect.',
    'Displacement: offences may move to neighbouring places; the estimate then shows a fall that is none overall.',
  ],
};

/** The effects of the year per field of action (the effects module's statewide view, decision 030). */
export const effectsSectionSchema = z.object({
  methodVersion: z.string(),
  fields: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      interventions: count.describe('Interventions in the field started before the year'),
      estimates: count.describe('Estimates shown (pooled)'),
      rateRatio: z.number().nullable().describe('Pooled rate ratio; null when no estimate is shown'),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      noReliableEffect: z.boolean().nullable().describe('The 95 % interval includes 1: "kein belastbarer Effekt"'),
      reason: suppressionReasonSchema.nullable().describe('Why no estimate is shown, when none is'),
    }),
  ),
  caveats: z.object({ de: z.array(z.string()), en: z.array(z.string()) }),
});
export type EffectsSection = z.infer<typeof effectsSectionSchema>;

/** Why no estimate is shown in a field of action, as the report words it. */
export const EFFECTS_REASON_LABELS: Record<z.infer<typeof suppressionReasonSchema>, { de: string; en: string }> = {
  'no-offences-mapped': { de: 'keine Straftaten zugeordnet', en: 'no offences mapped' },
  'no-figures': { de: 'keine Fallzahlen vorhanden', en: 'no crime figures' },
  'too-few-pre-years': { de: 'weniger als zwei Jahre Zahlen vor dem Beginn', en: 'fewer than two years of figures before the start' },
  'no-post-years': { de: 'noch keine Zahlen nach dem Beginn', en: 'no figures after the start yet' },
  'too-few-comparisons': { de: 'zu wenige Vergleichskommunen', en: 'too few comparison municipalities' },
  'too-few-cases': { de: 'zu wenige Fälle', en: 'too few cases' },
};

export const annualReportSnapshotSchema = z.object({
  year: z.number().int(),
  from: z.string().describe('First day of the year'),
  to: z.string().describe('Reference date: the last day of the year'),
  previousTo: z.string().describe('Reference date of the comparison: the last day of the year before'),
  programmeName: z.string(),
  programmeStart: z.string(),
  createdAt: z.string(),
  sections: z.array(z.enum(ANNUAL_REPORT_SECTIONS)),
  figures: z.array(figureChangeSchema),
  districts: z.array(districtChangeSchema),
  joined: z.array(joinedMunicipalitySchema),
  funding: fundingSectionSchema.nullable().describe('null: no funding programme for the year'),
  training: trainingSectionSchema,
  coachingAnalyses: coachingAnalysesSectionSchema,
  effects: effectsSectionSchema
    .optional()
    .describe('Present when the year has at least one estimate; absent in versions frozen before the report showed effects'),
  factBox: z.object({ at: z.string(), de: z.string(), en: z.string() }),
});
export type AnnualReportSnapshot = z.infer<typeof annualReportSnapshotSchema>;

export const annualReportVersionHeadSchema = z.object({
  year: z.number().int(),
  number: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  contentSha256: z.string(),
});
export type AnnualReportVersionHead = z.infer<typeof annualReportVersionHeadSchema>;

/** The report of a year: the live one (number null) or a frozen version, with the list of frozen versions. */
export const annualReportSchema = z.object({
  number: z.number().int().nullable().describe('null: assembled from the data of this moment, not stored'),
  snapshot: annualReportSnapshotSchema,
  versions: z.array(annualReportVersionHeadSchema),
});
export type AnnualReport = z.infer<typeof annualReportSchema>;

export const freezeAnnualReportSchema = z.object({
  confirm: z.literal(true).describe('A frozen version cannot be changed or removed'),
  versions: z
    .number()
    .int()
    .min(0)
    .max(ANNUAL_REPORT_LIMITS.versionsPerYear)
    .describe('How many frozen versions of the year the caller saw (409 when another was frozen meanwhile)'),
});
export type FreezeAnnualReportInput = z.infer<typeof freezeAnnualReportSchema>;

export const annualReportExportQuerySchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  dialect: csvDialectSchema,
  number: decimalInt(1, ANNUAL_REPORT_LIMITS.versionsPerYear).optional().describe('A frozen version; default the live report'),
});

export const annualReportPdfQuerySchema = z.object({
  number: decimalInt(1, ANNUAL_REPORT_LIMITS.versionsPerYear).optional().describe('A frozen version; default the live report'),
});
