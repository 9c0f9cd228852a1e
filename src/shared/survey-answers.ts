import type { QuestionnaireDefinition, SurveyAnswers, SurveyQuestion } from './survey-questionnaire.ts';

/**
 * The rules of a citizen survey's answers: which questions are shown, which answers are valid,
 * which are dropped when hidden. Pure functions over the questionnaire's types, without Zod, so the
 * public questionnaire (its own web entry, decision 020) loads them without the schemas;
 * `survey-questionnaire.ts` re-exports them for the server and the staff screens.
 */

export function allQuestions(def: QuestionnaireDefinition): SurveyQuestion[] {
  return def.sections.flatMap((s) => s.questions);
}

export type AnswerIssueCode =
  'unknown_question' | 'wrong_type' | 'unknown_option' | 'too_many' | 'out_of_range' | 'too_long' | 'required' | 'not_shown';

export interface AnswerIssue {
  /** `questionId` or `questionId.rowCode`. */
  path: string;
  code: AnswerIssueCode;
  message: { de: string; en: string };
}

/** Whether a question is shown, given the answers so far (conditions look backwards only). */
export function isShown(q: SurveyQuestion, answers: SurveyAnswers): boolean {
  const c = q.condition;
  if (!c) return true;
  const v = answers[c.question];
  if (v === undefined) return false;
  if (c.anyOf) {
    if (typeof v === 'string') return c.anyOf.includes(v);
    if (Array.isArray(v)) return v.some((x) => c.anyOf!.includes(x));
    return false;
  }
  if (typeof v === 'number') return (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
  return false;
}

const MESSAGES: Record<AnswerIssueCode, { de: string; en: string }> = {
  unknown_question: { de: 'Diese Frage gibt es im Fragebogen nicht.', en: 'This question is not part of the questionnaire.' },
  wrong_type: { de: 'Die Antwort passt nicht zur Art der Frage.', en: 'The answer does not fit the type of question.' },
  unknown_option: { de: 'Diese Antwortmöglichkeit gibt es nicht.', en: 'This answer option does not exist.' },
  too_many: { de: 'Es sind zu viele Antworten gewählt.', en: 'Too many answers are chosen.' },
  out_of_range: { de: 'Die Zahl liegt außerhalb des erlaubten Bereichs.', en: 'The number is outside the allowed range.' },
  too_long: { de: 'Der Text ist zu lang.', en: 'The text is too long.' },
  required: { de: 'Bitte beantworten Sie diese Frage.', en: 'Please answer this question.' },
  not_shown: {
    de: 'Diese Frage wird nach Ihren bisherigen Antworten übersprungen.',
    en: 'This question is skipped after your earlier answers.',
  },
};

function issue(path: string, code: AnswerIssueCode): AnswerIssue {
  return { path, code, message: MESSAGES[code] };
}

/**
 * Checks answers against the definition. `complete: false` (saving a partly answered
 * questionnaire) skips the required check; type, option, range and length are always checked.
 * Answers to questions hidden by a condition are reported as `not_shown`; use `dropHidden`
 * to discard them before checking when the client may still hold them.
 */
export function validateAnswers(def: QuestionnaireDefinition, answers: SurveyAnswers, opts: { complete: boolean }): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byId = new Map(allQuestions(def).map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) issues.push(issue(id, 'unknown_question'));
  for (const q of byId.values()) {
    const v = answers[q.id];
    const shown = isShown(q, answers);
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (opts.complete && shown && q.required) issues.push(issue(q.id, 'required'));
      continue;
    }
    if (!shown) {
      issues.push(issue(q.id, 'not_shown'));
      continue;
    }
    switch (q.type) {
      case 'single':
        if (typeof v !== 'string') issues.push(issue(q.id, 'wrong_type'));
        else if (!q.options.some((o) => o.code === v)) issues.push(issue(q.id, 'unknown_option'));
        break;
      case 'multi':
        if (!Array.isArray(v)) issues.push(issue(q.id, 'wrong_type'));
        else if (v.some((c) => !q.options.some((o) => o.code === c)) || new Set(v).size !== v.length)
          issues.push(issue(q.id, 'unknown_option'));
        else if (q.maxChoices !== undefined && v.length > q.maxChoices) issues.push(issue(q.id, 'too_many'));
        break;
      case 'matrix': {
        if (typeof v !== 'object' || Array.isArray(v)) {
          issues.push(issue(q.id, 'wrong_type'));
          break;
        }
        for (const [row, val] of Object.entries(v)) {
          if (!q.rows.some((r) => r.code === row)) issues.push(issue(`${q.id}.${row}`, 'unknown_question'));
          else if (!q.scale.some((s) => s.code === val)) issues.push(issue(`${q.id}.${row}`, 'unknown_option'));
        }
        if (opts.complete && q.required) for (const r of q.rows) if (!(r.code in v)) issues.push(issue(`${q.id}.${r.code}`, 'required'));
        break;
      }
      case 'number':
        if (typeof v !== 'number' || !Number.isInteger(v)) issues.push(issue(q.id, 'wrong_type'));
        else if (v < q.min || v > q.max) issues.push(issue(q.id, 'out_of_range'));
        break;
      case 'text':
        if (typeof v !== 'string') issues.push(issue(q.id, 'wrong_type'));
        else if (v.length > q.maxLength) issues.push(issue(q.id, 'too_long'));
        break;
    }
  }
  return issues;
}

/** Removes answers to questions that their conditions now hide (in questionnaire order). */
export function dropHidden(def: QuestionnaireDefinition, answers: SurveyAnswers): SurveyAnswers {
  const out: SurveyAnswers = {};
  for (const q of allQuestions(def)) {
    const v = answers[q.id];
    if (v !== undefined && isShown(q, out)) out[q.id] = v;
  }
  return out;
}
