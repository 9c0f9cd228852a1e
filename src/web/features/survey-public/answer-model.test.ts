import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../shared/survey-questionnaire.ts';
import { STANDARD_QUESTIONNAIRE as DEF } from '../../../shared/survey-template.ts';
import {
  answerPathOf,
  answeredCount,
  checkAnswers,
  cleanAnswers,
  firstStepWith,
  focusIdOf,
  loc,
  type MessageTexts,
  pathLabel,
  resumeStep,
  shownQuestions,
  visibleSections,
} from './answer-model.ts';

const texts: MessageTexts = {
  notNumber: 'whole number',
  outOfRange: (q) => `from ${q.min} to ${q.max}`,
  tooLong: (q) => `at most ${q.maxLength}`,
  tooMany: (q) => `at most ${q.maxChoices} answers`,
};
const all = { questionIds: null, lang: 'de' as const, texts };

describe('the questionnaire form model', () => {
  it('turns typed numbers into integers, drops empty and hidden answers, and names what is not a number', () => {
    const { answers, notNumbers } = cleanAnswers(DEF, {
      opfer: ['nichts'],
      opfer_anzahl: '3',
      haushalt: ' 4 ',
      anmerkungen: '   ',
      meiden: {},
      altersgruppe: 'a25_34',
    });
    // opfer_anzahl is hidden once "nichts davon" is the only victimisation answer.
    expect(answers).toEqual({ opfer: ['nichts'], haushalt: 4, altersgruppe: 'a25_34' });
    expect(notNumbers).toEqual([]);
    expect(cleanAnswers(DEF, { haushalt: 'vier' }).notNumbers).toEqual(['haushalt']);
    // What is sent always passes the shared partial validation.
    expect(validateAnswers(DEF, answers, { complete: false })).toEqual([]);
  });

  it('shows the follow-up question only after a victimisation answer (live skip condition)', () => {
    const section = DEF.sections[2]!;
    expect(shownQuestions(section, DEF, {}).map((q) => q.id)).toEqual(['opfer', 'vertrauen', 'anmerkungen']);
    expect(shownQuestions(section, DEF, { opfer: ['diebstahl'] }).map((q) => q.id)).toEqual([
      'opfer',
      'opfer_anzahl',
      'vertrauen',
      'anmerkungen',
    ]);
    expect(visibleSections(DEF, {})).toHaveLength(4);
  });

  it('checks one step: required questions, ranges with their limits, whole numbers', () => {
    const step1 = new Set(DEF.sections[0]!.questions.map((q) => q.id));
    expect(checkAnswers(DEF, {}, { ...all, questionIds: step1, complete: true })).toEqual({
      sicher_nachts: 'Bitte beantworten Sie diese Frage.',
    });
    expect(checkAnswers(DEF, {}, { ...all, questionIds: step1, complete: false })).toEqual({});
    expect(checkAnswers(DEF, { sicher_nachts: 'sehr_sicher', haushalt: '25' }, { ...all, complete: true })).toEqual({
      haushalt: 'from 1 to 20',
    });
    expect(checkAnswers(DEF, { sicher_nachts: 'sehr_sicher', haushalt: '2,5' }, { ...all, complete: true })).toEqual({
      haushalt: 'whole number',
    });
    expect(
      checkAnswers(DEF, { sicher_nachts: 'sehr_sicher', anmerkungen: 'x'.repeat(2001) }, { ...all, complete: true, lang: 'en' }),
    ).toEqual({ anmerkungen: 'at most 2000' });
    // Errors outside the step are left to their own step.
    expect(checkAnswers(DEF, { haushalt: '99' }, { ...all, questionIds: step1, complete: true })).toEqual({
      sicher_nachts: 'Bitte beantworten Sie diese Frage.',
    });
  });

  it('maps server field paths to questions and steps, and errors to the control that takes the focus', () => {
    expect(answerPathOf('answers.haushalt')).toBe('haushalt');
    expect(answerPathOf('body.answers.meiden.orte')).toBe('meiden.orte');
    expect(answerPathOf('code')).toBeNull();
    expect(firstStepWith(DEF.sections, ['haushalt'])).toBe(3);
    expect(focusIdOf(DEF, 'sq-', 'sicher_nachts')).toBe('sq-q-sicher_nachts-sehr_sicher');
    expect(focusIdOf(DEF, 'sq-', 'meiden.begleitung')).toBe('sq-q-meiden-begleitung--ja');
    expect(focusIdOf(DEF, 'sq-', 'haushalt')).toBe('sq-q-haushalt');
    expect(pathLabel(DEF, 'meiden.begleitung', 'en')).toBe(
      'The last time you went out in the evening, did you … – have someone accompany you?',
    );
  });

  it('resumes at the first section without answers and counts what is answered', () => {
    expect(resumeStep(DEF, {})).toBe(0);
    expect(resumeStep(DEF, { sicher_nachts: 'sehr_sicher' })).toBe(1);
    expect(answeredCount(DEF, { sicher_nachts: 'sehr_sicher', haushalt: '' })).toBe(1);
  });

  it('falls back to German where a text has no translation', () => {
    expect(loc({ de: 'Frage', en: '' }, 'en')).toBe('Frage');
    expect(loc({ de: 'Frage', en: 'Question' }, 'en')).toBe('Question');
  });
});
