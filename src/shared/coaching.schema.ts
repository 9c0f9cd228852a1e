import { z } from 'zod';
import { agsSchema, decimalInt, isoDateSchema, versionSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';
import { idSchema, optionalText } from './organisations.schema.ts';

/*
 * Coaching: a pool of coaches (each a person record, so the GDPR rules of people apply), and
 * coaching processes per municipality. Starting and ending a process records the alliance events
 * "coaching_started" and "coaching_ended", from which the network figures follow (decision 005).
 */

export const COACHING_LIMITS = { textMax: 10_000, notesMax: 4000 } as const;

export const createCoachSchema = z.object({
  personId: idSchema.describe("The coach's person record (a state-wide record, kept by the LPR)"),
  region: optionalText(200).default('').describe('Where the coach works, e.g. "Erzgebirge, Mittelsachsen"'),
  notes: optionalText(COACHING_LIMITS.notesMax).default(''),
});
export type CreateCoachInput = z.infer<typeof createCoachSchema>;

export const updateCoachSchema = z.object({
  version: versionSchema,
  region: optionalText(200).optional(),
  notes: optionalText(COACHING_LIMITS.notesMax).optional(),
  active: z.boolean().optional(),
});
export type UpdateCoachInput = z.infer<typeof updateCoachSchema>;

export const coachSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  region: z.string(),
  notes: z.string(),
  active: z.boolean(),
  runningProcesses: z.number().int(),
  version: z.number().int(),
});
export type Coach = z.infer<typeof coachSchema>;

export const startCoachingSchema = z.object({
  ags: agsSchema,
  coachId: idSchema,
  startedOn: isoDateSchema.describe('Recorded as the alliance event "coaching_started"; not in the future'),
  goals: optionalText(COACHING_LIMITS.textMax).default(''),
});
export type StartCoachingInput = z.infer<typeof startCoachingSchema>;

export const updateCoachingSchema = z.object({
  version: versionSchema,
  coachId: idSchema.optional(),
  goals: optionalText(COACHING_LIMITS.textMax).optional(),
  endReport: optionalText(COACHING_LIMITS.textMax).optional(),
});
export type UpdateCoachingInput = z.infer<typeof updateCoachingSchema>;

export const endCoachingSchema = z.object({
  version: versionSchema,
  endedOn: isoDateSchema.describe('Recorded as the alliance event "coaching_ended"'),
  endReport: optionalText(COACHING_LIMITS.textMax).default(''),
});
export type EndCoachingInput = z.infer<typeof endCoachingSchema>;

export const addSessionSchema = z.object({ date: isoDateSchema, notes: optionalText(COACHING_LIMITS.notesMax).default('') });
export type AddSessionInput = z.infer<typeof addSessionSchema>;

export const coachingProcessSchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  coachId: z.number().int(),
  coachName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  status: z.enum(['running', 'ended']),
  goals: z.string(),
  endReport: z.string(),
  startEventId: z.number().int().nullable(),
  endEventId: z.number().int().nullable(),
  sessions: z.array(z.object({ id: z.number().int(), date: z.string(), notes: z.string() })),
  version: z.number().int(),
});
export type CoachingProcess = z.infer<typeof coachingProcessSchema>;

export const coachingQuerySchema = z.object({
  ags: agsSchema.optional(),
  status: z.enum(['running', 'ended', 'all']).default('all'),
  runningAt: isoDateSchema
    .optional()
    .describe(
      'Only the processes running at this date (started on or before it, not ended by it): the rows of the figure "coaching processes running"',
    ),
  startedBy: isoDateSchema
    .optional()
    .describe(
      'Only the processes started on or before this date (with status=running: those whose customary term ends soon, decision 038)',
    ),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type CoachingQuery = z.infer<typeof coachingQuerySchema>;

/**
 * A coaching process known only from the alliance history (a history import without records):
 * shown as a historic row so that the list counts what the figures count (decision 035).
 */
export const historicCoachingSchema = z.object({
  ags: z.string(),
  municipalityName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  startEventId: z.number().int(),
  endEventId: z.number().int().nullable(),
});
export type HistoricCoaching = z.infer<typeof historicCoachingSchema>;

export const coachingPageSchema = z.object({
  items: z.array(coachingProcessSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  historic: z.array(historicCoachingSchema).describe('Processes of the history without a record, under the same filters (not paged)'),
});
export type CoachingPage = z.infer<typeof coachingPageSchema>;
