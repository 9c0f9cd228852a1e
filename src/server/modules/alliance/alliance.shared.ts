import type { Agreement, AllianceEvent, EventType, RecordEventInput, WithdrawalKind } from '../../../shared/alliance.schema.ts';
import { EARLIEST_EVENT_DATE } from '../../../shared/alliance.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, fieldError, notFound } from '../../http/problem.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import * as repo from './alliance.repository.ts';
import { type Contradiction, dateOutOfRange, findContradiction, type TimelineEvent } from './alliance.rules.ts';
import { todayBerlin } from '../../../shared/time.ts';

/* What the alliance's service files share: the presenters of events and agreements, and the checks of a change against the history. */

type Text = { de: string; en: string };

// ---- presenters ----

const person = (id: number | null, name: string | null | undefined, label?: string) =>
  id === null ? (label ? { id: 0, name: label } : null) : { id, name: name ?? label ?? `#${id}` };

/** The API shape of an event row. */
export function presentEvent(r: repo.EventRow): AllianceEvent {
  return {
    id: r.id,
    ags: r.ags,
    type: r.type as EventType,
    date: r.date,
    agreementId: r.agreement_id,
    topic: r.topic,
    participants: r.participants,
    kind: r.withdrawal_kind as WithdrawalKind | null,
    notes: r.notes,
    status: r.status as AllianceEvent['status'],
    correctsId: r.corrects_id,
    supersededById: r.superseded_by_id,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    statusChangedBy: r.status_changed_by === null ? null : person(r.status_changed_by, r.changer_name),
    source: r.source as AllianceEvent['source'],
    createdBy: person(r.created_by, r.creator_name, r.created_by_label),
    createdAt: r.created_at,
    version: r.version,
  };
}

/** The API shape of agreement rows, with their parties, signatories and documents. */
export async function presentAgreements(db: DbOrTrx, rows: repo.AgreementRow[]): Promise<Agreement[]> {
  const ids = rows.map((r) => r.id);
  const [events, signatories, documents] = await Promise.all([
    repo.listAgreementEvents(db, ids),
    repo.listSignatories(db, ids),
    listDocumentsOfOwners(db, 'alliance_agreement', ids),
  ]);
  return rows.map((r) => {
    const active = events.filter((e) => e.agreement_id === r.id && e.status === 'active');
    const parties = active
      .filter((e) => e.type === 'agreement_signed')
      .map((s) => ({
        ags: s.ags,
        name: s.name,
        signedOn: s.date,
        terminatedOn: active.find((e) => e.ags === s.ags && e.type === 'agreement_terminated')?.date ?? null,
        amendedOn: active.filter((e) => e.ags === s.ags && e.type === 'agreement_amended').map((e) => e.date),
      }));
    const signedOn = parties.length ? parties.map((p) => p.signedOn).sort()[0]! : null;
    const terminatedOn =
      parties.length && parties.every((p) => p.terminatedOn)
        ? parties
            .map((p) => p.terminatedOn!)
            .sort()
            .at(-1)!
        : null;
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      kind: r.kind as Agreement['kind'],
      status: r.status as Agreement['status'],
      statusReason: r.status_reason,
      signedOn,
      terminatedOn,
      joint: parties.length > 1,
      parties,
      directorateId: r.directorate_id,
      directorateName: r.directorate_name ?? null,
      councilParty: r.council_party,
      signatories: signatories
        .filter((s) => s.agreement_id === r.id)
        .map((s) => ({ name: s.name, function: s.function, party: s.party as Agreement['signatories'][number]['party'], ags: s.ags })),
      documents: documents.filter((d) => d.ownerId === r.id),
      notes: r.notes,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

// ---- rules ----

/** A 422 naming the broken rule (code) and its field. */
export function ruleError(field: string, code: string, text: Text): AppError {
  return new AppError('rule-violation', text, [{ field, code, message: text }]);
}

/** Refuses a date in the future or before the earliest event date. */
export function assertDateAllowed(date: string, field = 'date'): void {
  const problem = dateOutOfRange(date, todayBerlin(), EARLIEST_EVENT_DATE);
  if (problem) throw ruleError(field, problem.code, problem);
}

/** Refuses the change when the municipality's resulting history contradicts itself. */
export async function assertConsistent<R>(
  db: DbOrTrx,
  ags: string,
  add: TimelineEvent<R | number>[],
  removeIds: number[],
  map: (c: Contradiction<R | number>) => AppError,
): Promise<void> {
  await repo.lockMunicipality(db, ags);
  const current = (await repo.listTimeline(db, ags)).filter((e) => !removeIds.includes(e.ref));
  // An added agreement event takes the kind of its stored agreement.
  const kinds = await repo.findAgreementKinds(db, [
    ...new Set(add.filter((e) => e.agreementId !== null && e.agreementKind === undefined).map((e) => e.agreementId!)),
  ]);
  const added = add.map((e) =>
    e.agreementId !== null && e.agreementKind === undefined ? { ...e, agreementKind: kinds.get(e.agreementId) ?? 'cooperation' } : e,
  );
  const c = findContradiction<R | number>([...current, ...added]);
  if (c) throw map(c);
}

/**
 * A contradiction as an error on the field it names: 422, but 409 for a second cooperation
 * agreement in force (the municipality already has one).
 */
export function contradictionError(field: string, c: { code: string; de: string; en: string }): AppError {
  if (c.code === 'agreement_in_force') {
    const text = { de: c.de, en: c.en };
    return new AppError('duplicate', text, [{ field, code: c.code, message: text }]);
  }
  return ruleError(field, c.code, c);
}

/** A contradiction as an error on the field it names (see contradictionError). */
export const asIs = (c: Contradiction<unknown>) => contradictionError(c.field, c);

/** The municipality, or 404. */
export async function requirePlace(db: DbOrTrx, ags: string) {
  const place = await repo.findPlace(db, ags);
  if (!place) throw notFound({ de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` });
  return place;
}

/** The agreement row, or 404. */
export async function requireAgreementRow(db: DbOrTrx, id: number) {
  const row = (await repo.findAgreementRows(db, [id]))[0];
  if (!row) throw notFound({ de: `Keine Kooperationsvereinbarung Nr. ${id}.`, en: `No cooperation agreement no. ${id}.` });
  return row;
}

/** For an event that refers to an agreement: the agreement must exist and not be cancelled. */
export async function assertAgreementUsable(db: DbOrTrx, agreementId: number, field = 'agreementId'): Promise<void> {
  const row = (await repo.findAgreementRows(db, [agreementId]))[0];
  if (!row)
    throw fieldError(
      field,
      { de: `Keine Kooperationsvereinbarung Nr. ${agreementId}.`, en: `No cooperation agreement no. ${agreementId}.` },
      'unknown',
    );
  if (row.status !== 'active')
    throw ruleError(field, 'agreement_cancelled', {
      de: `Die Vereinbarung Nr. ${agreementId} ist storniert.`,
      en: `Agreement no. ${agreementId} is cancelled.`,
    });
}

/** The columns of an event row from the recorded input. */
export function eventColumns(input: RecordEventInput) {
  return {
    type: input.type,
    date: input.date,
    notes: input.notes,
    topic: input.type === 'consultation' ? input.topic || null : null,
    participants: input.type === 'consultation' ? input.participants || null : null,
    withdrawal_kind: input.type === 'withdrawn' ? input.kind : null,
    agreement_id: 'agreementId' in input ? input.agreementId : null,
  };
}

/** One event in its API shape, or 404. */
export async function loadEvent(db: DbOrTrx, id: number): Promise<AllianceEvent> {
  const row = await repo.findEventById(db, id);
  if (!row) throw notFound({ de: `Kein Ereignis Nr. ${id}.`, en: `No event no. ${id}.` });
  return presentEvent(row);
}
