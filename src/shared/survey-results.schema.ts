import { decimalInt, idParam, INT4_MAX } from './common.schema.ts';
import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';

/*
 * Results of a citizen survey: population margins for weighting, weighted/unweighted shares with
 * 95 % confidence intervals, crosstabs, indices and comparisons. Every cell carries `suppressed`:
 * null (shown), 'primary' (fewer than k answers) or 'secondary' (hidden so that a primary cell
 * cannot be recomputed from totals); a suppressed cell has n, share and interval null.
 */

const code = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/);
const population = z.number().int().min(0).max(100_000_000);

export const MARGIN_LIMITS = { cells: 400, margins: 10, trimUpper: { min: 1.05, max: 100 } } as const;

/** The questionnaire roles a weighting margin can use: one-way or two-way over these. */
export const MARGIN_VARIABLES = ['age_group', 'sex', 'area', 'education'] as const;

/** Stored names of margins: the variables' short names joined by "_" (age group = age), in the order above. */
export const MARGIN_DIMENSIONS = [
  'age',
  'sex',
  'area',
  'education',
  'age_sex',
  'age_area',
  'age_education',
  'sex_area',
  'sex_education',
  'area_education',
] as const;
export type MarginDimension = (typeof MARGIN_DIMENSIONS)[number];

const marginSchema = z.object({
  variables: z
    .array(z.enum(MARGIN_VARIABLES))
    .min(1)
    .max(2)
    .describe('One variable (a one-way margin) or two (a two-way margin, cells over their combinations)'),
  cells: z
    .array(
      z.object({
        codes: z.array(code).min(1).max(2).describe('The option code of each variable, in the order of `variables`'),
        population,
      }),
    )
    .min(1)
    .max(MARGIN_LIMITS.cells),
});
export type MarginInput = z.infer<typeof marginSchema>;

export const surveyIdParamSchema = z.object({
  id: idParam,
});

/** The surveys whose results the user may read, searched by title. */
export const resultSurveysQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .regex(/^[^\u0000]*$/)
    .optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 500).default(50),
});
export type ResultSurveysQuery = z.infer<typeof resultSurveysQuerySchema>;

export const resultSurveySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'fieldwork', 'closed']),
  fieldStart: z.string(),
  fieldEnd: z.string(),
  closedOn: z.string().nullable(),
  municipalities: z.array(z.object({ ags: z.string(), name: z.string() })),
});
export type ResultSurvey = z.infer<typeof resultSurveySchema>;
export const resultSurveysSchema = z.object({
  items: z.array(resultSurveySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ResultSurveys = z.infer<typeof resultSurveysSchema>;

export const marginsInputSchema = z
  .object({
    version: z
      .number()
      .int()
      .min(0)
      .max(INT4_MAX)
      .describe('The version the change is based on (0 when no margins exist yet; 409 with the current margins when stale)'),
    source: z.enum(['manual', 'directory']).default('manual'),
    ageSex: z
      .array(z.object({ ageGroup: code, sex: code, population }))
      .max(MARGIN_LIMITS.cells)
      .default([]),
    sex: z
      .array(z.object({ sex: code, population }))
      .max(20)
      .default([]),
    areas: z
      .array(z.object({ area: code, population }))
      .max(MARGIN_LIMITS.cells)
      .default([]),
    margins: z
      .array(marginSchema)
      .max(MARGIN_LIMITS.margins)
      .default([])
      .describe(
        'Further margins, one-way or two-way (e.g. age group alone, sex × area); ageSex, sex and areas are the same as margins over those variables',
      ),
    trimUpper: z
      .number()
      .min(MARGIN_LIMITS.trimUpper.min)
      .max(MARGIN_LIMITS.trimUpper.max)
      .nullable()
      .default(null)
      .describe(
        'Trimming: the largest weight allowed (the mean weight is 1); the smallest is its inverse. Raking goes on until both the bounds and the margins hold. null: no trimming',
      ),
  })
  .strict();
export type MarginsInput = z.infer<typeof marginsInputSchema>;

const categorySchema = z.object({ code: z.string(), label: z.string() });

export const marginsSchema = z.object({
  surveyId: z.number().int(),
  version: z.number().int().describe('0 while no margins are stored'),
  source: z.enum(['manual', 'directory']).nullable(),
  updatedAt: z.string().nullable(),
  ageSex: z.array(z.object({ ageGroup: z.string(), sex: z.string(), population: z.number().int() })),
  sex: z.array(z.object({ sex: z.string(), population: z.number().int() })),
  areas: z.array(z.object({ area: z.string(), population: z.number().int() })),
  /** Every stored margin, the three above included, in one general form. */
  margins: z.array(marginSchema.extend({ dimension: z.enum(MARGIN_DIMENSIONS), label: z.string() })),
  trimUpper: z.number().nullable(),
  /** The categories the current questionnaire offers (codes of the questions with a weighting role). */
  categories: z.object({
    ageGroups: z.array(categorySchema),
    sexes: z.array(categorySchema),
    areas: z.array(categorySchema),
    educations: z.array(categorySchema),
  }),
  /** What the municipality directory offers for prefilling: population total and by sex (no age structure). */
  directory: z.object({
    municipalities: z.array(
      z.object({ ags: z.string(), name: z.string(), population: z.number().int().nullable(), populationMale: z.number().int().nullable() }),
    ),
    population: z.number().int().nullable(),
    male: z.number().int().nullable(),
    female: z.number().int().nullable(),
  }),
});
export type SurveyMargins = z.infer<typeof marginsSchema>;

export const suppressionSchema = z.enum(['primary', 'secondary']).nullable();

export const resultsQuerySchema = z.object({
  weighted: z.enum(['true', 'false']).default('true'),
  lang: z.enum(['de', 'en']).optional(),
});

export const rakingReportSchema = z.object({
  applied: z.boolean().describe('false when no usable margins exist: the results are unweighted'),
  iterations: z.number().int(),
  converged: z.boolean(),
  maxRelativeDeviation: z.number(),
  tolerance: z.number(),
  maxIterations: z.number().int(),
  minWeight: z.number().nullable(),
  maxWeight: z.number().nullable(),
  cvWeights: z.number().nullable().describe('Coefficient of variation of the weights; null when unweighted'),
  weightsDesignEffect: z
    .number()
    .nullable()
    .describe('Design effect of the weights, 1 + CV² (Kish); each share carries its own linearised design effect. null when unweighted'),
  effectiveSize: z.number().nullable().describe("Kish's effective sample size (Σw)² / Σw²; null when unweighted"),
  trimUpper: z.number().nullable().describe('The trimming bound (largest weight; the smallest is its inverse), null without trimming'),
  trimmed: z.number().int().describe('Respondents whose weight sits at a trimming bound'),
  margins: z.array(
    z.object({
      dimension: z.enum(MARGIN_DIMENSIONS),
      label: z.string(),
      unmatched: z
        .number()
        .int()
        .nullable()
        .describe('Respondents without a usable value for this dimension (left unadjusted by it); null when fewer than k'),
      cells: z.array(
        z.object({
          cell: z.string(),
          label: z.string(),
          population: z.number(),
          respondents: z.number().int().nullable().describe('null when fewer than k (suppressed)'),
          targetShare: z.number(),
          unweightedShare: z.number().nullable(),
          weightedShare: z.number().nullable(),
          status: z.enum(['ok', 'empty', 'no_population']),
        }),
      ),
    }),
  ),
});
export type RakingReportOut = z.infer<typeof rakingReportSchema>;

export const categoryResultSchema = z.object({
  value: z.number().int(),
  code: z.string(),
  label: z.string(),
  n: z.number().int().nullable(),
  share: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  se: z.number().nullable().describe('Linearised standard error (Taylor, of the raked estimator); null for a share fixed by weighting'),
  designEffect: z.number().nullable().describe('Linearised variance over the variance of a simple random sample of the same size'),
  suppressed: suppressionSchema,
});
export type CategoryResult = z.infer<typeof categoryResultSchema>;

export const meanResultSchema = z.object({
  n: z.number().int().nullable(),
  mean: z.number().nullable(),
  se: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  designEffect: z.number().nullable(),
  suppressed: suppressionSchema,
});

export const variableResultSchema = z.object({
  name: z.string(),
  questionId: z.string(),
  kind: z.enum(['single', 'multi_option', 'matrix_row', 'number']),
  label: z.string(),
  n: z.number().int().nullable().describe('Valid answers (null when fewer than k)'),
  nEffective: z.number().nullable(),
  suppressed: suppressionSchema,
  fixed: z.boolean().describe('A weighting variable: raking fixes its shares, so they carry no interval'),
  categories: z.array(categoryResultSchema),
  mean: meanResultSchema.nullable(),
});
export type VariableResult = z.infer<typeof variableResultSchema>;

const surveyHeadSchema = z.object({
  surveyId: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'fieldwork', 'closed']),
  kMin: z.number().int(),
  weighted: z.boolean(),
  responses: z.number().int().nullable().describe('Responses analysed (null when fewer than k)'),
});

export const resultsSchema = surveyHeadSchema.extend({
  weighting: rakingReportSchema,
  variables: z.array(variableResultSchema),
});
export type SurveyResults = z.infer<typeof resultsSchema>;

export const crosstabQuerySchema = resultsQuerySchema.extend({
  row: z
    .string()
    .min(1)
    .max(90)
    .regex(/^[a-z][a-z0-9_]*$/),
  col: z
    .string()
    .min(1)
    .max(90)
    .regex(/^[a-z][a-z0-9_]*$/),
});

const axisSchema = z.object({ name: z.string(), label: z.string() });
const crosstabCellSchema = z.object({
  n: z.number().int().nullable(),
  /** Share of the row answer within the column group (column per cent). */
  colShare: z.number().nullable(),
  colSe: z.number().nullable(),
  colCiLow: z.number().nullable(),
  colCiHigh: z.number().nullable(),
  /** Share of the column group within the row answer (row per cent). */
  rowShare: z.number().nullable(),
  suppressed: suppressionSchema,
});
export const crosstabSchema = surveyHeadSchema.extend({
  row: axisSchema,
  col: axisSchema,
  rows: z.array(
    z.object({
      value: z.number().int(),
      code: z.string(),
      label: z.string(),
      n: z.number().int().nullable(),
      share: z.number().nullable(),
      suppressed: suppressionSchema,
    }),
  ),
  cols: z.array(
    z.object({
      value: z.number().int(),
      code: z.string(),
      label: z.string(),
      n: z.number().int().nullable(),
      nEffective: z.number().nullable(),
      suppressed: suppressionSchema,
    }),
  ),
  /** cells[r][c] in the order of rows and cols. */
  cells: z.array(z.array(crosstabCellSchema)),
  total: z.object({ n: z.number().int().nullable(), suppressed: suppressionSchema }),
});
export type SurveyCrosstab = z.infer<typeof crosstabSchema>;

export const INDEX_IDS = ['unsafe_night', 'incivility', 'avoidance', 'victimisation', 'trust_police'] as const;
export type IndexId = (typeof INDEX_IDS)[number];

const estimateSchema = z.object({
  value: z.number().nullable(),
  se: z.number().nullable().describe('Linearised standard error'),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  n: z.number().int().nullable(),
  suppressed: suppressionSchema,
});
export type Estimate = z.infer<typeof estimateSchema>;

export const indexSchema = z.object({
  id: z.enum(INDEX_IDS),
  label: z.string(),
  description: z.string(),
  unit: z.enum(['share', 'score']).describe('share: 0–1; score: 0–100'),
  estimate: estimateSchema,
  components: z.array(z.object({ name: z.string(), label: z.string(), estimate: estimateSchema })),
});
export type SurveyIndex = z.infer<typeof indexSchema>;

export const indicesSchema = surveyHeadSchema.extend({ indices: z.array(indexSchema) });
export type SurveyIndices = z.infer<typeof indicesSchema>;

const comparisonRowSchema = z.object({
  id: z.enum(INDEX_IDS),
  label: z.string(),
  unit: z.enum(['share', 'score']),
  current: estimateSchema,
  other: estimateSchema,
  difference: z
    .object({ value: z.number(), ciLow: z.number(), ciHigh: z.number() })
    .nullable()
    .describe('current − other; null when either side is suppressed'),
});
export const comparisonSchema = surveyHeadSchema.extend({
  previous: z.object({ surveyId: z.number().int(), title: z.string(), rows: z.array(comparisonRowSchema) }).nullable(),
  statewide: z.object({ surveys: z.number().int(), rows: z.array(comparisonRowSchema) }),
});
export type SurveyComparison = z.infer<typeof comparisonSchema>;

/** The statewide benchmark, optionally opened from one survey (marked; "others" leave it out). */
export const benchmarkQuerySchema = z.object({
  surveyId: idParam.optional().describe('The survey the page was opened from: marked, and never part of "others"'),
  lang: z.enum(['de', 'en']).optional(),
});

const benchmarkFigureSchema = z.object({ id: z.enum(INDEX_IDS), estimate: estimateSchema });

export const benchmarkSchema = z.object({
  markedSurveyId: z.number().int().nullable(),
  indices: z.array(z.object({ id: z.enum(INDEX_IDS), label: z.string(), description: z.string(), unit: z.enum(['share', 'score']) })),
  surveys: z
    .array(
      z.object({
        surveyId: z.number().int(),
        title: z.string(),
        closedOn: z.string().nullable(),
        kMin: z.number().int(),
        weighted: z.boolean().describe("Weighted by the survey's stored margins (as its results page), else unweighted"),
        responses: z.number().int().nullable().describe('null below k'),
        marked: z.boolean(),
        municipalities: z.array(z.object({ ags: z.string(), name: z.string() })),
        figures: z.array(benchmarkFigureSchema),
      }),
    )
    .describe('Closed surveys whose comparison setting allows it, with their indices and linearised intervals; suppressed below k'),
  others: z
    .object({ surveys: z.number().int(), figures: z.array(benchmarkFigureSchema) })
    .describe('All listed surveys pooled (each its own stratum), without the marked one; suppressed below the largest k'),
});
export type SurveyBenchmark = z.infer<typeof benchmarkSchema>;

export const exportQuerySchema = z.object({
  weighted: z.enum(['true', 'false']).default('true'),
  lang: z.enum(['de', 'en']).optional(),
  dialect: csvDialectSchema,
});
