import { describe, expect, it } from 'vitest';
import { questionnaireDefinitionSchema } from '../../../shared/survey-questionnaire.ts';
import { STANDARD_QUESTIONNAIRE as DEF } from '../../../shared/survey-template.ts';
import {
  changeType,
  checkDefinition,
  definitionPathOf,
  errorTargetId,
  move,
  newQuestion,
  newSection,
  questionsWithErrors,
  splitPath,
} from './questionnaire-editor-model.ts';

describe('the questionnaire editor model', () => {
  it('makes new questions of every type and new sections that the shared schema accepts', () => {
    let def = DEF;
    for (const type of ['single', 'multi', 'matrix', 'number', 'text'] as const) {
      def = {
        ...def,
        sections: [
          ...def.sections.slice(0, -1),
          { ...def.sections.at(-1)!, questions: [...def.sections.at(-1)!.questions, newQuestion(def, type)] },
        ],
      };
    }
    def = { ...def, sections: [...def.sections, newSection(def)] };
    expect(questionnaireDefinitionSchema.safeParse(def).success).toBe(true);
    expect(new Set(def.sections.flatMap((s) => s.questions.map((q) => q.id))).size).toBe(def.sections.flatMap((s) => s.questions).length);
  });

  it('keeps text, condition and choice options when the type changes', () => {
    const q = DEF.sections[2]!.questions[0]!; // multi "opfer"
    const single = changeType(q, 'single');
    expect(single).toMatchObject({ id: 'opfer', type: 'single', text: q.text });
    expect(single.type === 'single' && single.options).toEqual(q.type === 'multi' && q.options);
    const number = changeType(DEF.sections[2]!.questions[1]!, 'text');
    expect(number).toMatchObject({ type: 'text', condition: { question: 'opfer' }, maxLength: 1000 });
  });

  it('reports schema errors by path, and links them to a control', () => {
    const broken = structuredClone(DEF);
    broken.sections[0]!.questions[1]!.id = 'sicher_nachts';
    broken.sections[1]!.title.de = '';
    const checked = checkDefinition(broken);
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? {} : checked.errors;
    expect(errors['sections.0.questions.1.id']).toContain('doppelt');
    expect(errors['sections.1.title.de']).toBeDefined();
    expect(questionsWithErrors(Object.keys(errors))).toEqual(['0.1']);
    expect(errorTargetId(splitPath('sections.1.title'))).toBe('qe-sections-1-title-de');
    expect(errorTargetId(splitPath('sections.0.questions.2.rows'))).toBe('qe-sections-0-questions-2-rows-add');
    expect(errorTargetId(splitPath('sections.2.questions.1.condition.anyOf'))).toBe('qe-sections-2-questions-1-condition-question');
    expect(definitionPathOf('body.definition.sections.0.id')).toBe('sections.0.id');
  });

  it('moves items within their list and not past its ends', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});
