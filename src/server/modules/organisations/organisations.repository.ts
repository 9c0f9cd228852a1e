import { type Insertable, sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/text-match.ts';
import type { OrganisationsTable, PeopleTable } from './organisations.tables.ts';
import { whereInScope } from '../../auth/access.ts';
import type { Principal } from '../../auth/principal.ts';

export async function findMunicipality(db: DbOrTrx, ags: string) {
  return db.selectFrom('municipalities').select(['ags', 'name', 'district_ags']).where('ags', '=', ags).executeTakeFirst();
}

// ---- organisations ----

function organisationsQuery(db: DbOrTrx) {
  return db
    .selectFrom('organisations')
    .leftJoin('municipalities', 'municipalities.ags', 'organisations.ags')
    .selectAll('organisations')
    .select((eb) => [
      'municipalities.name as municipality_name',
      eb
        .selectFrom('people')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('people.organisation_id', '=', 'organisations.id')
        .where('people.erased_at', 'is', null)
        .as('people_count'),
    ]);
}
export type OrganisationRow = Awaited<ReturnType<ReturnType<typeof organisationsQuery>['execute']>>[number];

export async function findOrganisation(db: DbOrTrx, id: number): Promise<OrganisationRow | undefined> {
  return organisationsQuery(db).where('organisations.id', '=', id).executeTakeFirst();
}

export async function listOrganisations(
  db: DbOrTrx,
  principal: Principal,
  f: { ags?: string; type?: string; q?: string },
  limit: number,
  offset: number,
) {
  let q = whereInScope(db.selectFrom('organisations'), principal, 'organisations.ags');
  if (f.ags) q = q.where('organisations.ags', '=', f.ags);
  if (f.type) q = q.where('organisations.type', '=', f.type);
  if (f.q?.trim()) q = q.where(sql<boolean>`lower(organisations.name) like ${likePattern(f.q)} escape '\\'`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('organisations.id')
    .orderBy('organisations.name')
    .orderBy('organisations.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const rows = ids.length
    ? await organisationsQuery(db)
        .where(
          'organisations.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('organisations.name')
        .orderBy('organisations.id')
        .execute()
    : [];
  return { rows, total: Number(total.n) };
}

export async function insertOrganisation(db: DbOrTrx, row: Insertable<OrganisationsTable>): Promise<number> {
  const { id } = await db.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateOrganisationVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<OrganisationsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('organisations')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- people ----

function peopleQuery(db: DbOrTrx) {
  return db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .selectAll('people')
    .select(['organisations.name as organisation_name', 'organisations.type as organisation_type']);
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

export async function findPerson(db: DbOrTrx, id: number): Promise<PersonRow | undefined> {
  return peopleQuery(db).where('people.id', '=', id).executeTakeFirst();
}

export async function findPeople(db: DbOrTrx, ids: number[]): Promise<PersonRow[]> {
  if (!ids.length) return [];
  const out: PersonRow[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await peopleQuery(db)
        .where('people.id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

export async function listPeople(
  db: DbOrTrx,
  principal: Principal,
  f: { ags?: string; organisationId?: number; q?: string; includeErased?: boolean },
  limit: number,
  offset: number,
) {
  let q = whereInScope(db.selectFrom('people'), principal, 'people.ags');
  if (f.ags) q = q.where('people.ags', '=', f.ags);
  if (f.organisationId) q = q.where('people.organisation_id', '=', f.organisationId);
  if (!f.includeErased) q = q.where('people.erased_at', 'is', null);
  if (f.q?.trim()) {
    const p = likePattern(f.q);
    q = q.where(
      sql<boolean>`(lower(people.last_name) like ${p} escape '\\' or lower(people.first_name) like ${p} escape '\\' or lower(coalesce(people.email, '')) like ${p} escape '\\')`,
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('people.id')
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('people.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const rows = ids.length
    ? await peopleQuery(db)
        .where(
          'people.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('people.last_name')
        .orderBy('people.first_name')
        .orderBy('people.id')
        .execute()
    : [];
  return { rows, total: Number(total.n) };
}

export async function insertPerson(db: DbOrTrx, row: Insertable<PeopleTable>): Promise<number> {
  const { id } = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePersonVersioned(db: DbOrTrx, id: number, version: number, patch: Updateable<PeopleTable>): Promise<boolean> {
  const r = await db
    .updateTable('people')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
