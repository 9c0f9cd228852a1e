import type { Role } from '../../shared/roles.ts';
import { hashPassword } from '../auth/password.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Insertable } from 'kysely';
import type { DistrictsTable, MunicipalitiesTable } from '../db/schema.ts';

let seq = 0;
const next = () => ++seq;
const NOW = '2026-01-01T00:00:00.000Z';
export const TEST_PASSWORD = 'correct horse battery staple';
let testHash: Promise<string> | undefined;

export async function buildDistrict(db: DbOrTrx, o: Partial<DistrictsTable> = {}) {
  const n = next();
  const row: DistrictsTable = {
    ags: o.ags ?? `14${String(500 + (n % 499)).padStart(3, '0')}`,
    name: `Landkreis ${n}`,
    type_code: '44',
    seat: null,
    state_ags: '14',
    area_ha: 100_000,
    population: 300_000,
    population_male: 148_000,
    active: 1,
    status_date: '2021-11-30',
    ...o,
  };
  await db
    .insertInto('districts')
    .values(row)
    .onConflict((oc) => oc.column('ags').doNothing())
    .execute();
  return row;
}

export async function buildMunicipality(db: DbOrTrx, o: Partial<Insertable<MunicipalitiesTable>> & { district_ags: string }) {
  const n = next();
  const ags = o.ags ?? `${o.district_ags}${String(n % 1000).padStart(3, '0')}`;
  const row = {
    ags,
    ars: `${ags.slice(0, 5)}0000${ags.slice(5)}`,
    name: `Gemeinde ${n}`,
    type_code: '64',
    association_ars: null,
    area_ha: 5000,
    population: 4000 + n,
    population_male: 2000,
    postcode: '09000',
    active: 1,
    status_date: '2021-11-30',
    updated_at: NOW,
    ...o,
  };
  await db.insertInto('municipalities').values(row).execute();
  return row;
}

export async function buildDirectorate(db: DbOrTrx, name: string, districtAgs: string[]) {
  const { id } = await db.insertInto('police_directorates').values({ name }).returning('id').executeTakeFirstOrThrow();
  if (districtAgs.length)
    await db
      .insertInto('directorate_districts')
      .values(districtAgs.map((d) => ({ directorate_id: id, district_ags: d })))
      .execute();
  return { id, name };
}

export interface BuiltUser {
  id: number;
  email: string;
  role: Role;
}

/** Inserts an account with TEST_PASSWORD that need not change it. */
export async function buildUser(
  db: DbOrTrx,
  role: Role,
  o: { email?: string; communes?: string[]; directorateId?: number | null; mustChange?: boolean } = {},
): Promise<BuiltUser> {
  testHash ??= hashPassword(TEST_PASSWORD);
  const email = o.email ?? `${role}${next()}@example.org`;
  const { id } = await db
    .insertInto('users')
    .values({
      email,
      display_name: `${role} ${email}`,
      role,
      password_hash: await testHash,
      must_change_password: o.mustChange ? 1 : 0,
      oidc_subject: null,
      directorate_id: o.directorateId ?? null,
      active: 1,
      locale: 'de',
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.communes?.length)
    await db
      .insertInto('user_communes')
      .values(o.communes.map((ags) => ({ user_id: id, ags })))
      .execute();
  return { id, email, role };
}

/**
 * A synthetic directory for the demo: `districts` districts (14700, 14701, …), `municipalities`
 * municipalities spread over them in turn, and `directorates` police directorates sharing the
 * districts. Returns the districts' keys.
 */
export async function buildDemoDirectory(
  db: DbOrTrx,
  { districts: districtCount, municipalities, directorates = 0 }: { districts: number; municipalities: number; directorates?: number },
): Promise<string[]> {
  const districts: string[] = [];
  for (let d = 0; d < districtCount; d++) districts.push((await buildDistrict(db, { ags: `14${700 + d}`, name: `Kreis ${d}` })).ags);
  const rows = Array.from({ length: municipalities }, (_, i) => {
    const d = districts[i % districtCount]!;
    const n = 100 + Math.floor(i / districtCount);
    return {
      ags: `${d}${String(n).padStart(3, '0')}`,
      ars: `${d}00000${n}`,
      name: `Demogemeinde ${i}`,
      type_code: '64',
      district_ags: d,
      association_ars: null,
      area_ha: 1000,
      population: 5000,
      population_male: 2500,
      postcode: null,
      active: 1,
      status_date: '2021-11-30',
      updated_at: '2021-11-30T00:00:00Z',
    };
  });
  await db.insertInto('municipalities').values(rows).execute();
  for (let k = 0; k < directorates; k++)
    await buildDirectorate(
      db,
      `PD ${k}`,
      districts.filter((_, i) => i % directorates === k),
    );
  return districts;
}
