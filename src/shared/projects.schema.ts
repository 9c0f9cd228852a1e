import { z } from 'zod';
import { agsSchema, decimalInt, idParam, idSchema, isoDateSchema, nameText, versionSchema } from './common.schema.ts';
import { documentSchema } from './documents.schema.ts';

/*
 * Prevention projects of a municipality, described after the Beccaria standard in seven steps:
 * problem, causes, goals (with indicators) and target groups, measures, implementation plan with
 * milestones, evaluation (plan and results), conclusions. Completeness per step and the allowed
 * status transitions are pure functions here, so the server and the web form agree.
 */

type Text = { de: string; en: string };

export const PROJECT_LIMITS = {
  titleMax: 300,
  textMax: 8000,
  shortMax: 300,
  listMax: 30,
  partnersMax: 50,
  locationsMax: 200,
  ringPositionsMax: 2000,
  fileNameMax: 200,
} as const;

const NO_NUL = /^[^\u0000]*$/;
const noNul = { message: 'Steuerzeichen NUL ist nicht erlaubt / NUL character not allowed' };
export const freeText = (max: number) => z.string().trim().max(max).regex(NO_NUL, noNul);
export const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, noNul);
const longText = freeText(PROJECT_LIMITS.textMax).default('');

export const BECCARIA_STEPS = ['problem', 'causes', 'goals', 'measures', 'implementation', 'evaluation', 'conclusions'] as const;
export type BeccariaStep = (typeof BECCARIA_STEPS)[number];

export const BECCARIA_STEP_LABELS: Record<BeccariaStep, Text> = {
  problem: { de: '1. Problembeschreibung', en: '1. Problem description' },
  causes: { de: '2. Analyse der Ursachen', en: '2. Analysis of causes' },
  goals: { de: '3. Ziele und Zielgruppen', en: '3. Goals and target groups' },
  measures: { de: '4. Maßnahmen und Vorgehen', en: '4. Measures and approach' },
  implementation: { de: '5. Umsetzungsplan', en: '5. Implementation plan' },
  evaluation: { de: '6. Evaluation', en: '6. Evaluation' },
  conclusions: { de: '7. Schlussfolgerungen und Dokumentation', en: '7. Conclusions and documentation' },
};

export const problemStepSchema = z.object({
  description: longText.describe('What is the problem, where and since when'),
  evidence: longText.describe('Sources: crime figures, survey, observations'),
});
export const causesStepSchema = z.object({
  analysis: longText,
  riskFactors: longText,
  protectiveFactors: longText,
});
export const goalSchema = z.object({
  text: requiredText(PROJECT_LIMITS.shortMax * 2),
  indicators: z
    .array(z.object({ text: requiredText(PROJECT_LIMITS.shortMax * 2), target: freeText(PROJECT_LIMITS.shortMax).default('') }))
    .max(PROJECT_LIMITS.listMax)
    .default([]),
});
export const goalsStepSchema = z.object({
  goals: z.array(goalSchema).max(PROJECT_LIMITS.listMax).default([]),
  targetGroups: z
    .array(z.object({ name: requiredText(PROJECT_LIMITS.shortMax), description: freeText(2000).default('') }))
    .max(PROJECT_LIMITS.listMax)
    .default([]),
});
export const measuresStepSchema = z.object({
  measures: z
    .array(z.object({ title: requiredText(PROJECT_LIMITS.shortMax), description: freeText(4000).default('') }))
    .max(PROJECT_LIMITS.listMax)
    .default([]),
  approach: longText,
});
export const implementationStepSchema = z.object({
  plan: longText,
  milestones: z
    .array(z.object({ title: requiredText(PROJECT_LIMITS.shortMax), due: isoDateSchema, done: z.boolean().default(false) }))
    .max(PROJECT_LIMITS.listMax * 2)
    .default([]),
});
export const evaluationStepSchema = z.object({
  plan: longText.describe('How implementation and effect will be evaluated'),
  implementationResults: longText,
  effectResults: longText,
});
export const conclusionsStepSchema = z.object({
  conclusions: longText,
  documentation: longText,
});

const EMPTY_STEPS = {
  problem: { description: '', evidence: '' },
  causes: { analysis: '', riskFactors: '', protectiveFactors: '' },
  goals: { goals: [], targetGroups: [] },
  measures: { measures: [], approach: '' },
  implementation: { plan: '', milestones: [] },
  evaluation: { plan: '', implementationResults: '', effectResults: '' },
  conclusions: { conclusions: '', documentation: '' },
};

export const stepsSchema = z.object({
  problem: problemStepSchema.default(EMPTY_STEPS.problem),
  causes: causesStepSchema.default(EMPTY_STEPS.causes),
  goals: goalsStepSchema.default(EMPTY_STEPS.goals),
  measures: measuresStepSchema.default(EMPTY_STEPS.measures),
  implementation: implementationStepSchema.default(EMPTY_STEPS.implementation),
  evaluation: evaluationStepSchema.default(EMPTY_STEPS.evaluation),
  conclusions: conclusionsStepSchema.default(EMPTY_STEPS.conclusions),
});
export type BeccariaSteps = z.infer<typeof stepsSchema>;

/** The seven steps, all empty. */
export function emptySteps(): BeccariaSteps {
  return structuredClone(EMPTY_STEPS);
}

// ---- status ----

export const PROJECT_STATUSES = ['idea', 'planned', 'running', 'completed', 'evaluated'] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, Text> = {
  idea: { de: 'Idee', en: 'Idea' },
  planned: { de: 'Geplant', en: 'Planned' },
  running: { de: 'Laufend', en: 'Running' },
  completed: { de: 'Abgeschlossen', en: 'Completed' },
  evaluated: { de: 'Evaluiert', en: 'Evaluated' },
};

/** The allowed status transitions: forward one step, and a planned project back to an idea. */
export const PROJECT_TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  idea: ['planned'],
  planned: ['idea', 'running'],
  running: ['completed'],
  completed: ['evaluated'],
  evaluated: [],
};

// ---- completeness ----

export type StepState = 'complete' | 'incomplete' | 'later';
export interface StepCompleteness {
  step: BeccariaStep;
  state: StepState;
  /** Codes of what is missing, e.g. `goals.indicators`. */
  missing: string[];
}

const filled = (s: string) => s.trim().length > 0;

/**
 * What each Beccaria step still lacks. Results of the evaluation and the conclusions are due only
 * once a project is completed; until then those parts are `later`, not missing.
 */
export function beccariaCompleteness(steps: BeccariaSteps, status: ProjectStatus): StepCompleteness[] {
  const done = status === 'completed' || status === 'evaluated';
  const check = (step: BeccariaStep, missing: string[], later = false): StepCompleteness => ({
    step,
    state: later && !done ? 'later' : missing.length ? 'incomplete' : 'complete',
    missing: later && !done ? [] : missing,
  });
  const m = (cond: boolean, code: string) => (cond ? [] : [code]);
  return [
    check('problem', m(filled(steps.problem.description), 'problem.description')),
    check('causes', m(filled(steps.causes.analysis), 'causes.analysis')),
    check('goals', [
      ...m(steps.goals.goals.length > 0, 'goals.goals'),
      ...m(steps.goals.goals.length === 0 || steps.goals.goals.every((g) => g.indicators.length > 0), 'goals.indicators'),
      ...m(steps.goals.targetGroups.length > 0, 'goals.targetGroups'),
    ]),
    check('measures', m(steps.measures.measures.length > 0, 'measures.measures')),
    check('implementation', [
      ...m(filled(steps.implementation.plan), 'implementation.plan'),
      ...m(steps.implementation.milestones.length > 0, 'implementation.milestones'),
    ]),
    (() => {
      const plan = m(filled(steps.evaluation.plan), 'evaluation.plan');
      const results = done
        ? [
            ...m(filled(steps.evaluation.implementationResults), 'evaluation.implementationResults'),
            ...m(filled(steps.evaluation.effectResults), 'evaluation.effectResults'),
          ]
        : [];
      return check('evaluation', [...plan, ...results]);
    })(),
    check('conclusions', m(filled(steps.conclusions.conclusions), 'conclusions.conclusions'), true),
  ];
}

/** Steps 1–6 (with the evaluation plan) are what a funding application needs; conclusions come later. */
export function missingForApplication(steps: BeccariaSteps): BeccariaStep[] {
  return beccariaCompleteness(steps, 'planned')
    .filter((c) => c.state === 'incomplete')
    .map((c) => c.step);
}

export const MISSING_LABELS: Record<string, Text> = {
  'problem.description': { de: 'Problembeschreibung fehlt', en: 'Problem description missing' },
  'causes.analysis': { de: 'Ursachenanalyse fehlt', en: 'Analysis of causes missing' },
  'goals.goals': { de: 'Mindestens ein Ziel', en: 'At least one goal' },
  'goals.indicators': { de: 'Jedes Ziel braucht einen Indikator', en: 'Every goal needs an indicator' },
  'goals.targetGroups': { de: 'Mindestens eine Zielgruppe', en: 'At least one target group' },
  'measures.measures': { de: 'Mindestens eine Maßnahme', en: 'At least one measure' },
  'implementation.plan': { de: 'Umsetzungsplan fehlt', en: 'Implementation plan missing' },
  'implementation.milestones': { de: 'Mindestens ein Meilenstein', en: 'At least one milestone' },
  'evaluation.plan': { de: 'Evaluationsplan fehlt', en: 'Evaluation plan missing' },
  'evaluation.implementationResults': {
    de: 'Ergebnisse der Umsetzungsevaluation fehlen',
    en: 'Results of the implementation evaluation missing',
  },
  'evaluation.effectResults': { de: 'Ergebnisse der Wirkungsevaluation fehlen', en: 'Results of the effect evaluation missing' },
  'conclusions.conclusions': { de: 'Schlussfolgerungen fehlen', en: 'Conclusions missing' },
};

// ---- partners and locations ----

export const partnerSchema = z.object({
  name: nameText(PROJECT_LIMITS.shortMax),
  role: freeText(PROJECT_LIMITS.shortMax).default(''),
});
export type Partner = z.infer<typeof partnerSchema>;

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
/** A GeoJSON position [longitude, latitude] in WGS84. */
export const positionSchema = z.tuple([lon, lat]);
const samePosition = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];
/** A closed linear ring: at least four positions, first equals last, at least three distinct corners. */
const ringSchema = z
  .array(positionSchema)
  .min(4)
  .max(PROJECT_LIMITS.ringPositionsMax)
  .refine((r) => samePosition(r[0]!, r[r.length - 1]!), {
    message: 'Ring nicht geschlossen (erste = letzte Position) / ring not closed (first = last position)',
  })
  .refine((r) => new Set(r.map((p) => `${p[0]},${p[1]}`)).size >= 3, {
    message: 'Fläche ohne drei verschiedene Eckpunkte / area without three distinct corners',
  });

export const pointGeometrySchema = z.object({ type: z.literal('Point'), coordinates: positionSchema });
export const polygonGeometrySchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1).max(20) });
export const multiPolygonGeometrySchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ringSchema).min(1).max(20)).min(1).max(50),
});
/** A location as GeoJSON geometry: a point, or an area (polygon or multipolygon), WGS84 longitude/latitude. */
export const locationGeometrySchema = z.discriminatedUnion('type', [
  pointGeometrySchema,
  polygonGeometrySchema,
  multiPolygonGeometrySchema,
]);

export const locationSchema = z.object({
  label: requiredText(PROJECT_LIMITS.shortMax),
  geometry: locationGeometrySchema,
});
export type ProjectLocation = z.infer<typeof locationSchema>;

// ---- requests ----

const fieldIds = z.array(idSchema).max(20).describe('Fields of action (ids of GET /api/funding/fields-of-action)');

export const createProjectSchema = z.object({
  ags: agsSchema,
  title: nameText(PROJECT_LIMITS.titleMax),
  fieldIds: fieldIds.default([]),
  startDate: isoDateSchema.nullable().default(null),
  endDate: isoDateSchema.nullable().default(null),
  steps: stepsSchema.default(emptySteps()),
  partners: z.array(partnerSchema).max(PROJECT_LIMITS.partnersMax).default([]),
  locations: z.array(locationSchema).max(PROJECT_LIMITS.locationsMax).default([]),
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

export const updateProjectSchema = z.object({
  version: versionSchema,
  title: nameText(PROJECT_LIMITS.titleMax).optional(),
  fieldIds: fieldIds.optional(),
  startDate: isoDateSchema.nullable().optional(),
  endDate: isoDateSchema.nullable().optional(),
  steps: z
    .object({
      problem: problemStepSchema.optional(),
      causes: causesStepSchema.optional(),
      goals: goalsStepSchema.optional(),
      measures: measuresStepSchema.optional(),
      implementation: implementationStepSchema.optional(),
      evaluation: evaluationStepSchema.optional(),
      conclusions: conclusionsStepSchema.optional(),
    })
    .optional()
    .describe('The steps given replace the stored ones; the others stay'),
  partners: z.array(partnerSchema).max(PROJECT_LIMITS.partnersMax).optional(),
  locations: z.array(locationSchema).max(PROJECT_LIMITS.locationsMax).optional(),
});
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;

export const projectStatusChangeSchema = z.object({
  version: versionSchema,
  status: projectStatusSchema,
});

export const projectListQuerySchema = z.object({
  ags: agsSchema.optional(),
  status: projectStatusSchema.optional(),
  fieldId: idParam.optional(),
  q: z.string().trim().max(100).regex(NO_NUL, noNul).optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 500).default(50),
});
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;

export const projectIdParamSchema = z.object({ id: idParam });

// ---- responses ----

export const fieldOfActionSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string() });
export type FieldOfAction = z.infer<typeof fieldOfActionSchema>;

/** A document of a project or of its applications' proofs of use (kind `proof`): a stored document of the documents module. */
export const projectDocumentSchema = documentSchema;
export type { StoredDocument as ProjectDocument } from './documents.schema.ts';

export const stepCompletenessSchema = z.object({
  step: z.enum(BECCARIA_STEPS),
  state: z.enum(['complete', 'incomplete', 'later']),
  missing: z.array(z.string()),
});

export const projectApplicationRefSchema = z.object({
  id: z.number().int(),
  programmeYear: z.number().int(),
  status: z.string(),
  requestedCents: z.number().int(),
  approvedCents: z.number().int().nullable(),
  paidCents: z.number().int(),
});

export const projectSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  districtAgs: z.string(),
  districtName: z.string(),
  title: z.string(),
  status: projectStatusSchema,
  allowedTransitions: z.array(projectStatusSchema),
  fields: z.array(fieldOfActionSchema),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  steps: stepsSchema,
  completeness: z.array(stepCompletenessSchema),
  readyForApplication: z.boolean(),
  partners: z.array(partnerSchema),
  locations: z.array(locationSchema),
  documents: z.array(projectDocumentSchema),
  applications: z.array(projectApplicationRefSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectListItemSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  title: z.string(),
  status: projectStatusSchema,
  fieldIds: z.array(z.number().int()),
  completeSteps: z.number().int(),
  readyForApplication: z.boolean(),
  updatedAt: z.string(),
});
export type ProjectListItem = z.infer<typeof projectListItemSchema>;
