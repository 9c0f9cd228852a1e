import { describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../../../../shared/survey-template.ts';
import { compileCodebook, encodeAnswers, type QuestionnaireDefinition, vectorToBytes } from '../../../../shared/survey-questionnaire.ts';
import { MatrixBuilder, mapVersion } from './matrix.ts';

/*
 * Responses of an earlier questionnaire version land in the current codebook by variable name and
 * option code: reordered options keep their meaning, a removed question is missing, a new one is
 * missing for the old responses.
 */
describe('mapping questionnaire versions into one matrix', () => {
  const v1 = structuredClone(STANDARD_QUESTIONNAIRE) as QuestionnaireDefinition;
  const v2 = structuredClone(STANDARD_QUESTIONNAIRE) as QuestionnaireDefinition;
  const night = v2.sections[0]!.questions[0]!;
  if (night.type !== 'single') throw new Error('template changed');
  night.options = [...night.options].reverse(); // sehr_unsicher first now
  v2.sections[0]!.questions.splice(1, 1); // opfer_gedanke removed
  v2.sections[3]!.questions.push({
    id: 'wohndauer',
    type: 'number',
    required: false,
    min: 0,
    max: 99,
    text: { de: 'Wohndauer', en: 'Years' },
  });
  const cb1 = compileCodebook(v1);
  const cb2 = compileCodebook(v2);

  it('maps by name and option code', () => {
    const answers = { sicher_nachts: 'ziemlich_unsicher', opfer_gedanke: 'oft', haushalt: 3, altersgruppe: 'a75' };
    const builder = new MatrixBuilder(cb2.length, 1);
    builder.add(vectorToBytes(encodeAnswers(v1, answers)), mapVersion(cb2, cb1));
    builder.add(vectorToBytes(encodeAnswers(v2, { ...answers, opfer_gedanke: undefined, wohndauer: 12 } as never)), mapVersion(cb2, cb2));
    const m = builder.finish();
    expect(m.rows).toBe(2);
    const col = (name: string) => cb2.find((v) => v.name === name)!.index;
    const valueOf = (name: string, code: string) => cb2.find((v) => v.name === name)!.values.find((x) => x.code === code)!.value;
    for (const row of [0, 1]) {
      expect(m.data[row * m.cols + col('sicher_nachts')]).toBe(valueOf('sicher_nachts', 'ziemlich_unsicher'));
      expect(m.data[row * m.cols + col('haushalt')]).toBe(4); // number + 1
      expect(m.data[row * m.cols + col('altersgruppe')]).toBe(valueOf('altersgruppe', 'a75'));
    }
    expect(valueOf('sicher_nachts', 'ziemlich_unsicher')).toBe(2); // reversed order: 2nd now, 3rd in v1
    expect(m.data[0 * m.cols + col('wohndauer')]).toBe(0); // not asked in v1
    expect(m.data[1 * m.cols + col('wohndauer')]).toBe(13);
    expect(mapVersion(cb2, cb2).identity).toBe(true);
    expect(mapVersion(cb2, cb1).identity).toBe(false);
  });

  it('copies blocks of the current version as they are', () => {
    const a = vectorToBytes(encodeAnswers(v2, { sicher_nachts: 'sehr_sicher', haushalt: 1 }));
    const b = vectorToBytes(encodeAnswers(v2, { sicher_nachts: 'sehr_unsicher', haushalt: 2 }));
    const block = new Uint8Array([...a, ...b]);
    const builder = new MatrixBuilder(cb2.length, 0);
    builder.addBlock(block, 2, mapVersion(cb2, cb2));
    builder.addBlock(vectorToBytes(encodeAnswers(v1, { sicher_nachts: 'sehr_sicher' })), 1, mapVersion(cb2, cb1));
    const m = builder.finish();
    expect(m.rows).toBe(3);
    expect(Array.from(m.data.subarray(0, cb2.length))).toEqual(
      Array.from(encodeAnswers(v2, { sicher_nachts: 'sehr_sicher', haushalt: 1 })),
    );
    expect(m.data[2 * m.cols]).toBe(cb2[0]!.values.find((x) => x.code === 'sehr_sicher')!.value);
  });
});
