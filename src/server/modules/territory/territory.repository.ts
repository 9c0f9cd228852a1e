import { sql } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { scopeMunicipalities } from '../../auth/scope.ts';
import type { DbOrTrx } from '../../db/database.ts';
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

export async function findDirectorateByName(db: DbOrTrx, name: string) {
  return db.selectFrom('police_directorates').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function listDirectoratesWithDistricts(db: DbOrTrx) {
  const dirs = await db.selectFrom('police_directorates').selectAll().orderBy('name').execute();
  const links = await db.selectFrom('directorate_districts')
    .leftJoin('districts', 'districts.ags', 'directorate_districts.district_ags')
    .select(['directorate_districts.directorate_id', 'directorate_districts.district_ags', 'districts.name'])
    .orderBy('directorate_districts.district_ags').execute();
  return dirs.map((d) => ({
    ...d,
    districts: links.filter((l) => l.directorate_id === d.id).map((l) => ({ ags: l.district_ags, name: l.name ?? l.district_ags })),
  }));
}

const SORTS = { name: 'municipalities.name', ags: 'municipalities.ags', population: 'municipalities.population', district: 'districts.name' } as const;

/** Lists the municipalities the principal may see, filtered, sorted and paged. */
export async function listMunicipalities(db: DbOrTrx, principal: Principal, f: ListMunicipalitiesQuery) {
  let q = scopeMunicipalities(
    db.selectFrom('municipalities')
      .innerJoin('districts', 'districts.ags', 'municipalities.district_ags')
      .leftJoin('directorate_districts', 'directorate_districts.district_ags', 'municipalities.district_ags')
      .leftJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id'),
    principal,
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
  // One round trip: the page and the total count (window function, in SQLite and PostgreSQL).
  const rows = await q.select([
    'municipalities.ags', 'municipalities.ars', 'municipalities.name', 'municipalities.type_code', 'municipalities.district_ags',
    'districts.name as district_name', 'directorate_districts.directorate_id', 'police_directorates.name as directorate_name',
    'municipalities.population', 'municipalities.area_ha', 'municipalities.postcode', 'municipalities.active',
    sql<number>`count(*) over ()`.as('total_count'),
  ]).orderBy(SORTS[f.sort], f.order).orderBy('municipalities.ags').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const total = rows.length ? Number(rows[0]!.total_count)
    : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}
