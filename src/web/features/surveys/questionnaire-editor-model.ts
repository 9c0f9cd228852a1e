import type { z } from 'zod';
import {
  allQuestions,
  type LocalizedText,
  type QuestionnaireDefinition,
  questionnaireDefinitionSchema,
  type SurveyOption,
  type SurveyQuestion,
  type SurveyQuestionType,
  type SurveySection,
} from '../../../shared/survey-questionnaire.ts';

/*
 * The questionnaire editor's model, free of React: new questions of each type, changing a
 * question's type, moving items, checking the draft with the shared schema, and the element ids
 * and labels of a path for the error summary.
 */

export type Path = Array<string | number>;

const text = (de = '', en = ''): LocalizedText => ({ de, en });
const option = (code: string, de: string, en: string): SurveyOption => ({ code, label: text(de, en) });

/** A question id that is not yet used: `frage_3`, `frage_4` … */
export function freeQuestionId(def: QuestionnaireDefinition, base = 'frage'): string {
  const used = new Set(allQuestions(def).map((q) => q.id));
  for (let n = used.size + 1; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function freeSectionId(def: QuestionnaireDefinition): string {
  const used = new Set(def.sections.map((s) => s.id));
  for (let n = def.sections.length + 1; ; n += 1) if (!used.has(`abschnitt_${n}`)) return `abschnitt_${n}`;
}

/** The parts a question of `type` needs beyond the common ones, with sensible starting values. */
function typeParts(type: SurveyQuestionType): Partial<SurveyQuestion> & { type: SurveyQuestionType } {
  switch (type) {
    case 'single':
      return { type, options: [option('ja', 'ja', 'yes'), option('nein', 'nein', 'no')] };
    case 'multi':
      return { type, options: [option('a', 'Antwort A', 'Answer A'), option('b', 'Antwort B', 'Answer B')] };
    case 'matrix':
      return { type, rows: [option('z1', 'Zeile 1', 'Row 1')], scale: [option('ja', 'ja', 'yes'), option('nein', 'nein', 'no')] };
    case 'number':
      return { type, min: 0, max: 100 };
    case 'text':
      return { type, maxLength: 1000 };
  }
}

export function newQuestion(def: QuestionnaireDefinition, type: SurveyQuestionType): SurveyQuestion {
  return { id: freeQuestionId(def), text: text('Neue Frage', 'New question'), required: false, ...typeParts(type) } as SurveyQuestion;
}

export function newSection(def: QuestionnaireDefinition): SurveySection {
  return { id: freeSectionId(def), title: text('Neuer Abschnitt', 'New section'), questions: [newQuestion(def, 'single')] };
}

/** The same question as another type: text, help, required and condition stay, the rest starts anew (options carry over between choice types). */
export function changeType(q: SurveyQuestion, type: SurveyQuestionType): SurveyQuestion {
  const base = { id: q.id, text: q.text, help: q.help, required: q.required, condition: q.condition };
  const parts = typeParts(type);
  if ((type === 'single' || type === 'multi') && (q.type === 'single' || q.type === 'multi'))
    return { ...base, ...parts, options: q.options } as SurveyQuestion;
  return { ...base, ...parts } as SurveyQuestion;
}

export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

export function without<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceAt<T>(list: T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** The element id of an editor field. */
export function fieldId(path: Path): string {
  return `qe-${path.join('-')}`;
}

const LIST_KEYS = new Set(['sections', 'questions', 'options', 'rows', 'scale']);
const TEXT_KEYS = new Set(['title', 'intro', 'text', 'help', 'label', 'unit']);

/** The control an error on `path` links to: a text's German field, a list's "add" button, or the field itself. */
export function errorTargetId(path: Path): string {
  const last = String(path[path.length - 1] ?? '');
  if (LIST_KEYS.has(last)) return `${fieldId(path)}-add`;
  if (TEXT_KEYS.has(last)) return fieldId([...path, 'de']);
  if (last === 'anyOf') return fieldId([...path.slice(0, -1), 'question']);
  return fieldId(path);
}

type IssueText = (issue: z.core.$ZodIssue) => string;

/**
 * The draft checked against the shared schema: the definition, or messages by dotted path. The
 * schema's own rules carry German sentences; the generic ones are worded by `describe`.
 */
export function checkDefinition(
  draft: QuestionnaireDefinition,
  describe: IssueText = (i) => i.message,
): { ok: true; definition: QuestionnaireDefinition } | { ok: false; errors: Record<string, string> } {
  const parsed = questionnaireDefinitionSchema.safeParse(draft);
  if (parsed.success) return { ok: true, definition: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'title';
    if (!(key in errors)) errors[key] = issue.code === 'custom' ? issue.message : describe(issue);
  }
  return { ok: false, errors };
}

/** Server field paths (`body.definition.sections.0.title.de`) → editor paths (`sections.0.title.de`). */
export function definitionPathOf(field: string): string | null {
  const m = /^(?:body\.)?definition\.(.+)$/.exec(field);
  return m ? m[1]! : null;
}

export function splitPath(dotted: string): Path {
  return dotted.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Which questions (as `s.q` keys) hold an error, so the editor opens them. */
export function questionsWithErrors(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const m = /^sections\.(\d+)\.questions\.(\d+)/.exec(p);
    if (m) out.add(`${m[1]}.${m[2]}`);
  }
  return [...out];
}
