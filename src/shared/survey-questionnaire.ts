import { z } from 'zod';
import { allQuestions } from './survey-answers.ts';

/**
 * The questionnaire of a citizen survey: its definition (sections of questions of five types with
 * optional show-conditions), the validation of answers against it, and the codebook that turns
 * answers into one fixed-length vector of small integers per response.
 *
 * Server (storage, analysis, exports) and web (the public questionnaire, the editor, paper entry)
 * share this file, so both read a questionnaire the same way.
 */

export const SURVEY_LIMITS = {
  sections: 30,
  questionsPerSection: 40,
  options: 30,
  matrixRows: 30,
  textMaxLength: 2000,
  labelMaxLength: 500,
  /** The largest value a number question may accept: the codebook stores value + 1 in 16 bits. */
  numberMax: 65_000,
} as const;

const code = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'Kleinbuchstaben, Ziffern und _ ; beginnt mit einem Buchstaben');

export const localizedTextSchema = z.object({
  de: z.string().trim().min(1).max(SURVEY_LIMITS.labelMaxLength),
  en: z.string().trim().max(SURVEY_LIMITS.labelMaxLength).default(''),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const optionSchema = z.object({ code, label: localizedTextSchema });
export type SurveyOption = z.infer<typeof optionSchema>;

/** Show the question only when an earlier question was answered with one of `anyOf`
 * (choice questions) or inside `min`..`max` (number questions). Otherwise it is skipped. */
export const conditionSchema = z.object({
  question: code,
  anyOf: z.array(code).min(1).max(SURVEY_LIMITS.options).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});
export type SurveyCondition = z.infer<typeof conditionSchema>;

/** Demographic roles used for weighting (margins over age group, sex, the district of the town and education). */
export const WEIGHTING_ROLES = ['age_group', 'sex', 'area', 'education'] as const;
export type WeightingRole = (typeof WEIGHTING_ROLES)[number];

const questionBase = {
  id: code,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().default(false),
  condition: conditionSchema.optional(),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.object({
    ...questionBase,
    type: z.literal('single'),
    options: z.array(optionSchema).min(2).max(SURVEY_LIMITS.options),
    role: z.enum(WEIGHTING_ROLES).optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('multi'),
    options: z.array(optionSchema).min(2).max(SURVEY_LIMITS.options),
    maxChoices: z.number().int().min(1).max(SURVEY_LIMITS.options).optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('matrix'),
    rows: z.array(optionSchema).min(1).max(SURVEY_LIMITS.matrixRows),
    scale: z.array(optionSchema).min(2).max(SURVEY_LIMITS.options),
  }),
  z.object({
    ...questionBase,
    type: z.literal('number'),
    min: z.number().int().min(0).max(SURVEY_LIMITS.numberMax).default(0),
    max: z.number().int().min(0).max(SURVEY_LIMITS.numberMax),
    unit: localizedTextSchema.optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(SURVEY_LIMITS.textMaxLength).default(1000),
  }),
]);
export type SurveyQuestion = z.infer<typeof questionSchema>;
export type SurveyQuestionType = SurveyQuestion['type'];
export const QUESTION_TYPES = ['single', 'multi', 'matrix', 'number', 'text'] as const;

export const sectionSchema = z.object({
  id: code,
  title: localizedTextSchema,
  questions: z.array(questionSchema).min(1).max(SURVEY_LIMITS.questionsPerSection),
});
export type SurveySection = z.infer<typeof sectionSchema>;

const definitionObject = z.object({
  title: localizedTextSchema,
  intro: localizedTextSchema.optional(),
  sections: z.array(sectionSchema).min(1).max(SURVEY_LIMITS.sections),
});

/** A questionnaire definition, checked for unique ids, option codes, valid conditions
 * (pointing backwards to a choice or number question, with existing codes) and number ranges. */
export const questionnaireDefinitionSchema = definitionObject.superRefine((def, ctx) => {
  const seen = new Map<string, SurveyQuestion>();
  const roles = new Set<string>();
  def.sections.forEach((section, s) => {
    section.questions.forEach((q, i) => {
      const path = ['sections', s, 'questions', i];
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `Die Frage-ID „${q.id}“ kommt doppelt vor.` });
      for (const [key, list] of listsOf(q)) {
        const codes = new Set<string>();
        list.forEach((o, j) => {
          if (codes.has(o.code))
            ctx.addIssue({ code: 'custom', path: [...path, key, j, 'code'], message: `Der Code „${o.code}“ kommt doppelt vor.` });
          codes.add(o.code);
        });
      }
      if (q.type === 'number' && q.min > q.max)
        ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: 'Das Maximum liegt unter dem Minimum.' });
      if (q.type === 'multi' && q.maxChoices !== undefined && q.maxChoices > q.options.length) {
        ctx.addIssue({ code: 'custom', path: [...path, 'maxChoices'], message: 'Mehr erlaubte Antworten als Optionen.' });
      }
      if (q.type === 'single' && q.role) {
        if (roles.has(q.role))
          ctx.addIssue({ code: 'custom', path: [...path, 'role'], message: `Die Gewichtungsrolle „${q.role}“ ist mehrfach vergeben.` });
        roles.add(q.role);
      }
      if (q.condition) {
        const target = seen.get(q.condition.question);
        const cpath = [...path, 'condition', 'question'];
        if (!target) ctx.addIssue({ code: 'custom', path: cpath, message: 'Eine Bedingung muss sich auf eine frühere Frage beziehen.' });
        else if (target.type === 'single' || target.type === 'multi') {
          if (!q.condition.anyOf) ctx.addIssue({ code: 'custom', path: cpath, message: 'Die Bedingung nennt keine Antwort.' });
          const codes = new Set(target.options.map((o) => o.code));
          for (const c of q.condition.anyOf ?? []) {
            if (!codes.has(c))
              ctx.addIssue({
                code: 'custom',
                path: [...path, 'condition', 'anyOf'],
                message: `Die Antwort „${c}“ gibt es bei „${target.id}“ nicht.`,
              });
          }
        } else if (target.type === 'number') {
          if (q.condition.min === undefined && q.condition.max === undefined)
            ctx.addIssue({ code: 'custom', path: cpath, message: 'Die Bedingung nennt keinen Bereich.' });
        } else ctx.addIssue({ code: 'custom', path: cpath, message: 'Bedingungen sind nur auf Auswahl- und Zahlfragen möglich.' });
      }
      seen.set(q.id, q);
    });
  });
});
export type QuestionnaireDefinition = z.infer<typeof definitionObject>;

function listsOf(q: SurveyQuestion): Array<[string, SurveyOption[]]> {
  if (q.type === 'single' || q.type === 'multi') return [['options', q.options]];
  if (q.type === 'matrix')
    return [
      ['rows', q.rows],
      ['scale', q.scale],
    ];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Answers

/** One answer per question id: an option code (single), option codes (multi), row code → scale
 * code (matrix), an integer (number) or a string (text). Absent = not answered. */
export const answerValueSchema = z.union([
  z.string().max(SURVEY_LIMITS.textMaxLength * 4),
  z.number(),
  z.array(z.string().max(40)).max(SURVEY_LIMITS.options),
  z.record(z.string().max(40), z.string().max(40)),
]);
export const answersSchema = z.record(z.string().max(40), answerValueSchema);
export type SurveyAnswers = z.infer<typeof answersSchema>;
export type SurveyAnswerValue = z.infer<typeof answerValueSchema>;

// The rules of answers (shown, valid, hidden) live in survey-answers.ts, without Zod, so that the
// public questionnaire loads no schema library; they are part of this file's interface.
export { allQuestions, type AnswerIssue, type AnswerIssueCode, dropHidden, isShown, validateAnswers } from './survey-answers.ts';

// ---------------------------------------------------------------------------------------------
// Codebook: answers ↔ a vector of unsigned 16-bit integers, 0 = missing (not answered or skipped)

export type VariableKind = 'single' | 'multi_option' | 'matrix_row' | 'number' | 'text';

export interface CodebookVariable {
  /** Position in the vector. */
  index: number;
  /** `questionId`, `questionId_optionCode` (multi) or `questionId_rowCode` (matrix). */
  name: string;
  questionId: string;
  kind: VariableKind;
  label: LocalizedText;
  /** Value codes with labels: single/matrix: option index + 1; multi: 1 = not chosen,
   * 2 = chosen; text: 1 = text given (the text is stored apart). Numbers: value + 1. */
  values: Array<{ value: number; code: string; label: LocalizedText }>;
  role?: WeightingRole;
}

const NOT_CHOSEN: LocalizedText = { de: 'nicht genannt', en: 'not chosen' };
const CHOSEN: LocalizedText = { de: 'genannt', en: 'chosen' };

export function compileCodebook(def: QuestionnaireDefinition): CodebookVariable[] {
  const vars: CodebookVariable[] = [];
  const add = (v: Omit<CodebookVariable, 'index'>) => vars.push({ ...v, index: vars.length });
  for (const q of allQuestions(def)) {
    switch (q.type) {
      case 'single':
        add({
          name: q.id,
          questionId: q.id,
          kind: 'single',
          label: q.text,
          role: q.role,
          values: q.options.map((o, i) => ({ value: i + 1, code: o.code, label: o.label })),
        });
        break;
      case 'multi':
        for (const o of q.options) {
          add({
            name: `${q.id}_${o.code}`,
            questionId: q.id,
            kind: 'multi_option',
            label: { de: `${q.text.de}: ${o.label.de}`, en: q.text.en && o.label.en ? `${q.text.en}: ${o.label.en}` : '' },
            values: [
              { value: 1, code: 'no', label: NOT_CHOSEN },
              { value: 2, code: 'yes', label: CHOSEN },
            ],
          });
        }
        break;
      case 'matrix':
        for (const r of q.rows) {
          add({
            name: `${q.id}_${r.code}`,
            questionId: q.id,
            kind: 'matrix_row',
            label: { de: `${q.text.de}: ${r.label.de}`, en: q.text.en && r.label.en ? `${q.text.en}: ${r.label.en}` : '' },
            values: q.scale.map((s, i) => ({ value: i + 1, code: s.code, label: s.label })),
          });
        }
        break;
      case 'number':
        add({ name: q.id, questionId: q.id, kind: 'number', label: q.text, values: [] });
        break;
      case 'text':
        add({
          name: q.id,
          questionId: q.id,
          kind: 'text',
          label: q.text,
          values: [{ value: 1, code: 'given', label: { de: 'Text angegeben', en: 'text given' } }],
        });
        break;
    }
  }
  return vars;
}

/** Encodes valid answers (check with `validateAnswers` first) into the codebook's vector. */
export function encodeAnswers(def: QuestionnaireDefinition, answers: SurveyAnswers): Uint16Array {
  const out = new Uint16Array(compileCodebook(def).length);
  let i = 0;
  for (const q of allQuestions(def)) {
    const v = answers[q.id];
    switch (q.type) {
      case 'single': {
        const k = typeof v === 'string' ? q.options.findIndex((o) => o.code === v) : -1;
        out[i++] = k + 1;
        break;
      }
      case 'multi': {
        const chosen = Array.isArray(v) ? new Set(v) : null;
        for (const o of q.options) out[i++] = chosen && chosen.size > 0 ? (chosen.has(o.code) ? 2 : 1) : 0;
        break;
      }
      case 'matrix': {
        const m = v && typeof v === 'object' && !Array.isArray(v) ? v : {};
        for (const r of q.rows) out[i++] = q.scale.findIndex((s) => s.code === m[r.code]) + 1;
        break;
      }
      case 'number':
        out[i++] = typeof v === 'number' ? v + 1 : 0;
        break;
      case 'text':
        out[i++] = typeof v === 'string' && v.trim() !== '' ? 1 : 0;
        break;
    }
  }
  return out;
}

/** Decodes a vector back into answers (texts come from `texts`, keyed by question id). */
export function decodeAnswers(def: QuestionnaireDefinition, vector: Uint16Array, texts: Record<string, string> = {}): SurveyAnswers {
  const out: SurveyAnswers = {};
  let i = 0;
  for (const q of allQuestions(def)) {
    switch (q.type) {
      case 'single': {
        const v = vector[i++]!;
        if (v > 0 && q.options[v - 1]) out[q.id] = q.options[v - 1]!.code;
        break;
      }
      case 'multi': {
        const chosen: string[] = [];
        let answered = false;
        for (const o of q.options) {
          const v = vector[i++]!;
          if (v > 0) answered = true;
          if (v === 2) chosen.push(o.code);
        }
        if (answered) out[q.id] = chosen;
        break;
      }
      case 'matrix': {
        const m: Record<string, string> = {};
        for (const r of q.rows) {
          const v = vector[i++]!;
          if (v > 0 && q.scale[v - 1]) m[r.code] = q.scale[v - 1]!.code;
        }
        if (Object.keys(m).length > 0) out[q.id] = m;
        break;
      }
      case 'number': {
        const v = vector[i++]!;
        if (v > 0) out[q.id] = v - 1;
        break;
      }
      case 'text': {
        const v = vector[i++]!;
        if (v > 0 && texts[q.id] !== undefined) out[q.id] = texts[q.id]!;
        break;
      }
    }
  }
  return out;
}

/** The vector as bytes for storage (little-endian, 2 bytes per variable), and back. */
export function vectorToBytes(vector: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(vector.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i += 1) view.setUint16(i * 2, vector[i]!, true);
  return bytes;
}

export function bytesToVector(bytes: Uint8Array): Uint16Array {
  const n = bytes.length >> 1;
  const out = new Uint16Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i += 1) out[i] = view.getUint16(i * 2, true);
  return out;
}
