import { describe, expect, it } from 'vitest';
import { createAgreementSchema } from '../../../shared/alliance.schema.ts';
import { agreementInputOf, emptyAgreementForm, newSignatory, remapSignatoryErrors } from './agreement-form-model.ts';

describe('the agreement form', () => {
  it('sends this municipality first, then the partners, and leaves out signatory rows left empty', () => {
    const form = { ...emptyAgreementForm(), signedOn: '2024-03-14', partners: ['14521010'] };
    form.signatories = [
      { ...newSignatory('municipality'), name: 'Rolf Schmidt', function: 'Oberbürgermeister' },
      newSignatory('police'),
      { ...newSignatory('council'), name: 'Karl Weber', function: 'Geschäftsführer' },
    ];
    const { input, rowOf } = agreementInputOf('14521020', form);
    expect(input.municipalities).toEqual(['14521020', '14521010']);
    expect(input.signatories).toEqual([
      { name: 'Rolf Schmidt', function: 'Oberbürgermeister', party: 'municipality', ags: '14521020' },
      { name: 'Karl Weber', function: 'Geschäftsführer', party: 'council', ags: null },
    ]);
    expect(rowOf).toEqual([0, 2]);
    expect(createAgreementSchema.safeParse(input).success).toBe(true);
  });

  it('maps a field error of a sent signatory back to its row in the form', () => {
    expect(remapSignatoryErrors({ 'signatories.1.name': 'Bitte ausfüllen.', signedOn: 'Pflichtfeld' }, [0, 2])).toEqual({
      'signatories.2.name': 'Bitte ausfüllen.',
      signedOn: 'Pflichtfeld',
    });
  });

  it('refuses a half-filled signatory with the path of the field', () => {
    const form = { ...emptyAgreementForm(), signedOn: '2024-03-14' };
    form.signatories = [{ ...newSignatory('municipality'), name: 'Rolf Schmidt' }];
    const parsed = createAgreementSchema.safeParse(agreementInputOf('14521020', form).input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['signatories', 0, 'function']);
  });
});
