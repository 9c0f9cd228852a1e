import type {
  CreateOrganisationInput,
  CreatePersonInput,
  LegalBasis,
  ListOrganisationsQuery,
  ListPeopleQuery,
  Organisation,
  OrganisationType,
  Person,
  UpdateOrganisationInput,
  UpdatePersonInput,
} from '../../../shared/organisations.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { isStatewide, requireAccess } from '../../auth/access.ts';
import * as repo from './organisations.repository.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

/** The label of an erased person (no personal data). */
export const erasedLabel = (id: number) => `Gelöschte Person #${id}`;

// ---- presenters ----

export function presentOrganisation(r: repo.OrganisationRow): Organisation {
  return {
    id: r.id,
    ags: r.ags,
    municipalityName: r.municipality_name ?? null,
    name: r.name,
    type: r.type as OrganisationType,
    street: r.street,
    postcode: r.postcode,
    city: r.city,
    notes: r.notes,
    people: Number(r.people_count ?? 0),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** "First Last", or the erased label. */
export function personName(r: { id: number; first_name: string; last_name: string; erased_at: string | null }): string {
  return r.erased_at ? erasedLabel(r.id) : `${r.first_name} ${r.last_name}`.trim();
}

export function presentPerson(r: repo.PersonRow): Person {
  return {
    id: r.id,
    ags: r.ags,
    firstName: r.first_name,
    lastName: r.last_name,
    displayName: personName(r),
    function: r.function,
    email: r.email,
    phone: r.phone,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name ?? null,
    organisationType: (r.organisation_type as OrganisationType | null) ?? null,
    legalBasis: r.legal_basis as LegalBasis,
    purpose: r.purpose,
    consentGivenOn: r.consent_given_on,
    notes: r.notes,
    erasedAt: r.erased_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- checks ----

async function assertMunicipality(db: DbOrTrx, principal: Principal, ags: string | null): Promise<void> {
  if (ags !== null && !(await repo.findMunicipality(db, ags))) {
    throw fieldError('ags', { de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` }, 'unknown');
  }
  if (ags === null && !isStatewide(principal)) {
    throw fieldError('ags', { de: 'Bitte wählen Sie eine Ihrer Kommunen.', en: 'Please choose one of your municipalities.' }, 'required');
  }
  await requireAccess(db, principal, 'organisations.write', ags);
}

/** The organisation, if the principal's scope holds it (404 otherwise, 403 outside the scope). */
export async function requireOrganisation(db: DbOrTrx, principal: Principal, id: number, field?: string): Promise<repo.OrganisationRow> {
  const row = await repo.findOrganisation(db, id);
  if (!row) {
    const text = { de: `Keine Organisation Nr. ${id}.`, en: `No organisation no. ${id}.` };
    throw field ? fieldError(field, text, 'unknown') : notFound(text);
  }
  await requireAccess(db, principal, 'organisations.read', row.ags);
  return row;
}

/** The person, if the principal's scope holds them. */
export async function requirePerson(db: DbOrTrx, principal: Principal, id: number, field?: string): Promise<repo.PersonRow> {
  const row = await repo.findPerson(db, id);
  if (!row) {
    const text = { de: `Keine Person Nr. ${id}.`, en: `No person no. ${id}.` };
    throw field ? fieldError(field, text, 'unknown') : notFound(text);
  }
  await requireAccess(db, principal, 'organisations.read', row.ags);
  return row;
}

function assertConsent(legalBasis: LegalBasis, consentGivenOn: string | null): void {
  if (legalBasis === 'consent' && !consentGivenOn) {
    throw fieldError(
      'consentGivenOn',
      {
        de: 'Bei der Rechtsgrundlage „Einwilligung“ ist das Datum der Einwilligung anzugeben.',
        en: 'With consent as the legal basis, the date of consent is required.',
      },
      'required',
    );
  }
  if (consentGivenOn && consentGivenOn > todayBerlin()) {
    throw fieldError(
      'consentGivenOn',
      { de: 'Das Datum der Einwilligung liegt in der Zukunft.', en: 'The date of consent lies in the future.' },
      'date_in_future',
    );
  }
}

async function assertOrganisationFits(db: DbOrTrx, principal: Principal, organisationId: number | null, ags: string | null): Promise<void> {
  if (organisationId === null) return;
  const org = await requireOrganisation(db, principal, organisationId, 'organisationId');
  if (org.ags !== null && org.ags !== ags) {
    throw fieldError(
      'organisationId',
      { de: 'Die Organisation gehört zu einer anderen Kommune.', en: 'The organisation belongs to another municipality.' },
      'other_municipality',
    );
  }
}

// ---- organisations ----

export async function listOrganisations(db: DbOrTrx, principal: Principal, q: ListOrganisationsQuery) {
  const { rows, total } = await repo.listOrganisations(db, principal, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentOrganisation), total, page: q.page, pageSize: q.pageSize };
}

export async function getOrganisation(db: DbOrTrx, principal: Principal, id: number): Promise<Organisation> {
  return presentOrganisation(await requireOrganisation(db, principal, id));
}

export async function createOrganisation(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  await assertMunicipality(db, principal, input.ags);
  const now = nowIso();
  const id = await repo.insertOrganisation(db, {
    ags: input.ags,
    name: input.name,
    type: input.type,
    street: input.street,
    postcode: input.postcode,
    city: input.city,
    notes: input.notes,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  const after = presentOrganisation((await repo.findOrganisation(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'organisation', entityId: id, after });
  return after;
}

export async function updateOrganisation(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  const row = await requireOrganisation(db, principal, id);
  await requireAccess(db, principal, 'organisations.write', row.ags);
  const before = presentOrganisation(row);
  if (row.version !== input.version) throw conflict(before);
  const { version, ...patch } = input;
  const ok = await repo.updateOrganisationVersioned(db, id, version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(presentOrganisation((await repo.findOrganisation(db, id))!));
  const after = presentOrganisation((await repo.findOrganisation(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'organisation', entityId: id, before, after });
  return after;
}

// ---- people ----

export async function listPeople(db: DbOrTrx, principal: Principal, q: ListPeopleQuery) {
  const { rows, total } = await repo.listPeople(
    db,
    principal,
    { ...q, includeErased: q.includeErased === 'true' },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(presentPerson), total, page: q.page, pageSize: q.pageSize };
}

export async function getPerson(db: DbOrTrx, principal: Principal, id: number): Promise<Person> {
  return presentPerson(await requirePerson(db, principal, id));
}

export async function createPerson(db: DbOrTrx, principal: Principal, actor: Actor, input: CreatePersonInput): Promise<Person> {
  await assertMunicipality(db, principal, input.ags);
  assertConsent(input.legalBasis, input.consentGivenOn);
  await assertOrganisationFits(db, principal, input.organisationId, input.ags);
  const now = nowIso();
  const id = await repo.insertPerson(db, {
    ags: input.ags,
    organisation_id: input.organisationId,
    first_name: input.firstName,
    last_name: input.lastName,
    function: input.function,
    email: input.email?.toLowerCase() ?? null,
    phone: input.phone || null,
    legal_basis: input.legalBasis,
    purpose: input.purpose,
    consent_given_on: input.consentGivenOn,
    notes: input.notes,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  const after = presentPerson((await repo.findPerson(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'person', entityId: id, after });
  return after;
}

export async function updatePerson(db: DbOrTrx, principal: Principal, actor: Actor, id: number, input: UpdatePersonInput): Promise<Person> {
  const row = await requirePerson(db, principal, id);
  await requireAccess(db, principal, 'organisations.write', row.ags);
  const before = presentPerson(row);
  if (row.version !== input.version) throw conflict(before);
  if (row.erased_at)
    throw new AppError('rule-violation', { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' }, [
      { field: 'id', code: 'erased', message: { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' } },
    ]);
  const legalBasis = input.legalBasis ?? (row.legal_basis as LegalBasis);
  const consent = input.consentGivenOn !== undefined ? input.consentGivenOn : row.consent_given_on;
  assertConsent(legalBasis, consent);
  if (input.organisationId !== undefined) await assertOrganisationFits(db, principal, input.organisationId, row.ags);
  const patch = {
    first_name: input.firstName,
    last_name: input.lastName,
    function: input.function,
    email: input.email === undefined ? undefined : (input.email?.toLowerCase() ?? null),
    phone: input.phone === undefined ? undefined : input.phone || null,
    organisation_id: input.organisationId,
    legal_basis: input.legalBasis,
    purpose: input.purpose,
    consent_given_on: input.consentGivenOn,
    notes: input.notes,
    updated_at: nowIso(),
  };
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const ok = await repo.updatePersonVersioned(db, id, input.version, clean);
  if (!ok) throw conflict(presentPerson((await repo.findPerson(db, id))!));
  const after = presentPerson((await repo.findPerson(db, id))!);
  await recordAudit(db, actor, { action: 'update', entityType: 'person', entityId: id, before, after });
  return after;
}
