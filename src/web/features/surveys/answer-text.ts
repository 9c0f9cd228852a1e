import { allQuestions, type QuestionnaireDefinition } from '../../../shared/survey-questionnaire.ts';
import { type Lang, loc } from '../survey-public/index.ts';

/** An answer as words (option labels instead of codes), for the double-entry differences. */
export function answerText(def: QuestionnaireDefinition, questionId: string, value: unknown, lang: Lang, none: string): string {
  const q = allQuestions(def).find((x) => x.id === questionId);
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return none;
  if (!q) return JSON.stringify(value);
  const label = (list: Array<{ code: string; label: { de: string; en: string } }>, code: unknown) => {
    const o = list.find((x) => x.code === code);
    return o ? loc(o.label, lang) : String(code);
  };
  switch (q.type) {
    case 'single':
      return label(q.options, value);
    case 'multi':
      return Array.isArray(value) ? value.map((c) => label(q.options, c)).join(', ') : String(value);
    case 'matrix':
      return typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value as Record<string, string>)
            .map(([r, s]) => `${label(q.rows, r)}: ${label(q.scale, s)}`)
            .join('; ')
        : String(value);
    default:
      return String(value);
  }
}

/** The question text of an id (or the id when the questionnaire no longer has it). */
export function questionText(def: QuestionnaireDefinition, questionId: string, lang: Lang): string {
  const q = allQuestions(def).find((x) => x.id === questionId);
  return q ? loc(q.text, lang) : questionId;
}
