import { z } from 'zod';
import { agsSchema, decimalInt, idParam, idSchema, isoDateSchema, versionSchema } from './common.schema.ts';
import { answersSchema, localizedTextSchema, questionnaireDefinitionSchema } from './survey-questionnaire.ts';

/*
 * Citizen surveys (issue 7): the survey and its fieldwork, one-time access codes, paper returns and
 * imports (staff), and the public questionnaire (no login; the code travels in the body only).
 * The questionnaire itself is defined in survey-questionnaire.ts. Anonymity: decision 010.
 */

export const SURVEY_STATUSES = ['draft', 'fieldwork', 'closed'] as const;
export const surveyStatusSchema = z.enum(SURVEY_STATUSES);
export type SurveyStatusName = z.infer<typeof surveyStatusSchema>;
export const SURVEY_CHANNELS = ['online', 'paper', 'import'] as const;
export const surveyChannelSchema = z.enum(SURVEY_CHANNELS);
export const CODE_STATES = ['unused', 'started', 'used'] as const;

export const SURVEY_STATUS_LABELS: Record<SurveyStatusName, { de: string; en: string }> = {
  draft: { de: 'Entwurf', en: 'Draft' },
  fieldwork: { de: 'Feldphase', en: 'Fieldwork' },
  closed: { de: 'Abgeschlossen', en: 'Closed' },
};

export const SURVEY_LIMITS_STAFF = {
  titleMax: 300,
  municipalitiesMax: 500,
  kMinDefault: 5,
  kMinMax: 1000,
  codesPerBatchMax: 20_000,
  sheetMax: 40,
  importLinesMax: 100_000,
  importErrorsMax: 200,
} as const;

// Access codes (alphabet, normal and printed form) live in survey-code.ts, without Zod, for the public questionnaire.
export { formatSurveyCode, isWellFormedSurveyCode, normalizeSurveyCode, SURVEY_CODE_ALPHABET, SURVEY_CODE_LENGTH } from './survey-code.ts';

const NO_NUL = /^[^\u0000]*$/;
const title = z.string().trim().min(1).max(SURVEY_LIMITS_STAFF.titleMax).regex(NO_NUL);
const kMin = z.number().int().min(SURVEY_LIMITS_STAFF.kMinDefault).max(SURVEY_LIMITS_STAFF.kMinMax);

// ---------------------------------------------------------------------------------------------
// Staff: surveys

export const createSurveySchema = z.object({
  title,
  municipalities: z.array(agsSchema).min(1).max(SURVEY_LIMITS_STAFF.municipalitiesMax),
  fieldStart: isoDateSchema,
  fieldEnd: isoDateSchema,
  kMin: kMin.optional().describe('Smallest group shown in any output; default 5, never below 5'),
  previousSurveyId: idSchema.nullable().optional().describe('An earlier wave to compare with'),
  allowsComparison: z
    .boolean()
    .optional()
    .describe('Whether the results may appear in the statewide benchmark beside other municipalities; default false'),
  areaQuestion: z
    .boolean()
    .optional()
    .describe(
      "Add the optional area question (Ortsteil) to the standard questionnaire, its options taken from the municipalities' named areas; default false",
    ),
});
export type CreateSurveyInput = z.infer<typeof createSurveySchema>;

export const updateSurveySchema = z.object({
  version: versionSchema,
  title: title.optional(),
  municipalities: z
    .array(agsSchema)
    .min(1)
    .max(SURVEY_LIMITS_STAFF.municipalitiesMax)
    .optional()
    .describe('Only while the survey is a draft'),
  fieldStart: isoDateSchema.optional(),
  fieldEnd: isoDateSchema.optional(),
  kMin: kMin.optional().describe('May be raised, never lowered'),
  previousSurveyId: idSchema.nullable().optional(),
  allowsComparison: z.boolean().optional().describe('Opt in or out of the statewide benchmark (also once closed)'),
});
export type UpdateSurveyInput = z.infer<typeof updateSurveySchema>;

export const versionBodySchema = z.object({ version: versionSchema });

export const surveyListQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 500).default(50),
  status: surveyStatusSchema.optional(),
  q: z.string().trim().max(100).regex(NO_NUL).optional(),
});

const municipalityRef = z.object({ ags: z.string(), name: z.string() });

export const surveySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: surveyStatusSchema,
  fieldStart: z.string(),
  fieldEnd: z.string(),
  kMin: z.number().int(),
  previousSurveyId: z.number().int().nullable(),
  allowsComparison: z.boolean().describe('Results may appear in the statewide benchmark'),
  questionnaireVersion: z.number().int(),
  municipalities: z.array(municipalityRef),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedOn: z.string().nullable(),
  version: z.number().int(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListItemSchema = surveySchema.extend({ responses: z.number().int() });
export const surveyListSchema = z.object({
  items: z.array(surveyListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const surveyDetailSchema = surveySchema.extend({
  codes: z.object({ total: z.number().int(), unused: z.number().int(), started: z.number().int(), used: z.number().int() }),
  responses: z.object({ total: z.number().int(), online: z.number().int(), paper: z.number().int(), import: z.number().int() }),
  /** Whether the field period includes today (Europe/Berlin) and the status is fieldwork. */
  open: z.boolean(),
  pendingPaperEntries: z.number().int(),
  mayChange: z.boolean().describe('Whether the signed-in user may change this survey (its settings, fieldwork, the consent to comparison)'),
});
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Staff: questionnaire versions

export const questionnaireVersionSchema = z.object({
  surveyId: z.number().int(),
  version: z.number().int(),
  current: z.boolean(),
  createdAt: z.string(),
  definition: questionnaireDefinitionSchema,
});
export const questionnaireVersionListSchema = z.object({
  items: z.array(z.object({ version: z.number().int(), current: z.boolean(), createdAt: z.string(), responses: z.number().int() })),
});
export const putQuestionnaireSchema = z.object({
  basedOnVersion: versionSchema,
  definition: questionnaireDefinitionSchema,
});
export const versionParamSchema = z.object({ id: idParam, v: idParam });
export const restoreQuestionnaireSchema = z.object({
  basedOnVersion: versionSchema.describe('The current questionnaire version the restore replaces (409 when stale)'),
});

// ---------------------------------------------------------------------------------------------
// Staff: codes and letters

export const createCodesSchema = z.object({
  ags: agsSchema,
  count: z.number().int().min(1).max(SURVEY_LIMITS_STAFF.codesPerBatchMax),
});
export const codesBatchSchema = z.object({
  batch: z.number().int(),
  ags: z.string(),
  municipalityName: z.string(),
  count: z.number().int(),
  unused: z.number().int(),
  started: z.number().int(),
  used: z.number().int(),
});
export const codesBatchListSchema = z.object({ items: z.array(codesBatchSchema) });
export const createCodesResultSchema = z.object({ batch: z.number().int(), ags: z.string(), count: z.number().int() });
export const batchParamSchema = z.object({ id: idParam, batch: idParam });
export const LETTER_KINDS = ['invitation', 'reminder'] as const;
export const lettersQuerySchema = z.object({ kind: z.enum(LETTER_KINDS).default('invitation') });
export const LETTERS_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
/** A letters job: the letters of a batch drawn in the background, with progress (letters done of total). */
export const lettersJobSchema = z.object({
  id: z.number().int(),
  surveyId: z.number().int(),
  batch: z.number().int(),
  kind: z.enum(LETTER_KINDS),
  state: z.enum(LETTERS_JOB_STATES),
  done: z.number().int().describe('Letters drawn so far'),
  total: z.number().int().describe('Letters in the batch'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LettersJob = z.infer<typeof lettersJobSchema>;
export const lettersJobParamSchema = z.object({ id: idParam, jobId: idParam });
export const startLettersJobSchema = z.object({ kind: z.enum(LETTER_KINDS).optional() }).nullish();

// ---------------------------------------------------------------------------------------------
// Staff: paper returns and imports

export const PAPER_ENTRY_KINDS = ['single', 'first', 'second'] as const;
export const paperReturnSchema = z.object({
  answers: answersSchema,
  ags: agsSchema.nullable().optional().describe('Municipality of the return, when the survey has several'),
  sheet: z
    .string()
    .trim()
    .min(1)
    .max(SURVEY_LIMITS_STAFF.sheetMax)
    .regex(/^[A-Za-z0-9_.\-/ ]+$/)
    .optional()
    .describe('Running number written on the returned form (never the access code); required for double entry'),
  entry: z.enum(PAPER_ENTRY_KINDS).default('single'),
});
export type PaperReturnInput = z.infer<typeof paperReturnSchema>;

export const paperDifferenceSchema = z.object({ questionId: z.string(), first: z.unknown(), second: z.unknown() });
export const paperReturnResultSchema = z.object({
  /** stored: a response was stored; pending: the first entry waits for the second; differs: nothing stored. */
  status: z.enum(['stored', 'pending', 'differs']),
  differences: z.array(paperDifferenceSchema),
  responses: z.number().int().describe('Responses of the survey after this entry'),
});

export const importModeQuerySchema = z.object({ mode: z.enum(['preview', 'commit']).default('preview') });
export const importIssueSchema = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export const responseImportResultSchema = z.object({
  mode: z.enum(['preview', 'commit']),
  rows: z.number().int(),
  valid: z.number().int(),
  stored: z.number().int(),
  columns: z.array(z.string()),
  unknownColumns: z.array(z.string()),
  errors: z.array(importIssueSchema),
  errorsTruncated: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Public questionnaire (no login, no cookie; the code only in the body)

const codeInput = z.string().min(1).max(40).regex(NO_NUL).describe('The access code from the letter, with or without hyphens');
export const publicOpenSchema = z.object({ code: codeInput });
export const publicAnswersBodySchema = z.object({ code: codeInput, answers: answersSchema });
export const publicOpenResultSchema = z.object({
  survey: z.object({ title: z.string(), fieldEnd: z.string() }),
  questionnaireVersion: z.number().int(),
  definition: questionnaireDefinitionSchema,
  answers: answersSchema.describe('The saved draft, empty when there is none'),
  state: z.enum(['unused', 'started']),
  savedOn: z.string().nullable(),
});
export const publicDraftResultSchema = z.object({ savedOn: z.string() });
export const publicSubmitResultSchema = z.object({
  receivedOn: z.string(),
  message: localizedTextSchema,
});
