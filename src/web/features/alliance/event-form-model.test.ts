import { describe, expect, it } from 'vitest';
import { recordEventSchema } from '../../../shared/alliance.schema.ts';
import { emptyEventForm, eventInputOf } from './event-form-model.ts';

describe('the event form', () => {
  it('sends topic and participants only for a consultation, empty ones as null', () => {
    const input = eventInputOf({ ...emptyEventForm('consultation'), date: '2024-01-15', topic: '  Graffiti ', participants: '' });
    expect(recordEventSchema.parse(input)).toEqual({
      type: 'consultation',
      date: '2024-01-15',
      topic: 'Graffiti',
      participants: null,
      notes: '',
    });
    expect(eventInputOf({ ...emptyEventForm('coaching_started'), date: '2024-01-15', topic: 'ignored' })).toEqual({
      type: 'coaching_started',
      date: '2024-01-15',
      notes: '',
    });
  });

  it('sends the kind of a withdrawal and the agreement of an amendment', () => {
    expect(eventInputOf({ ...emptyEventForm('withdrawn'), date: '2024-05-01', kind: 'pause' })).toMatchObject({
      type: 'withdrawn',
      kind: 'pause',
    });
    expect(eventInputOf({ ...emptyEventForm('agreement_amended'), date: '2024-05-01', agreementId: '7' })).toMatchObject({
      agreementId: 7,
    });
  });

  it('leaves a missing date to the shared schema, which names the field', () => {
    const parsed = recordEventSchema.safeParse(eventInputOf(emptyEventForm('strategy_adopted')));
    expect(parsed.error?.issues[0]?.path).toEqual(['date']);
  });
});

describe('an empty date', () => {
  it('is reported as missing, not as malformed', () => {
    const parsed = recordEventSchema.safeParse(eventInputOf(emptyEventForm('consultation')));
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['date'], code: 'invalid_type' });
  });
});
