import { z } from 'zod';
import { agsSchema, decimalInt, INT4_MAX, versionSchema } from './common.schema.ts';
import { csvDialectSchema } from './csv.schema.ts';
import { INDEX_IDS } from './survey-results.schema.ts';

/*
 * Effects of prevention (decision 030): difference in differences of police crime figures for an
 * intervention (cooperation agreement, funded project in a field of action, coaching process)
 * against comparison municipalities without it. Every answer names its method version, the
 * comparison group and, when no estimate is shown, the reason.
 */

export const EFFECTS_LIMITS = {
  /** Fewest cases of the treated unit before and after (each), and of the comparison group, for an estimate to be shown. */
  minCases: 20,
  /** Fewest comparison units. */
  minComparisons: 3,
  /** How many comparison units the automatic choice takes. */
  comparisonCount: 10,
  /** Most comparison units the LPR may choose. */
  maxComparisonUnits: 50,
  /** Fewest years before the start (a level and a trend need two). */
  minPreYears: 2,
  /** Years before and after the start that are used at most. */
  maxPreYears: 5,
  maxPostYears: 5,
  reasonMax: 2000,
  /** Fewest respondents of a survey index in a wave (treated and comparison, before and after) for a survey index effect. */
  minRespondents: 100,
  /** Fewest comparison municipalities with usable waves before and after for a survey index effect. */
  minSurveyComparisons: 1,
} as const;

export const INTERVENTION_KINDS = ['agreement', 'project', 'coaching'] as const;
export const interventionKindSchema = z.enum(INTERVENTION_KINDS);
export type InterventionKind = z.infer<typeof interventionKindSchema>;

export const SUPPRESSION_REASONS = [
  'no-offences-mapped',
  'no-figures',
  'too-few-pre-years',
  'no-post-years',
  'too-few-comparisons',
  'too-few-cases',
] as const;
export const suppressionReasonSchema = z.enum(SUPPRESSION_REASONS);
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;

/** Why a survey index effect is not shown. */
export const SURVEY_SUPPRESSION_REASONS = ['no-wave-before', 'no-wave-after', 'too-few-respondents', 'too-few-comparisons'] as const;
export const surveySuppressionReasonSchema = z.enum(SURVEY_SUPPRESSION_REASONS);
export type SurveySuppressionReason = z.infer<typeof surveySuppressionReasonSchema>;

const fieldSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const countResultSchema = z.object({
  rateRatio: z.number().describe('(treated after / before) ÷ (comparison after / before); below 1: fewer cases than expected'),
  ciLow: z.number(),
  ciHigh: z.number(),
  seLog: z.number().describe('Standard error of log(rate ratio)'),
  changePct: z.number().describe('(rate ratio − 1) × 100'),
  noReliableEffect: z.boolean().describe('The 95 % interval includes 1: "kein belastbarer Effekt"'),
  model: z.enum(['poisson', 'negative-binomial']),
  dispersion: z.number().describe('NB2 dispersion a (var = μ + aμ²), 0 under Poisson'),
  treatedPreCases: z.number().int(),
  treatedPostCases: z.number().int(),
  comparisonPreCases: z.number().int(),
  comparisonPostCases: z.number().int(),
  preTrendDifferencePct: z.number().nullable().describe('Yearly trend before the start, treated minus comparison, % per year'),
});
export type CountResult = z.infer<typeof countResultSchema>;

export const comparisonUnitSchema = z.object({ ags: z.string(), name: z.string() });

export const effectEstimateSchema = z.object({
  methodVersion: z.string(),
  interventionKind: interventionKindSchema,
  interventionId: z.number().int(),
  interventionLabel: z.string(),
  ags: z.string(),
  municipalityName: z.string(),
  startDate: z.string(),
  field: fieldSchema,
  outcome: z.object({
    level: z.enum(['municipality', 'district']).describe('Municipal figures where imported, else the district'),
    unitAgs: z.string(),
    offenceKeys: z.array(z.string()),
    preYears: z.array(z.number().int()),
    postYears: z.array(z.number().int()),
  }),
  comparison: z.object({
    source: z.enum(['automatic', 'chosen']),
    units: z.array(comparisonUnitSchema),
    relaxed: z.array(z.enum(['sizeClass', 'trend', 'districtType'])).describe('Matching criteria dropped for lack of units'),
    reason: z.string().nullable(),
    chosenBy: z.string().nullable(),
    chosenAt: z.string().nullable(),
    version: z.number().int().nullable(),
  }),
  result: countResultSchema.nullable(),
  suppressed: suppressionReasonSchema.nullable(),
});
export type EffectEstimate = z.infer<typeof effectEstimateSchema>;

/** One completed survey wave of a municipality as a survey index effect uses it. */
export const surveyWaveRefSchema = z.object({
  surveyId: z.number().int(),
  title: z.string(),
  fieldStart: z.string(),
  fieldEnd: z.string(),
  value: z.number().nullable().describe('The index in the wave: share 0–1 or score 0–100; null when suppressed'),
  se: z.number().nullable().describe('Linearised standard error of the index'),
  n: z.number().int().nullable().describe('Respondents of the index'),
});
export type SurveyWaveRef = z.infer<typeof surveyWaveRefSchema>;

export const surveyResultSchema = z.object({
  difference: z
    .number()
    .describe('Change of the treated municipality minus the mean change of the comparison municipalities (share: 0–1, score: points)'),
  se: z.number().describe('From the waves’ linearised standard errors (independent samples: the variances add)'),
  ciLow: z.number(),
  ciHigh: z.number(),
  noReliableEffect: z.boolean().describe('The 95 % interval includes 0: "kein belastbarer Effekt"'),
  treatedChange: z.number(),
  comparisonChange: z.number(),
});
export type SurveyResult = z.infer<typeof surveyResultSchema>;

/**
 * A survey index effect of an intervention: the index of the latest completed wave before the start
 * against the latest one after it, in the treated municipality and in comparison municipalities
 * without such an intervention (difference in differences of means).
 */
export const surveyEffectEstimateSchema = z.object({
  methodVersion: z.string(),
  interventionKind: interventionKindSchema,
  interventionId: z.number().int(),
  interventionLabel: z.string(),
  ags: z.string(),
  municipalityName: z.string(),
  startDate: z.string(),
  index: z
    .object({ id: z.enum(INDEX_IDS), name: z.string(), nameEn: z.string(), unit: z.enum(['share', 'score']) })
    .nullable()
    .describe('null when the municipality has no completed wave before or after the start'),
  treated: z.object({ pre: surveyWaveRefSchema.nullable(), post: surveyWaveRefSchema.nullable() }),
  comparison: z.object({
    units: z.array(comparisonUnitSchema.extend({ pre: surveyWaveRefSchema, post: surveyWaveRefSchema })),
  }),
  result: surveyResultSchema.nullable(),
  suppressed: surveySuppressionReasonSchema.nullable(),
});
export type SurveyEffectEstimate = z.infer<typeof surveyEffectEstimateSchema>;

export const effectListSchema = z.object({
  methodVersion: z.string(),
  minCases: z.number().int(),
  minRespondents: z.number().int().describe('Fewest respondents per wave for a survey index effect'),
  estimates: z.array(effectEstimateSchema),
  surveyEstimates: z.array(surveyEffectEstimateSchema).describe('Survey index effects, one per intervention and index'),
});
export type EffectList = z.infer<typeof effectListSchema>;

export const pooledSchema = z.object({
  rateRatio: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  noReliableEffect: z.boolean(),
});

/** Per field of action, statewide for one year: what the annual report shows of the effects. */
export const StatewideEffectsSchema = z.object({
  methodVersion: z.string(),
  year: z.number().int(),
  fields: z.array(
    z.object({
      field: fieldSchema,
      interventions: z.number().int(),
      shown: z.number().int(),
      /** Shown estimates whose interval lies below / above 1. */
      fewer: z.number().int(),
      more: z.number().int(),
      pooled: pooledSchema.nullable().describe('Inverse-variance mean of the shown estimates; null when none is shown'),
      /** Why no estimate is shown for the field, when none is. */
      reason: suppressionReasonSchema.nullable(),
      suppressedBy: z.array(z.object({ reason: suppressionReasonSchema, count: z.number().int() })),
      estimates: z.array(effectEstimateSchema),
    }),
  ),
});
export type StatewideEffects = z.infer<typeof StatewideEffectsSchema>;

export const statewideQuerySchema = z.object({ year: decimalInt(1990, 2100) });
export const agsParamSchema = z.object({ ags: agsSchema });
export const projectParamSchema = z.object({ id: decimalInt(1, INT4_MAX) });

export const comparisonParamSchema = z.object({
  kind: interventionKindSchema,
  id: decimalInt(1, INT4_MAX),
  field: z.string().regex(/^[a-z0-9-]{1,60}$/),
});

export const setComparisonSchema = z.object({
  version: versionSchema.optional().describe('The current version when a choice exists (409 when stale)'),
  units: z
    .array(agsSchema.or(z.string().regex(/^\d{5}$/)))
    .min(EFFECTS_LIMITS.minComparisons)
    .max(EFFECTS_LIMITS.maxComparisonUnits),
  reason: z.string().trim().min(3).max(EFFECTS_LIMITS.reasonMax),
});
export type SetComparisonInput = z.infer<typeof setComparisonSchema>;

/** Returning to the automatic choice names the version of the recorded choice (409 when stale). */
export const clearComparisonQuerySchema = z.object({
  version: decimalInt(1, INT4_MAX).describe('The current version of the recorded choice'),
});

export const effectsExportQuerySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  dialect: csvDialectSchema,
  ags: agsSchema.optional(),
  projectId: decimalInt(1, INT4_MAX).optional(),
  year: decimalInt(1990, 2100).optional(),
  lang: z.enum(['de', 'en']).optional().describe("The language of headers and labels; without it, the request's Accept-Language"),
});
export type EffectsExportQuery = z.infer<typeof effectsExportQuerySchema>;

/** The follow-up of a security analysis: the figures of its baseline year against the latest year, per field of action. */
export const followUpSchema = z.object({
  methodVersion: z.string(),
  analysisId: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  baselineYear: z.number().int().describe('The year before the analysis started: the figures its area profile had'),
  fields: z.array(
    z.object({
      field: fieldSchema,
      level: z.enum(['municipality', 'district']),
      offenceKeys: z.array(z.string()),
      latestYear: z.number().int().nullable(),
      baselineCases: z.number().int().nullable(),
      latestCases: z.number().int().nullable(),
      rateRatio: z.number().nullable().describe('latest ÷ baseline cases'),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      noReliableEffect: z.boolean().nullable().describe('The 95 % interval includes 1: "keine belastbare Veränderung"'),
      suppressed: suppressionReasonSchema.nullable(),
    }),
  ),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const analysisParamSchema = z.object({ id: decimalInt(1, INT4_MAX) });
