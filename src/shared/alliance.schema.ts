import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { agsSchema, decimalInt, idParam, idSchema, INT4_MAX, isoDateSchema, nameText, versionSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';
import { documentSchema } from './documents.schema.ts';
import {
  AGREEMENT_FIGURES,
  ALL_FIGURES,
  EVENT_TYPES,
  type FigureKey,
  MUNICIPALITY_FIGURES,
  MUNICIPALITY_STATUSES,
} from './alliance-labels.ts';

export {
  AGREEMENT_FIGURES,
  ALL_FIGURES,
  FACT_BOX_FIGURES,
  type AgreementFigure,
  EVENT_TYPE_LABELS,
  EVENT_TYPES,
  FIGURE_LABELS,
  type FigureKey,
  MUNICIPALITY_FIGURES,
  type MunicipalityFigure,
  MUNICIPALITY_STATUS_LABELS,
  MUNICIPALITY_STATUSES,
} from './alliance-labels.ts';

/*
 * The alliance lifecycle: dated events per municipality, cooperation agreements as their own
 * entity, and the network figures derived from them. The semantics of the figures are written
 * down in docs/decisions/005-network-figures-semantics.md.
 */

export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

export const WITHDRAWAL_KINDS = ['withdrawal', 'pause'] as const;
export const withdrawalKindSchema = z.enum(WITHDRAWAL_KINDS);

/**
 * The kind of an agreement (decision 005): a municipality has at most one `cooperation` agreement
 * in force at a time, and only those count in the figures; an `amendment` or an `additional`
 * agreement is recorded beside it explicitly and changes no count.
 */
export const AGREEMENT_KINDS = ['cooperation', 'amendment', 'additional'] as const;
export const agreementKindSchema = z.enum(AGREEMENT_KINDS);
export type AgreementKind = z.infer<typeof agreementKindSchema>;
export const AGREEMENT_KIND_LABELS: Record<AgreementKind, { de: string; en: string }> = {
  cooperation: { de: 'Kooperationsvereinbarung', en: 'Cooperation agreement' },
  amendment: { de: 'Änderungsvereinbarung', en: 'Amending agreement' },
  additional: { de: 'Zusatzvereinbarung', en: 'Additional agreement' },
};
export type WithdrawalKind = z.infer<typeof withdrawalKindSchema>;

export const EVENT_STATUSES = ['active', 'corrected', 'cancelled'] as const;
export const EVENT_SOURCES = ['api', 'import', 'demo'] as const;

/** Types that refer to a cooperation agreement. */
export const AGREEMENT_EVENT_TYPES = ['agreement_signed', 'agreement_amended', 'agreement_terminated'] as const;
/** Milestones without further fields. */
export const PLAIN_EVENT_TYPES = [
  'pre_agreement_signed',
  'council_resolution',
  'council_constituted',
  'coaching_started',
  'coaching_ended',
  'analysis_started',
  'analysis_completed',
  'strategy_adopted',
  'resumed',
  'problem_fields_identified',
  'prevention_areas_defined',
] as const;

/** Earliest date the alliance records accept; anything earlier is a typing mistake. */
export const EARLIEST_EVENT_DATE = '1990-01-01';
export const DEFAULT_PROGRAMME_START = '2019-02-06';

export const ALLIANCE_LIMITS = {
  notesMax: 4000,
  topicMax: 300,
  participantsMax: 2000,
  titleMax: 300,
  referenceMax: 100,
  signatoriesMax: 30,
  partiesMax: 50,
  fileNameMax: 200,
  importLinesMax: 100_000,
  importErrorsMax: 200,
  seriesPointsMax: 600,
} as const;

// PostgreSQL text cannot hold NUL characters; they are refused at the door on both dialects.
const NO_NUL = /^[^\u0000]*$/;
const noNul = { message: 'Steuerzeichen NUL ist nicht erlaubt / NUL character not allowed' };
/** Free text without NUL characters, trimmed. */
const text = (max: number) => z.string().trim().max(max).regex(NO_NUL, noNul);
/** Required free text (at least one character after trimming). */
const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, noNul);

const notes = z.string().max(ALLIANCE_LIMITS.notesMax).regex(NO_NUL, noNul).default('');
const dateField = isoDateSchema.describe('Calendar date YYYY-MM-DD; not in the future');

const consultationInput = z.object({
  type: z.literal('consultation'),
  date: dateField,
  topic: text(ALLIANCE_LIMITS.topicMax).nullable().default(null),
  participants: text(ALLIANCE_LIMITS.participantsMax).nullable().default(null),
  notes,
});
const withdrawnInput = z.object({ type: z.literal('withdrawn'), date: dateField, kind: withdrawalKindSchema.default('withdrawal'), notes });
const agreementEventInput = z.object({
  type: z.enum(AGREEMENT_EVENT_TYPES),
  date: dateField,
  agreementId: z
    .number()
    .int()
    .positive()
    .max(INT4_MAX)
    .describe('The cooperation agreement the event belongs to; agreement_signed here means joining an existing agreement'),
  notes,
});
const plainInput = z.object({ type: z.enum(PLAIN_EVENT_TYPES), date: dateField, notes });

/** One event to record for a municipality. New agreements are created with POST /api/alliance/agreements. */
export const recordEventSchema = z.discriminatedUnion('type', [consultationInput, withdrawnInput, agreementEventInput, plainInput]);
export type RecordEventInput = z.infer<typeof recordEventSchema>;

export const correctEventSchema = z.object({
  version: versionSchema,
  reason: requiredText(LIMITS.reasonMax),
  event: recordEventSchema.describe('The corrected event as a whole; it supersedes the old one'),
});
export type CorrectEventInput = z.infer<typeof correctEventSchema>;

export const cancelSchema = z.object({
  version: versionSchema,
  reason: requiredText(LIMITS.reasonMax),
});
export type CancelInput = z.infer<typeof cancelSchema>;

const personRef = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const allianceEventSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  type: eventTypeSchema,
  date: z.string(),
  agreementId: z.number().int().nullable(),
  topic: z.string().nullable(),
  participants: z.string().nullable(),
  kind: withdrawalKindSchema.nullable(),
  notes: z.string(),
  status: z.enum(EVENT_STATUSES),
  correctsId: z.number().int().nullable(),
  supersededById: z.number().int().nullable(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  statusChangedBy: personRef,
  source: z.enum(EVENT_SOURCES),
  createdBy: personRef,
  createdAt: z.string(),
  version: z.number().int(),
});
export type AllianceEvent = z.infer<typeof allianceEventSchema>;

export const SIGNATORY_PARTIES = ['municipality', 'police', 'council', 'ministry', 'other'] as const;

export const signatoryInputSchema = z.object({
  name: nameText(LIMITS.nameMax),
  function: requiredText(LIMITS.nameMax),
  party: z.enum(SIGNATORY_PARTIES).default('other'),
  ags: agsSchema.nullable().default(null).describe('For a municipality signatory of a joint agreement: which municipality'),
});
export type SignatoryInput = z.infer<typeof signatoryInputSchema>;

export const signatorySchema = z.object({
  name: z.string(),
  function: z.string(),
  party: z.enum(SIGNATORY_PARTIES),
  ags: z.string().nullable(),
});

const uniqueAgs = z
  .array(agsSchema)
  .min(1)
  .max(ALLIANCE_LIMITS.partiesMax)
  .refine((a) => new Set(a).size === a.length, { message: 'Jede Kommune nur einmal / each municipality once' });

export const createAgreementSchema = z.object({
  municipalities: uniqueAgs.describe('One municipality, or several for a joint agreement'),
  signedOn: dateField,
  title: text(ALLIANCE_LIMITS.titleMax).default(''),
  reference: requiredText(ALLIANCE_LIMITS.referenceMax).nullable().default(null).describe('File number or import group id; unique'),
  directorateId: z
    .number()
    .int()
    .positive()
    .max(INT4_MAX)
    .nullable()
    .default(null)
    .describe('Police directorate party; by default the directorate of the first municipality'),
  councilParty: requiredText(LIMITS.nameMax)
    .nullable()
    .default(null)
    .describe('The state council as party; by default the configured council name'),
  signatories: z.array(signatoryInputSchema).max(ALLIANCE_LIMITS.signatoriesMax).default([]),
  kind: agreementKindSchema
    .default('cooperation')
    .describe(
      'cooperation: the one agreement in force per municipality (refused while another is in force); amendment or additional: recorded beside it, not counted',
    ),
  notes,
});
export type CreateAgreementInput = z.infer<typeof createAgreementSchema>;

export const updateAgreementSchema = z.object({
  version: versionSchema,
  title: text(ALLIANCE_LIMITS.titleMax).optional(),
  reference: requiredText(ALLIANCE_LIMITS.referenceMax).nullable().optional(),
  directorateId: idSchema.optional(),
  councilParty: requiredText(LIMITS.nameMax).optional(),
  signatories: z.array(signatoryInputSchema).max(ALLIANCE_LIMITS.signatoriesMax).optional(),
  notes: z.string().max(ALLIANCE_LIMITS.notesMax).regex(NO_NUL, noNul).optional(),
});
export type UpdateAgreementInput = z.infer<typeof updateAgreementSchema>;

export const agreementEventsSchema = z.object({
  type: z.enum(['agreement_amended', 'agreement_terminated']),
  date: dateField,
  notes,
  municipalities: z
    .array(agsSchema)
    .min(1)
    .max(ALLIANCE_LIMITS.partiesMax)
    .optional()
    .describe('Default: every party that has not left the agreement'),
});
export type AgreementEventsInput = z.infer<typeof agreementEventsSchema>;

/** A signed agreement is a stored document of the documents module. */
export type { StoredDocument as AgreementDocument } from './documents.schema.ts';

export const agreementPartySchema = z.object({
  ags: z.string(),
  name: z.string(),
  signedOn: z.string(),
  terminatedOn: z.string().nullable(),
  amendedOn: z.array(z.string()),
});

export const agreementSchema = z.object({
  id: z.number().int(),
  reference: z.string().nullable(),
  title: z.string(),
  kind: agreementKindSchema,
  status: z.enum(['active', 'cancelled']),
  statusReason: z.string().nullable(),
  signedOn: z.string().nullable().describe('First signing date of any party (computed from the events)'),
  terminatedOn: z.string().nullable().describe('Date the last party left, if every party left (computed)'),
  joint: z.boolean(),
  parties: z.array(agreementPartySchema),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  councilParty: z.string(),
  signatories: z.array(signatorySchema),
  documents: z.array(documentSchema),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const agreementIdParamSchema = z.object({ id: idParam });
export const eventIdParamSchema = agreementIdParamSchema;
export const agsParamSchema = z.object({ ags: agsSchema });

// ---- status and figures ----

export const municipalityStatusSchema = z.enum(MUNICIPALITY_STATUSES);
export type MunicipalityStatus = z.infer<typeof municipalityStatusSchema>;

export const communeStateSchema = z.object({
  status: municipalityStatusSchema,
  advised: z.boolean(),
  preAgreement: z.boolean(),
  coveredByAgreement: z.boolean(),
  agreementsInForce: z.array(z.number().int()),
  coachingRunning: z.boolean(),
  analysisUnderWay: z.boolean(),
  analysesCompleted: z.number().int(),
  withdrawn: withdrawalKindSchema.nullable(),
  inCollaboration: z.boolean(),
  firstAgreementSignedOn: z.string().nullable(),
  rank: z.number().int().nullable().describe('Position within the district by first agreement signing (ties by AGS); null until signed'),
});
export type CommuneState = z.infer<typeof communeStateSchema>;

export const municipalityStatusRowSchema = communeStateSchema.extend({
  ags: z.string(),
  name: z.string(),
  districtAgs: z.string(),
  districtName: z.string(),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  active: z.boolean(),
  canSeeDetail: z.boolean(),
});
export type MunicipalityStatusRow = z.infer<typeof municipalityStatusRowSchema>;

export const figureCountsSchema = z.object({
  municipalities: z.number().int().describe('Active municipalities in the area'),
  advised: z.number().int(),
  preAgreements: z.number().int(),
  agreementsInForce: z.number().int(),
  communesCoveredByAgreements: z.number().int(),
  agreementsSigned: z.number().int().describe('Agreements signed on or before the date, including terminated ones'),
  coachingRunning: z.number().int(),
  analysesUnderWay: z.number().int(),
  analysesCompleted: z.number().int(),
  inCollaboration: z.number().int(),
  withdrawn: z.number().int(),
});
export type FigureCounts = z.infer<typeof figureCountsSchema>;
// The labels' keys (alliance-labels.ts) are exactly the figures' fields.
({}) as FigureKey satisfies keyof FigureCounts;
({}) as keyof FigureCounts satisfies FigureKey;

export const figuresSchema = z.object({
  at: z.string(),
  programmeStart: z.string(),
  statewide: figureCountsSchema,
  districts: z.array(figureCountsSchema.extend({ ags: z.string(), name: z.string() })),
  directorates: z.array(figureCountsSchema.extend({ id: z.number().int(), name: z.string() })),
});
export type Figures = z.infer<typeof figuresSchema>;

export const atQuerySchema = z.object({
  at: isoDateSchema.optional().describe('Reference date; default today (Europe/Berlin)'),
});

export const seriesQuerySchema = z.object({
  from: isoDateSchema.optional().describe('Default: the programme start'),
  to: isoDateSchema.optional().describe('Default: today'),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  directorateId: idParam.optional(),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

export const seriesSchema = z.object({
  from: z.string(),
  to: z.string(),
  area: z.object({ level: z.enum(['state', 'district', 'directorate']), key: z.string().nullable(), name: z.string() }),
  points: z.array(figureCountsSchema.extend({ month: z.string(), at: z.string() })),
});
export type Series = z.infer<typeof seriesSchema>;

export const factBoxQuerySchema = atQuerySchema.extend({
  ags: agsSchema.optional().describe("Adds the sentence about this municipality's rank in its district"),
});

export const factBoxSchema = z.object({
  at: z.string(),
  de: z.string(),
  en: z.string(),
  figures: figureCountsSchema,
});

/** Filters and order of the municipality status list; the list and its export take the same. */
export const statusFilterSchema = z.object({
  q: z.string().max(LIMITS.searchMax).optional(),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  directorateId: idParam.optional(),
  status: municipalityStatusSchema.optional(),
  inCollaboration: z.enum(['true', 'false']).optional(),
  figure: z
    .enum(MUNICIPALITY_FIGURES)
    .optional()
    .describe('Only the municipalities this figure counts at the date (the drill-down of a figure)'),
  detailOnly: z
    .enum(['true', 'false'])
    .optional()
    .describe("true: only the municipalities whose record the user may open (a coordinator's communes)"),
  sort: z.enum(['name', 'ags', 'district', 'status', 'rank', 'firstAgreementSignedOn']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type StatusFilter = z.infer<typeof statusFilterSchema>;

export const statusListQuerySchema = statusFilterSchema.extend({
  at: isoDateSchema.optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type StatusListQuery = z.infer<typeof statusListQuerySchema>;

/** The drill-down of an agreement figure: the agreements it counts at the date, in an area. */
export const agreementFigureQuerySchema = z.object({
  figure: z.enum(AGREEMENT_FIGURES),
  at: isoDateSchema.optional(),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  directorateId: idParam.optional(),
  withoutDocument: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only the agreements without a stored signed document (the work queue of the LPR staff, decision 038)'),
});
export type AgreementFigureQuery = z.infer<typeof agreementFigureQuerySchema>;

export const agreementFigureRowsSchema = z.object({
  at: z.string(),
  figure: z.enum(AGREEMENT_FIGURES),
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      reference: z.string().nullable(),
      title: z.string(),
      signedOn: z.string().describe('The first signing of its parties'),
      inForce: z.boolean(),
      parties: z.array(z.object({ ags: z.string(), name: z.string() })).describe('Its parties in the area'),
    }),
  ),
});
export type AgreementFigureRows = z.infer<typeof agreementFigureRowsSchema>;

export const municipalityDetailSchema = z.object({
  at: z.string(),
  municipality: z.object({
    ags: z.string(),
    name: z.string(),
    districtAgs: z.string(),
    districtName: z.string(),
    directorateId: z.number().int().nullable(),
    directorateName: z.string().nullable(),
    population: z.number().int().nullable(),
    active: z.boolean(),
  }),
  state: communeStateSchema,
  events: z.array(allianceEventSchema).describe('Every event, including corrected and cancelled ones, by date'),
  agreements: z.array(agreementSchema),
});
export type MunicipalityDetail = z.infer<typeof municipalityDetailSchema>;

/** The member map of the public page: no personal data. */
export const publicMemberSchema = z.object({
  ags: z.string(),
  name: z.string(),
  districtAgs: z.string(),
  status: municipalityStatusSchema,
  inCollaboration: z.boolean(),
  coveredByAgreement: z.boolean(),
});

/** The public drill-down of a figure: what it counts at the date in the area, without personal data. */
export const publicFigureQuerySchema = z.object({
  figure: z.enum(ALL_FIGURES),
  at: isoDateSchema.optional(),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  directorateId: idParam.optional(),
});
export type PublicFigureQuery = z.infer<typeof publicFigureQuerySchema>;

export const publicFigureRowsSchema = z.object({
  at: z.string(),
  figure: z.enum(ALL_FIGURES),
  area: z.string().nullable().describe('The district or police directorate; null statewide'),
  total: z.number().int().describe('Equals the figure: one row per municipality, agreement or completed analysis counted'),
  items: z.array(
    z.object({
      name: z.string().describe('The municipality, or the parties (in the area) of an agreement'),
      districtName: z.string().nullable(),
      signedOn: z.string().nullable().describe('An agreement: the first signing of its parties'),
    }),
  ),
});
export type PublicFigureRows = z.infer<typeof publicFigureRowsSchema>;

export const publicInfoSchema = z.object({
  enabled: z.boolean(),
  programmeName: z.string(),
  programmeStart: z.string(),
});

// ---- exports ----

export const EXPORT_TABLES = ['statewide', 'districts', 'directorates', 'series', 'municipalities', 'agreements', 'all'] as const;
/**
 * The municipalities table follows the list's filters and order (`statusFilterSchema`); the
 * agreements table is the drill-down of an agreement figure (`agreementFigureQuerySchema`), with its
 * figure as `agreementFigure` and its area as `district` or `directorateId`. `all` holds neither
 * drill-down's filters, so it leaves the agreements out.
 */
export const exportQuerySchema = statusFilterSchema.extend({
  table: z.enum(EXPORT_TABLES),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
  at: isoDateSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  agreementFigure: z
    .enum(AGREEMENT_FIGURES)
    .optional()
    .describe('table=agreements (required there): the agreement figure whose agreements are exported, as its drill-down lists them'),
  withoutDocument: z
    .enum(['true', 'false'])
    .optional()
    .describe('table=agreements: true for only the agreements without a stored signed document, as the drill-down'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

// ---- settings ----

export const allianceSettingsSchema = z.object({
  publicPage: z.boolean(),
  programmeName: z.string(),
  programmeStart: z.string(),
  councilName: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type AllianceSettings = z.infer<typeof allianceSettingsSchema>;

export const updateAllianceSettingsSchema = z.object({
  version: z.number().int().min(0).max(INT4_MAX).describe('Current version; 0 while the settings were never stored'),
  publicPage: z.boolean().optional(),
  programmeName: requiredText(LIMITS.nameMax).optional(),
  programmeStart: isoDateSchema.optional(),
  councilName: requiredText(LIMITS.nameMax).optional(),
});
export type UpdateAllianceSettingsInput = z.infer<typeof updateAllianceSettingsSchema>;

// ---- history import ----

/**
 * Columns of the history CSV (comma or semicolon separated, UTF-8 or ISO-8859-1, header line).
 * See docs/alliance-history-import.md.
 */
export const HISTORY_COLUMNS = [
  'ags',
  'event_type',
  'date',
  'notes',
  'topic',
  'participants',
  'withdrawal_kind',
  'agreement',
  'agreement_title',
  'directorate',
  'signatories',
  'agreement_kind',
] as const;
export const HISTORY_REQUIRED_COLUMNS = ['ags', 'event_type', 'date'] as const;

export const importQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('false').describe('Validate only; store nothing'),
});

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  lines: z.number().int(),
  events: z.number().int(),
  agreements: z.number().int().describe('New agreements'),
  municipalities: z.number().int().describe('Municipalities with new events'),
  sha256: z.string(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
