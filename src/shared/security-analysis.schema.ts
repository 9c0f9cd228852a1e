import { z } from 'zod';
import { agsSchema, decimalInt, idParam, idSchema as id, isoDateSchema, versionSchema as version } from './common.schema.ts';

/*
 * The security analysis (Sicherheitsanalyse): a tracked project per municipality with its
 * phases, area profiles built from the directory, the crime statistics and the citizen survey,
 * findings and recommendations, the strategy workshop, and versioned reports whose final version
 * is frozen as a snapshot. See docs/decisions/015-security-analysis-report.md.
 */

type Text = { de: string; en: string };

export const ANALYSIS_PHASES = [
  'kick_off',
  'register_sample',
  'letters',
  'field_period',
  'reminder',
  'returns',
  'area_profiles',
  'draft_report',
  'final_report',
  'strategy_workshop',
] as const;
export const analysisPhaseSchema = z.enum(ANALYSIS_PHASES);
export type AnalysisPhase = z.infer<typeof analysisPhaseSchema>;

export const PHASE_LABELS: Record<AnalysisPhase, Text> = {
  kick_off: { de: 'Auftaktgespräch', en: 'Kick-off' },
  register_sample: { de: 'Stichprobe aus dem Melderegister', en: 'Register sample' },
  letters: { de: 'Anschreiben mit Zugangscodes', en: 'Letters with access codes' },
  field_period: { de: 'Feldphase', en: 'Field period' },
  reminder: { de: 'Erinnerungsschreiben', en: 'Reminder' },
  returns: { de: 'Rücklauf', en: 'Returns' },
  area_profiles: { de: 'Gebietsprofile', en: 'Area profiles' },
  draft_report: { de: 'Berichtsentwurf', en: 'Draft report' },
  final_report: { de: 'Abschlussbericht', en: 'Final report' },
  strategy_workshop: { de: 'Strategieworkshop', en: 'Strategy workshop' },
};

/** Default plan: start week and length in weeks of each phase, about 20 weeks in all. */
export const DEFAULT_PHASE_PLAN: Record<AnalysisPhase, { week: number; weeks: number }> = {
  kick_off: { week: 0, weeks: 1 },
  register_sample: { week: 1, weeks: 2 },
  letters: { week: 3, weeks: 1 },
  field_period: { week: 4, weeks: 4 },
  reminder: { week: 6, weeks: 1 },
  returns: { week: 8, weeks: 1 },
  area_profiles: { week: 8, weeks: 4 },
  draft_report: { week: 12, weeks: 4 },
  final_report: { week: 16, weeks: 2 },
  strategy_workshop: { week: 19, weeks: 1 },
};

export const ANALYSIS_STATUSES = ['planned', 'running', 'completed'] as const;
export const analysisStatusSchema = z.enum(ANALYSIS_STATUSES);
export type AnalysisStatus = z.infer<typeof analysisStatusSchema>;

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;
export const PRIORITY_LABELS: Record<Priority, Text> = {
  high: { de: 'hoch', en: 'high' },
  medium: { de: 'mittel', en: 'medium' },
  low: { de: 'niedrig', en: 'low' },
};

export const DECISIONS = ['open', 'accepted', 'rejected'] as const;
export const decisionSchema = z.enum(DECISIONS);

/**
 * What a finding may cite as evidence: a chart or a table of the profiles (the report shows them
 * under these references, e.g. "Abbildung: Kriminalitätsentwicklung").
 */
export const EVIDENCE_REFS = [
  'chart:crime_series',
  'chart:survey_indices',
  'table:population',
  'table:crime_indicators',
  'table:crime_offences',
  'table:survey_indices',
  'table:comparison',
  'table:areas',
  'map:location',
] as const;
export const evidenceRefSchema = z.enum(EVIDENCE_REFS);
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;
export const EVIDENCE_LABELS: Record<EvidenceRef, Text> = {
  'chart:crime_series': { de: 'Abbildung: Entwicklung der Häufigkeitszahl', en: 'Chart: crime rate over time' },
  'chart:survey_indices': { de: 'Abbildung: Ergebnisse der Bürgerbefragung', en: 'Chart: citizen survey results' },
  'table:population': { de: 'Tabelle: Bevölkerungsstruktur', en: 'Table: population structure' },
  'table:crime_indicators': { de: 'Tabelle: Kriminalitätskennzahlen', en: 'Table: crime indicators' },
  'table:crime_offences': { de: 'Tabelle: Straftatengruppen', en: 'Table: offence groups' },
  'table:survey_indices': { de: 'Tabelle: Ergebnisse der Bürgerbefragung', en: 'Table: citizen survey results' },
  'table:comparison': { de: 'Tabelle: Vergleich mit Kreis und Land', en: 'Table: comparison with district and state' },
  'table:areas': { de: 'Tabelle: Ortsteile', en: 'Table: districts of the municipality' },
  'map:location': { de: 'Karte: Lage im Kreis', en: 'Map: location in the district' },
};

export const ANALYSIS_LIMITS = {
  titleMax: 300,
  contractorMax: 300,
  notesMax: 4000,
  textMax: 4000,
  areasMax: 40,
  areaNameMax: 120,
  findingsMax: 100,
  recommendationsMax: 100,
  reportsMax: 200,
} as const;

const NO_NUL = /^[^\u0000]*$/;
const noNul = { message: 'Steuerzeichen NUL ist nicht erlaubt / NUL character not allowed' };
const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, noNul);
const optionalText = (max: number) => z.string().trim().max(max).regex(NO_NUL, noNul);

// ---- params and queries ----

export const analysisIdParamSchema = z.object({
  id: idParam,
});
export const phaseParamSchema = analysisIdParamSchema.extend({ phase: analysisPhaseSchema });
export const findingParamSchema = analysisIdParamSchema.extend({
  findingId: idParam,
});
export const recommendationParamSchema = analysisIdParamSchema.extend({
  recommendationId: idParam,
});
export const reportParamSchema = analysisIdParamSchema.extend({ number: decimalInt(1, 100_000) });

export const listAnalysesQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 500).default(50),
  ags: agsSchema.optional(),
  status: analysisStatusSchema.optional(),
  late: z.enum(['true', 'false']).optional().describe('true: only analyses with a late phase'),
  at: isoDateSchema.optional().describe('Reference date for "late" (default: today)'),
  completedBy: isoDateSchema
    .optional()
    .describe('Only the analyses completed on or before this date: the rows of the figure "security analyses completed"'),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe('Only municipalities of this district (Kreis AGS)'),
  directorateId: idParam.optional().describe('Only municipalities of this police directorate'),
});
export type ListAnalysesQuery = z.infer<typeof listAnalysesQuerySchema>;

// ---- inputs ----

export const createAnalysisSchema = z.object({
  ags: agsSchema,
  title: optionalText(ANALYSIS_LIMITS.titleMax).default(''),
  contractor: requiredText(ANALYSIS_LIMITS.contractorMax),
  surveyId: id.nullable().default(null),
  plannedStart: isoDateSchema.nullable().default(null).describe('When given, every phase is planned from this date (about 20 weeks)'),
  notes: optionalText(ANALYSIS_LIMITS.notesMax).default(''),
});
export type CreateAnalysisInput = z.infer<typeof createAnalysisSchema>;

export const updateAnalysisSchema = z.object({
  version,
  title: optionalText(ANALYSIS_LIMITS.titleMax).optional(),
  contractor: requiredText(ANALYSIS_LIMITS.contractorMax).optional(),
  surveyId: id.nullable().optional(),
  notes: optionalText(ANALYSIS_LIMITS.notesMax).optional(),
});
export type UpdateAnalysisInput = z.infer<typeof updateAnalysisSchema>;

export const updatePhaseSchema = z.object({
  version: version.describe('The analysis version'),
  plannedStart: isoDateSchema.nullable().optional(),
  plannedEnd: isoDateSchema.nullable().optional(),
  actualStart: isoDateSchema.nullable().optional(),
  actualEnd: isoDateSchema.nullable().optional(),
});
export type UpdatePhaseInput = z.infer<typeof updatePhaseSchema>;

export const milestoneSchema = z.object({ version, date: isoDateSchema.describe('Not in the future') });
export type MilestoneInput = z.infer<typeof milestoneSchema>;

export const areasInputSchema = z.object({
  version,
  areas: z
    .array(
      z.object({
        name: requiredText(ANALYSIS_LIMITS.areaNameMax),
        population: z.number().int().min(0).max(100_000_000).nullable().default(null),
        description: optionalText(ANALYSIS_LIMITS.textMax).default(''),
      }),
    )
    .max(ANALYSIS_LIMITS.areasMax),
});
export type AreasInput = z.infer<typeof areasInputSchema>;

export const createFindingSchema = z.object({
  text: requiredText(ANALYSIS_LIMITS.textMax),
  evidence: evidenceRefSchema,
  fieldOfActionId: id,
  priority: prioritySchema.default('medium'),
});
export type CreateFindingInput = z.infer<typeof createFindingSchema>;
export const updateFindingSchema = createFindingSchema.partial().extend({ version });
export type UpdateFindingInput = z.infer<typeof updateFindingSchema>;

export const createRecommendationSchema = z.object({
  text: requiredText(ANALYSIS_LIMITS.textMax),
  priority: prioritySchema.default('medium'),
  findingIds: z.array(id).min(1).max(50).describe('The findings the recommendation answers (at least one)'),
});
export type CreateRecommendationInput = z.infer<typeof createRecommendationSchema>;
export const updateRecommendationSchema = createRecommendationSchema.partial().extend({ version });
export type UpdateRecommendationInput = z.infer<typeof updateRecommendationSchema>;

export const deleteSchema = z.object({ version });

export const decisionInputSchema = z.object({
  version,
  decision: decisionSchema,
  decidedOn: isoDateSchema.nullable().default(null),
  note: optionalText(ANALYSIS_LIMITS.textMax).default(''),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const adoptSchema = z.object({
  version,
  target: z
    .enum(['problem_field', 'project_idea'])
    .describe('problem_field: a problem field of the municipality (councils); project_idea: a project in status idea (projects)'),
  title: optionalText(300).default('').describe('Defaults to the start of the recommendation'),
  fieldOfActionId: id.nullable().default(null).describe('Defaults to the field of action of its first finding'),
});
export type AdoptInput = z.infer<typeof adoptSchema>;

export const createReportSchema = z.object({
  kind: z.enum(['draft', 'final']),
  version,
  confirm: z.boolean().default(false).describe('final: must be true (freezing cannot be undone)'),
});
export type CreateReportInput = z.infer<typeof createReportSchema>;

export const reportEditSchema = z.object({ note: optionalText(ANALYSIS_LIMITS.notesMax) });
export type ReportEditInput = z.infer<typeof reportEditSchema>;

// ---- outputs ----

const phaseOut = z.object({
  phase: analysisPhaseSchema,
  label: z.string(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  late: z.boolean().describe('planned end passed without an actual end, or planned start passed without an actual start'),
});
export type PhaseOut = z.infer<typeof phaseOut>;

const findingOut = z.object({
  id: z.number().int(),
  position: z.number().int(),
  text: z.string(),
  evidence: evidenceRefSchema,
  evidenceLabel: z.string(),
  fieldOfActionId: z.number().int(),
  fieldOfActionName: z.string(),
  priority: prioritySchema,
  version: z.number().int(),
});
export type FindingOut = z.infer<typeof findingOut>;

const recommendationOut = z.object({
  id: z.number().int(),
  position: z.number().int(),
  text: z.string(),
  priority: prioritySchema,
  findingIds: z.array(z.number().int()),
  decision: decisionSchema,
  decidedOn: z.string().nullable(),
  decisionNote: z.string(),
  problemFieldId: z.number().int().nullable(),
  projectId: z.number().int().nullable(),
  version: z.number().int(),
});
export type RecommendationOut = z.infer<typeof recommendationOut>;

const reportHead = z.object({
  number: z.number().int(),
  kind: z.enum(['draft', 'final']),
  createdAt: z.string(),
  createdBy: z.string(),
  contentSha256: z.string(),
  frozen: z.boolean(),
  note: z.string(),
});
export type ReportHead = z.infer<typeof reportHead>;

export const analysisSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  districtAgs: z.string(),
  districtName: z.string(),
  title: z.string(),
  contractor: z.string(),
  status: analysisStatusSchema,
  surveyId: z.number().int().nullable(),
  notes: z.string(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  startedEventId: z.number().int().nullable(),
  completedEventId: z.number().int().nullable(),
  phases: z.array(phaseOut),
  latePhases: z.array(analysisPhaseSchema),
  areas: z.array(z.object({ name: z.string(), population: z.number().int().nullable(), description: z.string() })),
  findings: z.array(findingOut),
  recommendations: z.array(recommendationOut),
  reports: z.array(reportHead),
  frozen: z.boolean().describe('A final report exists; findings and recommendations can no longer change'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Analysis = z.infer<typeof analysisSchema>;

export const analysisRowSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  districtName: z.string(),
  title: z.string(),
  contractor: z.string(),
  status: analysisStatusSchema,
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  latePhases: z.array(
    z.object({ phase: analysisPhaseSchema, label: z.string(), plannedStart: z.string().nullable(), plannedEnd: z.string().nullable() }),
  ),
  currentPhase: analysisPhaseSchema.nullable(),
  frozen: z.boolean(),
});
export type AnalysisRow = z.infer<typeof analysisRowSchema>;

/**
 * A security analysis known only from the alliance history (a history import without records):
 * shown as a historic row so that the list counts what the figures count (decision 035).
 */
export const historicAnalysisSchema = z.object({
  ags: z.string(),
  municipalityName: z.string(),
  startedOn: z.string(),
  completedOn: z.string().nullable(),
  startEventId: z.number().int(),
  completedEventId: z.number().int().nullable(),
});
export type HistoricAnalysis = z.infer<typeof historicAnalysisSchema>;

export const analysisPageSchema = z.object({
  items: z.array(analysisRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  historic: z.array(historicAnalysisSchema).describe('Analyses of the history without a record, under the same filters (not paged)'),
});
export type AnalysisPage = z.infer<typeof analysisPageSchema>;

export const analysisCountsSchema = z.object({
  at: z.string(),
  total: z.number().int(),
  planned: z.number().int(),
  running: z.number().int(),
  completed: z.number().int(),
  late: z.number().int(),
});

/** A chart of the profile: the ECharts option (rendered on the server and in the web), its table, its attribution. */
export const profileChartSchema = z.object({
  ref: evidenceRefSchema,
  title: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  option: z.record(z.string(), z.unknown()),
  table: z.object({ header: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) }),
  attribution: z.array(z.string()),
});
export type ProfileChart = z.infer<typeof profileChartSchema>;

const tableSchema = z.object({
  ref: evidenceRefSchema,
  title: z.string(),
  header: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type ProfileTable = z.infer<typeof tableSchema>;

const surveySummarySchema = z.object({
  surveyId: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'fieldwork', 'closed']),
  kMin: z.number().int(),
  sampleSize: z.number().int().describe('Access codes issued (the gross sample)'),
  responses: z.number().int(),
  responseRate: z.number().nullable().describe('Responses / codes issued, per cent'),
  weighted: z.boolean(),
  weighting: z.string(),
  indices: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.enum(['share', 'score']),
      value: z.number().nullable(),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      n: z.number().int().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  source: z.string(),
});
export type SurveySummary = z.infer<typeof surveySummarySchema>;

/** Everything a profile (and the report) shows; stored as is in a report snapshot. */
export const profileSchema = z.object({
  generatedAt: z.string(),
  municipality: z.object({ ags: z.string(), name: z.string(), districtAgs: z.string(), districtName: z.string(), stateName: z.string() }),
  population: z.object({
    total: z.number().int().nullable(),
    male: z.number().int().nullable(),
    female: z.number().int().nullable(),
    areaKm2: z.number().nullable(),
    densityPerKm2: z.number().nullable(),
    districtTotal: z.number().int().nullable(),
    stateTotal: z.number().int().nullable(),
    statusDate: z.string().nullable(),
  }),
  areas: z.array(z.object({ name: z.string(), population: z.number().int().nullable(), description: z.string() })),
  crime: z.object({
    level: z.enum(['municipality', 'district', 'none']),
    year: z.number().int().nullable(),
    hz: z.number().nullable(),
    cases: z.number().int().nullable(),
    clearanceRate: z.number().nullable(),
    districtHz: z.number().nullable(),
    stateHz: z.number().nullable(),
    nationalHz: z.number().nullable(),
    trend5yPctPerYear: z.number().nullable(),
  }),
  survey: surveySummarySchema.nullable(),
  surveyNote: z.string().nullable().describe('Why no survey results are shown, when none are'),
  charts: z.array(profileChartSchema),
  tables: z.array(tableSchema),
  map: z.object({ svg: z.string(), title: z.string(), attribution: z.array(z.string()) }).nullable(),
  attribution: z.array(z.string()),
});
export type Profile = z.infer<typeof profileSchema>;

export const reportSnapshotSchema = z.object({
  analysis: z.object({
    id: z.number().int(),
    title: z.string(),
    contractor: z.string(),
    ags: z.string(),
    municipalityName: z.string(),
    startedOn: z.string().nullable(),
  }),
  number: z.number().int(),
  kind: z.enum(['draft', 'final']),
  createdAt: z.string(),
  phases: z.array(phaseOut),
  profile: profileSchema,
  findings: z.array(findingOut),
  recommendations: z.array(
    recommendationOut.omit({ decision: true, decidedOn: true, decisionNote: true, problemFieldId: true, projectId: true, version: true }),
  ),
  methods: z.object({
    sampleSize: z.number().int().nullable(),
    responses: z.number().int().nullable(),
    responseRate: z.number().nullable(),
    weighting: z.string(),
    suppression: z.string(),
  }),
});
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export const reportSchema = reportHead.extend({ snapshot: reportSnapshotSchema });
export type Report = z.infer<typeof reportSchema>;

export const comparisonSchema = z.object({
  current: z.object({ analysisId: z.number().int(), reportNumber: z.number().int().nullable(), title: z.string() }),
  other: z.object({ analysisId: z.number().int(), reportNumber: z.number().int().nullable(), title: z.string() }).nullable(),
  rows: z.array(
    z.object({ label: z.string(), current: z.number().nullable(), other: z.number().nullable(), difference: z.number().nullable() }),
  ),
});
export type Comparison = z.infer<typeof comparisonSchema>;
