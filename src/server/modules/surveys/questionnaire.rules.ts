import type { QuestionnaireDefinition, SurveyQuestion } from '../../../shared/survey-questionnaire.ts';

/*
 * What may change in a questionnaire once fieldwork has started: wording and translation only
 * (titles, question texts, help, option and row labels, units, the introduction). Everything that
 * shapes the answers – sections and their order, question ids, types, options and their codes,
 * conditions, required flags, ranges, lengths and weighting roles – is fixed, so every response of
 * the survey fits one codebook and answers saved in drafts stay valid.
 */

function questionSkeleton(q: SurveyQuestion): unknown {
  const base = { id: q.id, type: q.type, required: q.required, condition: q.condition ?? null };
  switch (q.type) {
    case 'single':
      return { ...base, options: q.options.map((o) => o.code), role: q.role ?? null };
    case 'multi':
      return { ...base, options: q.options.map((o) => o.code), maxChoices: q.maxChoices ?? null };
    case 'matrix':
      return { ...base, rows: q.rows.map((o) => o.code), scale: q.scale.map((o) => o.code) };
    case 'number':
      return { ...base, min: q.min, max: q.max };
    case 'text':
      return { ...base, maxLength: q.maxLength };
  }
}

/** The first structural difference as a field path under `definition`, or null when only wording differs. */
export function structuralChange(before: QuestionnaireDefinition, after: QuestionnaireDefinition): string | null {
  if (before.sections.length !== after.sections.length) return 'definition.sections';
  for (let s = 0; s < before.sections.length; s += 1) {
    const a = before.sections[s]!;
    const b = after.sections[s]!;
    if (a.id !== b.id) return `definition.sections.${s}.id`;
    if (a.questions.length !== b.questions.length) return `definition.sections.${s}.questions`;
    for (let i = 0; i < a.questions.length; i += 1) {
      if (JSON.stringify(questionSkeleton(a.questions[i]!)) !== JSON.stringify(questionSkeleton(b.questions[i]!))) {
        return `definition.sections.${s}.questions.${i}`;
      }
    }
  }
  return null;
}
