import type { AllianceEvent, EventType, RecordEventInput, WithdrawalKind } from '../../../shared/alliance.schema.ts';

/** What the event form edits: strings, as the inputs hold them. */
export interface EventFormValues {
  type: EventType;
  date: string;
  topic: string;
  participants: string;
  kind: WithdrawalKind;
  notes: string;
  /** Amendment and termination: which agreement ('' = none chosen). */
  agreementId: string;
  /** Amendment and termination: for every party of a joint agreement, or this municipality only. */
  allParties: boolean;
}

export const emptyEventForm = (type: EventType = 'consultation'): EventFormValues => ({
  type,
  date: '',
  topic: '',
  participants: '',
  kind: 'withdrawal',
  notes: '',
  agreementId: '',
  allParties: false,
});

/** The form values of an existing event, for its correction. */
export function eventFormOf(e: AllianceEvent): EventFormValues {
  return {
    type: e.type,
    date: e.date,
    topic: e.topic ?? '',
    participants: e.participants ?? '',
    kind: e.kind ?? 'withdrawal',
    notes: e.notes,
    agreementId: e.agreementId === null ? '' : String(e.agreementId),
    allParties: false,
  };
}

/** The API input of one event (the shared schema validates it before it is sent). */
export function eventInputOf(v: EventFormValues): RecordEventInput | Record<string, unknown> {
  // An empty date is missing ("please fill in"), not malformed.
  const base = { date: v.date || undefined, notes: v.notes };
  switch (v.type) {
    case 'consultation':
      return { ...base, type: v.type, topic: v.topic.trim() || null, participants: v.participants.trim() || null };
    case 'withdrawn':
      return { ...base, type: v.type, kind: v.kind };
    case 'agreement_signed':
    case 'agreement_amended':
    case 'agreement_terminated':
      return { ...base, type: v.type, agreementId: v.agreementId ? Number(v.agreementId) : undefined };
    default:
      return { ...base, type: v.type };
  }
}

/** Form field ids by field name, so the error summary links to the field. */
export const EVENT_FIELD_IDS = {
  type: 'event-type',
  date: 'event-date',
  topic: 'event-topic',
  participants: 'event-participants',
  kind: 'event-kind',
  notes: 'event-notes',
  agreementId: 'event-agreement',
  municipalities: 'event-agreement',
  reason: 'event-reason',
  id: 'event-type',
} as const;
