// The answer rules without Zod: the public questionnaire is an entry of its own (decision 020).
import { type AnswerIssue, allQuestions, dropHidden, isShown, validateAnswers } from '../../../shared/survey-answers.ts';
import type {
  LocalizedText,
  QuestionnaireDefinition,
  SurveyAnswers,
  SurveyQuestion,
  SurveySection,
} from '../../../shared/survey-questionnaire.ts';

/*
 * The questionnaire form's model, free of React: answers as the form holds them, what is shown,
 * which steps there are, and the messages of one step. Shared by the public questionnaire, the
 * preview and the paper entry of staff.
 *
 * While typing, a number question holds the raw text; `cleanAnswers` turns it into an integer
 * (or reports it), and drops answers that a condition now hides, so only valid shapes are sent.
 */

export type Lang = 'de' | 'en';

/** The text in the language, or the German one when no translation was written. */
export function loc(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' && text.en.trim() ? text.en : text.de;
}

/** Whether `loc` fell back to German (the element then carries lang="de"). */
export function fellBack(text: LocalizedText | undefined, lang: Lang): boolean {
  return lang === 'en' && !!text && !text.en.trim();
}

const INTEGER = /^\s*\d{1,6}\s*$/;

/** Raw number text → integer; empty → absent. Returns the ids of numbers that are not whole numbers. */
export function cleanAnswers(def: QuestionnaireDefinition, answers: SurveyAnswers): { answers: SurveyAnswers; notNumbers: string[] } {
  const out: SurveyAnswers = {};
  const notNumbers: string[] = [];
  for (const q of allQuestions(def)) {
    const v = answers[q.id];
    if (v === undefined) continue;
    if (q.type === 'number' && typeof v === 'string') {
      if (v.trim() === '') continue;
      if (INTEGER.test(v)) out[q.id] = Number(v.trim());
      else notNumbers.push(q.id);
      continue;
    }
    if (q.type === 'text' && typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (q.type === 'matrix' && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[q.id] = v;
  }
  return { answers: dropHidden(def, out), notNumbers };
}

/** The answers as the shown-conditions read them (numbers parsed where possible). */
export function visibleAnswers(def: QuestionnaireDefinition, answers: SurveyAnswers): SurveyAnswers {
  return cleanAnswers(def, answers).answers;
}

/** The questions of a section that are shown with these answers. */
export function shownQuestions(section: SurveySection, def: QuestionnaireDefinition, answers: SurveyAnswers): SurveyQuestion[] {
  const visible = visibleAnswers(def, answers);
  return section.questions.filter((q) => isShown(q, visible));
}

/** The steps of the questionnaire: every section with at least one question shown. */
export function visibleSections(def: QuestionnaireDefinition, answers: SurveyAnswers): SurveySection[] {
  return def.sections.filter((s) => shownQuestions(s, def, answers).length > 0);
}

export interface StepMessages {
  /** Message per path (`questionId` or `questionId.rowCode`). */
  byPath: Record<string, string>;
}

export interface MessageTexts {
  notNumber: string;
  outOfRange(q: Extract<SurveyQuestion, { type: 'number' }>): string;
  tooLong(q: Extract<SurveyQuestion, { type: 'text' }>): string;
  tooMany(q: Extract<SurveyQuestion, { type: 'multi' }>): string;
}

function messageOf(issue: AnswerIssue, q: SurveyQuestion | undefined, lang: Lang, texts: MessageTexts): string {
  if (q?.type === 'number' && issue.code === 'out_of_range') return texts.outOfRange(q);
  if (q?.type === 'text' && issue.code === 'too_long') return texts.tooLong(q);
  if (q?.type === 'multi' && issue.code === 'too_many') return texts.tooMany(q);
  return issue.message[lang];
}

/**
 * The messages for the given questions (a step, or all of them): whole numbers, then the shared
 * validation. `complete` also checks required questions (moving on and submitting do; saving a
 * draft does not).
 */
export function checkAnswers(
  def: QuestionnaireDefinition,
  answers: SurveyAnswers,
  opts: { questionIds: ReadonlySet<string> | null; complete: boolean; lang: Lang; texts: MessageTexts },
): Record<string, string> {
  const { answers: clean, notNumbers } = cleanAnswers(def, answers);
  const byId = new Map(allQuestions(def).map((q) => [q.id, q]));
  const inScope = (id: string) => opts.questionIds === null || opts.questionIds.has(id);
  const out: Record<string, string> = {};
  for (const id of notNumbers) if (inScope(id) && isShown(byId.get(id)!, clean)) out[id] = opts.texts.notNumber;
  for (const issue of validateAnswers(def, clean, { complete: opts.complete })) {
    const id = issue.path.split('.')[0]!;
    if (!inScope(id) || out[issue.path] || out[id]) continue;
    out[issue.path] = messageOf(issue, byId.get(id), opts.lang, opts.texts);
  }
  return out;
}

/** Maps server field errors (`answers.q`, `body.answers.q.row`) to question paths. */
export function answerPathOf(field: string): string | null {
  const m = /^(?:body\.)?answers\.(.+)$/.exec(field);
  return m ? m[1]! : null;
}

/** The index of the first step (among `sections`) that holds one of the paths. */
export function firstStepWith(sections: SurveySection[], paths: string[]): number {
  const ids = new Set(paths.map((p) => p.split('.')[0]));
  return sections.findIndex((s) => s.questions.some((q) => ids.has(q.id)));
}

/** How many questions are answered (for the resume hint). */
export function answeredCount(def: QuestionnaireDefinition, answers: SurveyAnswers): number {
  return Object.keys(cleanAnswers(def, answers).answers).length;
}

/** The first step without any answer (where a resumed questionnaire continues). */
export function resumeStep(def: QuestionnaireDefinition, answers: SurveyAnswers): number {
  const sections = visibleSections(def, answers);
  const clean = cleanAnswers(def, answers).answers;
  const i = sections.findIndex((s) => !s.questions.some((q) => q.id in clean));
  return i === -1 ? Math.max(0, sections.length - 1) : i;
}

// ---------------------------------------------------------------------------------------------
// Element ids: the error summary links to the first control of a question or matrix row.

export function questionDomId(prefix: string, questionId: string): string {
  return `${prefix}q-${questionId}`;
}

export function optionDomId(prefix: string, questionId: string, code: string): string {
  return `${prefix}q-${questionId}-${code}`;
}

export function matrixDomId(prefix: string, questionId: string, row: string, scale: string): string {
  return `${prefix}q-${questionId}-${row}--${scale}`;
}

/** The id of the control that an error on `path` should move focus to. */
export function focusIdOf(def: QuestionnaireDefinition, prefix: string, path: string): string {
  const [id, row] = path.split('.');
  const q = allQuestions(def).find((x) => x.id === id);
  if (!q) return questionDomId(prefix, id ?? path);
  switch (q.type) {
    case 'single':
    case 'multi':
      return optionDomId(prefix, q.id, q.options[0]!.code);
    case 'matrix': {
      const r = (row && q.rows.find((x) => x.code === row)) || q.rows[0]!;
      return matrixDomId(prefix, q.id, r.code, q.scale[0]!.code);
    }
    default:
      return questionDomId(prefix, q.id);
  }
}

/** The label of a path for the error summary: the question, and the row of a matrix. */
export function pathLabel(def: QuestionnaireDefinition, path: string, lang: Lang): string {
  const [id, row] = path.split('.');
  const q = allQuestions(def).find((x) => x.id === id);
  if (!q) return path;
  const text = loc(q.text, lang);
  if (q.type === 'matrix' && row) {
    const r = q.rows.find((x) => x.code === row);
    return r ? `${text} – ${loc(r.label, lang)}` : text;
  }
  return text;
}
