import type {
  Agreement,
  AgreementEventsInput,
  CancelInput,
  CreateAgreementInput,
  UpdateAgreementInput,
} from '../../../shared/alliance.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './alliance.repository.ts';
import { nowIso } from '../../../shared/time.ts';
import {
  assertConsistent,
  assertDateAllowed,
  contradictionError,
  loadEvent,
  presentAgreements,
  requireAgreementRow,
  ruleError,
} from './alliance.shared.ts';
import { getSettings } from './settings.service.ts';

/* Cooperation agreements: with their signing events, signatories, amendments, terminations and cancellation. */

async function getAgreementUnscoped(db: DbOrTrx, id: number): Promise<Agreement> {
  return (await presentAgreements(db, [await requireAgreementRow(db, id)]))[0]!;
}

/** One agreement, if the principal may see at least one of its municipalities. */
export async function getAgreement(db: DbOrTrx, principal: Principal, id: number): Promise<Agreement> {
  const agreement = await getAgreementUnscoped(db, id);
  await assertAgreementVisible(db, principal, id);
  return agreement;
}

async function assertAgreementVisible(db: DbOrTrx, principal: Principal, id: number): Promise<void> {
  const events = await repo.listAgreementEvents(db, [id]);
  await requireAccess(db, principal, 'alliance.readDetail', { any: events.map((e) => e.ags) });
}

function checkSignatoryAgs(signatories: { ags: string | null }[], parties: string[]): void {
  signatories.forEach((s, i) => {
    if (s.ags !== null && !parties.includes(s.ags)) {
      throw fieldError(
        `signatories.${i}.ags`,
        { de: `Die Kommune ${s.ags} ist nicht Partei dieser Vereinbarung.`, en: `Municipality ${s.ags} is not a party of this agreement.` },
        'not_party',
      );
    }
  });
}

function duplicateReference(reference: string): AppError {
  const text = { de: `Das Aktenzeichen „${reference}“ ist bereits vergeben.`, en: `The reference "${reference}" is already in use.` };
  return new AppError('duplicate', text, [{ field: 'reference', code: 'duplicate', message: text }]);
}

async function assertReferenceFree(db: DbOrTrx, reference: string | null, ownId?: number): Promise<void> {
  if (!reference) return;
  const other = await repo.findAgreementByReference(db, reference);
  if (other && other.id !== ownId) throw duplicateReference(reference);
}

/** Inserts an agreement; a concurrent insert of the same reference becomes 409, not 500. */
async function insertAgreementOrDuplicate(
  db: DbOrTrx,
  reference: string | null,
  row: Parameters<typeof repo.insertAgreement>[1],
): Promise<number> {
  try {
    return await repo.insertAgreement(db, row);
  } catch (err) {
    if (reference && repo.isUniqueViolation(err)) throw duplicateReference(reference);
    throw err;
  }
}

/** Creates a cooperation agreement: the agreement, a signing event per municipality, the signatories. */
export async function createAgreement(db: DbOrTrx, actor: Actor, input: CreateAgreementInput): Promise<Agreement> {
  assertDateAllowed(input.signedOn, 'signedOn');
  const places = [];
  const unknown: string[] = [];
  for (const ags of input.municipalities) {
    const p = await repo.findPlace(db, ags);
    if (p) places.push(p);
    else unknown.push(ags);
  }
  if (unknown.length)
    throw fieldError(
      'municipalities',
      { de: `Unbekannte AGS: ${unknown.join(', ')}.`, en: `Unknown AGS: ${unknown.join(', ')}.` },
      'unknown',
    );
  let directorateId = input.directorateId;
  if (directorateId !== null) {
    if (!(await repo.findDirectorate(db, directorateId)))
      throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
  } else {
    directorateId = places[0]!.directorate_id ?? null;
  }
  checkSignatoryAgs(input.signatories, input.municipalities);
  await assertReferenceFree(db, input.reference);
  const councilParty = input.councilParty ?? (await getSettings(db)).councilName;
  const now = nowIso();
  const id = await insertAgreementOrDuplicate(db, input.reference, {
    reference: input.reference,
    title: input.title,
    directorate_id: directorateId,
    council_party: councilParty,
    notes: input.notes,
    kind: input.kind,
    status: 'active',
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  await repo.lockMunicipalities(
    db,
    places.map((p) => p.ags),
  );
  for (const p of places) {
    await assertConsistent(
      db,
      p.ags,
      [{ ref: 0, type: 'agreement_signed', date: input.signedOn, agreementId: id, agreementKind: input.kind }],
      [],
      (c) =>
        contradictionError(c.field === 'date' ? 'signedOn' : 'municipalities', {
          code: c.code,
          de: `${p.name}: ${c.de}`,
          en: `${p.name}: ${c.en}`,
        }),
    );
    const eventId = await repo.insertEvent(db, {
      ags: p.ags,
      type: 'agreement_signed',
      date: input.signedOn,
      agreement_id: id,
      notes: input.notes,
      status: 'active',
      source: 'api',
      created_by: actor.userId,
      created_by_label: actor.label,
      created_at: now,
    });
    await recordAudit(db, actor, {
      action: 'create',
      entityType: 'alliance_event',
      entityId: eventId,
      after: await loadEvent(db, eventId),
    });
  }
  await repo.replaceSignatories(db, id, input.signatories);
  const agreement = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'alliance_agreement', entityId: id, after: agreement });
  return agreement;
}

/** Changes an agreement's title, reference, parties' directorate, council party, notes or signatories. */
export async function updateAgreement(db: DbOrTrx, actor: Actor, id: number, input: UpdateAgreementInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (before.status !== 'active')
    throw ruleError('id', 'agreement_cancelled', { de: 'Die Vereinbarung ist storniert.', en: 'The agreement is cancelled.' });
  if (input.directorateId !== undefined && !(await repo.findDirectorate(db, input.directorateId))) {
    throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
  }
  if (input.signatories)
    checkSignatoryAgs(
      input.signatories,
      before.parties.map((p) => p.ags),
    );
  if (input.reference !== undefined) await assertReferenceFree(db, input.reference, id);
  const reference = input.reference !== undefined ? input.reference : before.reference;
  const ok = await repo
    .updateAgreementVersioned(db, id, input.version, {
      title: input.title ?? before.title,
      reference,
      directorate_id: input.directorateId ?? before.directorateId,
      council_party: input.councilParty ?? before.councilParty,
      notes: input.notes ?? before.notes,
      updated_at: nowIso(),
    })
    .catch((err: unknown) => {
      if (reference && repo.isUniqueViolation(err)) throw duplicateReference(reference);
      throw err;
    });
  if (!ok) throw conflict(await getAgreementUnscoped(db, id));
  if (input.signatories) await repo.replaceSignatories(db, id, input.signatories);
  const after = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'alliance_agreement', entityId: id, before, after });
  return after;
}

/** Records an amendment or termination for the agreement's municipalities (all covered ones by default). */
export async function recordAgreementEvents(db: DbOrTrx, actor: Actor, id: number, input: AgreementEventsInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.status !== 'active')
    throw ruleError('id', 'agreement_cancelled', { de: 'Die Vereinbarung ist storniert.', en: 'The agreement is cancelled.' });
  assertDateAllowed(input.date);
  let targets: string[];
  if (input.municipalities) {
    const foreign = input.municipalities.filter((a) => !before.parties.some((p) => p.ags === a));
    if (foreign.length)
      throw fieldError(
        'municipalities',
        { de: `Nicht Partei dieser Vereinbarung: ${foreign.join(', ')}.`, en: `Not a party of this agreement: ${foreign.join(', ')}.` },
        'not_party',
      );
    targets = [...new Set(input.municipalities)];
  } else {
    // Every party that has not left yet; the rules then refuse a date before a party's signing.
    targets = before.parties.filter((p) => p.terminatedOn === null).map((p) => p.ags);
    if (!targets.length) {
      throw ruleError('type', 'already_terminated', {
        de: 'Die Vereinbarung ist für alle Kommunen bereits beendet.',
        en: 'The agreement was already terminated for every municipality.',
      });
    }
  }
  const now = nowIso();
  targets.sort();
  await repo.lockMunicipalities(db, targets);
  for (const ags of targets) {
    const party = before.parties.find((p) => p.ags === ags)!;
    await assertConsistent(db, ags, [{ ref: 0, type: input.type, date: input.date, agreementId: id }], [], (c) =>
      ruleError(c.field === 'agreementId' ? 'municipalities' : c.field, c.code, {
        de: `${party.name}: ${c.de}`,
        en: `${party.name}: ${c.en}`,
      }),
    );
    const eventId = await repo.insertEvent(db, {
      ags,
      type: input.type,
      date: input.date,
      agreement_id: id,
      notes: input.notes,
      status: 'active',
      source: 'api',
      created_by: actor.userId,
      created_by_label: actor.label,
      created_at: now,
    });
    await recordAudit(db, actor, {
      action: 'create',
      entityType: 'alliance_event',
      entityId: eventId,
      after: await loadEvent(db, eventId),
    });
  }
  return getAgreementUnscoped(db, id);
}

/** Cancels an agreement entered by mistake: it and all its events stay, marked cancelled. */
export async function cancelAgreement(db: DbOrTrx, actor: Actor, id: number, input: CancelInput): Promise<Agreement> {
  const before = await getAgreementUnscoped(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (before.status !== 'active')
    throw ruleError('id', 'agreement_cancelled', {
      de: 'Die Vereinbarung ist bereits storniert.',
      en: 'The agreement is already cancelled.',
    });
  const events = (await repo.listAgreementEvents(db, [id])).filter((e) => e.status === 'active');
  const ids = events.map((e) => e.id);
  const parties = [...new Set(events.map((e) => e.ags))].sort();
  await repo.lockMunicipalities(db, parties);
  for (const ags of parties) {
    await assertConsistent(db, ags, [], ids, (c) =>
      ruleError('id', c.code, {
        de: `Nach der Stornierung wäre die Historie von ${ags} widersprüchlich: ${c.de}`,
        en: `After the cancellation the history of ${ags} would contradict itself: ${c.en}`,
      }),
    );
  }
  const now = nowIso();
  await repo.cancelEventsByIds(db, ids, input.reason, now, actor.userId);
  const ok = await repo.updateAgreementVersioned(db, id, input.version, {
    status: 'cancelled',
    status_reason: input.reason,
    updated_at: now,
  });
  if (!ok) throw conflict(await getAgreementUnscoped(db, id));
  const after = await getAgreementUnscoped(db, id);
  await recordAudit(db, actor, {
    action: 'cancel',
    entityType: 'alliance_agreement',
    entityId: id,
    before,
    after: { ...after, cancelledEvents: ids },
  });
  return after;
}
