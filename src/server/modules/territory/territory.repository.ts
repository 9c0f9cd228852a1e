import { type Insertable, sql } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { whereInScope } from '../../auth/access.ts';
import { chunksFor } from '../../db/bulk.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AssociationsTable, DistrictsTable, MunicipalitiesTable, StatesTable } from '../../db/schema.ts';
import type { ListMunicipalitiesQuery } from '../../../shared/territory.schema.ts';

/** Returns those of the given AGS that are not in the directory. */
export async function findMissingMunicipalities(db: DbOrTrx, ags: string[]): Promise<string[]> {
  if (ags.length === 0) return [];
  const found = await db.selectFrom('municipalities').select('ags').where('ags', 'in', ags).execute();
  const have = new Set(found.map((r) => r.ags));
  return ags.filter((a) => !have.has(a));
}

export async function findDirectorateById(db: DbOrTrx, id: number) {
  return db.selectFrom('police_directorates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The districts a police directorate covers. */
export async function listDistrictsOfDirectorate(db: DbOrTrx, directorateId: number): Promise<string[]> {
  const rows = await db.selectFrom('directorate_districts').select('district_ags').where('directorate_id', '=', directorateId).execute();
  return rows.map((r) => r.district_ags);
}

/** Finds a directorate by its full name ("Polizeidirektion Chemnitz") or its short form ("Chemnitz"), ignoring case. */
export async function findDirectorateByName(db: DbOrTrx, name: string) {
  const wanted = name.trim().toLowerCase();
  return db
    .selectFrom('police_directorates')
    .selectAll()
    .where((eb) => eb.or([eb(sql`lower(name)`, '=', wanted), eb(sql`lower(name)`, '=', `polizeidirektion ${wanted}`)]))
    .executeTakeFirst();
}

export async function listDirectoratesWithDistricts(db: DbOrTrx) {
  const dirs = await db.selectFrom('police_directorates').selectAll().orderBy('name').execute();
  const links = await db
    .selectFrom('directorate_districts')
    .leftJoin('districts', 'districts.ags', 'directorate_districts.district_ags')
    .select(['directorate_districts.directorate_id', 'directorate_districts.district_ags', 'districts.name'])
    .orderBy('directorate_districts.district_ags')
    .execute();
  return dirs.map((d) => ({
    ...d,
    districts: links.filter((l) => l.directorate_id === d.id).map((l) => ({ ags: l.district_ags, name: l.name ?? l.district_ags })),
  }));
}

const SORTS = {
  name: 'municipalities.name',
  ags: 'municipalities.ags',
  population: 'municipalities.population',
  district: 'districts.name',
} as const;

/** Lists the municipalities the principal may see, filtered, sorted and paged. */
export async function listMunicipalities(db: DbOrTrx, principal: Principal, f: ListMunicipalitiesQuery) {
  let q = whereInScope(
    db
      .selectFrom('municipalities')
      .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
      .leftJoin('directorate_districts', 'directorate_districts.district_ags', 'municipalities.district_ags')
      .leftJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id'),
    principal,
    'municipalities.ags',
    { district: 'municipalities.district_ags' },
  );
  if (f.includeInactive !== 'true') q = q.where('municipalities.active', '=', 1);
  if (f.district) q = q.where('municipalities.district_ags', '=', f.district);
  if (f.directorateId) q = q.where('directorate_districts.directorate_id', '=', f.directorateId);
  if (f.q) {
    const needle = f.q.toLowerCase();
    q = /^\d+$/.test(needle)
      ? q.where('municipalities.ags', 'like', `${needle}%`)
      : q.where(sql`lower(municipalities.name)`, 'like', `%${needle.replace(/[\\%_]/g, '')}%`);
  }
  // A separate count: a window function (count(*) over ()) measured twice as slow on SQLite.
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'municipalities.ags',
      'municipalities.ars',
      'municipalities.name',
      'municipalities.type_code',
      'municipalities.district_ags',
      'districts.name as district_name',
      'directorate_districts.directorate_id',
      'police_directorates.name as directorate_name',
      'municipalities.population',
      'municipalities.area_ha',
      'municipalities.postcode',
      'municipalities.active',
    ])
    .orderBy(SORTS[f.sort], f.order)
    .orderBy('municipalities.ags')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// Territorial reference data: reads and bulk writes for the GV100AD and directorate imports.

/** Rows of the directory the import compares with: one state's (AGS prefix) or all. */
export async function listStateRows(db: DbOrTrx, state: string | null) {
  let q = db.selectFrom('states').selectAll();
  if (state) q = q.where('ags', '=', state);
  return q.execute();
}

export async function listDistrictRows(db: DbOrTrx, state: string | null) {
  let q = db.selectFrom('districts').selectAll();
  if (state) q = q.where('state_ags', '=', state);
  return q.execute();
}

export async function listAssociationRows(db: DbOrTrx, state: string | null) {
  let q = db.selectFrom('associations').selectAll();
  if (state) q = q.where('ars', 'like', `${state}%`);
  return q.execute();
}

export async function listMunicipalityRows(db: DbOrTrx, state: string | null) {
  let q = db.selectFrom('municipalities').selectAll();
  if (state) q = q.where('ags', 'like', `${state}%`);
  return q.execute();
}

/** Inserts or replaces states (by AGS). */
export async function upsertStates(db: DbOrTrx, rows: Insertable<StatesTable>[]): Promise<void> {
  for (const chunk of chunksFor(rows, 4)) {
    await db
      .insertInto('states')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('ags').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          seat: eb.ref('excluded.seat'),
          status_date: eb.ref('excluded.status_date'),
        })),
      )
      .execute();
  }
}

/** Inserts or replaces districts (by AGS). */
export async function upsertDistricts(db: DbOrTrx, rows: Insertable<DistrictsTable>[]): Promise<void> {
  for (const chunk of chunksFor(rows, 11)) {
    await db
      .insertInto('districts')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('ags').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          type_code: eb.ref('excluded.type_code'),
          seat: eb.ref('excluded.seat'),
          state_ags: eb.ref('excluded.state_ags'),
          area_ha: eb.ref('excluded.area_ha'),
          population: eb.ref('excluded.population'),
          population_male: eb.ref('excluded.population_male'),
          active: eb.ref('excluded.active'),
          status_date: eb.ref('excluded.status_date'),
        })),
      )
      .execute();
  }
}

/** Inserts or replaces municipal associations (by ARS). */
export async function upsertAssociations(db: DbOrTrx, rows: Insertable<AssociationsTable>[]): Promise<void> {
  for (const chunk of chunksFor(rows, 7)) {
    await db
      .insertInto('associations')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('ars').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          type_code: eb.ref('excluded.type_code'),
          seat: eb.ref('excluded.seat'),
          district_ags: eb.ref('excluded.district_ags'),
          active: eb.ref('excluded.active'),
          status_date: eb.ref('excluded.status_date'),
        })),
      )
      .execute();
  }
}

/** Inserts or replaces municipalities (by AGS); a replaced row's version goes up by one. */
export async function upsertMunicipalities(
  db: DbOrTrx,
  rows: Insertable<MunicipalitiesTable>[],
  onChunk?: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const chunk of chunksFor(rows, 13)) {
    await db
      .insertInto('municipalities')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('ags').doUpdateSet((eb) => ({
          ars: eb.ref('excluded.ars'),
          name: eb.ref('excluded.name'),
          type_code: eb.ref('excluded.type_code'),
          district_ags: eb.ref('excluded.district_ags'),
          association_ars: eb.ref('excluded.association_ars'),
          area_ha: eb.ref('excluded.area_ha'),
          population: eb.ref('excluded.population'),
          population_male: eb.ref('excluded.population_male'),
          postcode: eb.ref('excluded.postcode'),
          active: eb.ref('excluded.active'),
          status_date: eb.ref('excluded.status_date'),
          updated_at: eb.ref('excluded.updated_at'),
          version: sql<number>`municipalities.version + 1`,
        })),
      )
      .execute();
    done += chunk.length;
    onChunk?.(done);
  }
}

/** Marks municipalities inactive (merged or dissolved): the rows and their history stay. */
export async function deactivateMunicipalities(db: DbOrTrx, ags: string[], now: string): Promise<void> {
  for (const chunk of chunksFor(ags, 1)) {
    await db
      .updateTable('municipalities')
      .set({ active: 0, updated_at: now, version: sql<number>`version + 1` })
      .where('ags', 'in', chunk)
      .execute();
  }
}

export async function deactivateDistricts(db: DbOrTrx, ags: string[]): Promise<void> {
  for (const chunk of chunksFor(ags, 1)) await db.updateTable('districts').set({ active: 0 }).where('ags', 'in', chunk).execute();
}

export async function deactivateAssociations(db: DbOrTrx, ars: string[]): Promise<void> {
  for (const chunk of chunksFor(ars, 1)) await db.updateTable('associations').set({ active: 0 }).where('ars', 'in', chunk).execute();
}

/** Every district key with name and status, for checking imported references. */
export async function listDistrictKeys(db: DbOrTrx) {
  return db.selectFrom('districts').select(['ags', 'name', 'active', 'state_ags']).execute();
}

/** Districts with their directorate and number of active municipalities, by name. */
export async function listDistricts(db: DbOrTrx, f: { includeInactive: boolean; state?: string }) {
  let q = db
    .selectFrom('districts')
    .leftJoin('directorate_districts', 'directorate_districts.district_ags', 'districts.ags')
    .leftJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id')
    .select((eb) => [
      'districts.ags',
      'districts.name',
      'districts.type_code',
      'districts.seat',
      'districts.state_ags',
      'districts.area_ha',
      'districts.population',
      'districts.active',
      'districts.status_date',
      'directorate_districts.directorate_id',
      'police_directorates.name as directorate_name',
      eb
        .selectFrom('municipalities')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('municipalities.district_ags', '=', 'districts.ags')
        .where('municipalities.active', '=', 1)
        .as('municipality_count'),
    ]);
  if (!f.includeInactive) q = q.where('districts.active', '=', 1);
  if (f.state) q = q.where('districts.state_ags', '=', f.state);
  return q.orderBy('districts.name').orderBy('districts.ags').execute();
}

export async function insertDirectorate(db: DbOrTrx, name: string): Promise<number> {
  const { id } = await db.insertInto('police_directorates').values({ name }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Renames a directorate and counts the change in its version. */
export async function updateDirectorate(db: DbOrTrx, id: number, name: string): Promise<void> {
  await db
    .updateTable('police_directorates')
    .set({ name, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Removes every district link of the directorates. */
export async function deleteDirectorateLinks(db: DbOrTrx, directorateIds: number[]): Promise<void> {
  if (directorateIds.length) await db.deleteFrom('directorate_districts').where('directorate_id', 'in', directorateIds).execute();
}

export async function insertDirectorateLinks(db: DbOrTrx, links: { directorate_id: number; district_ags: string }[]): Promise<void> {
  for (const chunk of chunksFor(links, 2)) await db.insertInto('directorate_districts').values(chunk).execute();
}

/** The named areas (Ortsteile) of a municipality, in their order. */
export async function listNamedAreas(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('municipality_areas')
    .select(['position', 'name', 'population', 'description'])
    .where('ags', '=', ags)
    .orderBy('position')
    .execute();
}

/** Replaces the named areas of a municipality; positions follow the list order, from 1. */
export async function replaceNamedAreas(
  db: DbOrTrx,
  ags: string,
  areas: { name: string; population: number | null; description: string }[],
): Promise<void> {
  await db.deleteFrom('municipality_areas').where('ags', '=', ags).execute();
  if (areas.length)
    await db
      .insertInto('municipality_areas')
      .values(areas.map((a, i) => ({ ags, position: i + 1, name: a.name, population: a.population, description: a.description })))
      .execute();
}
