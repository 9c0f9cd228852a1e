import { sql, type Insertable, type Selectable } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { whereInScope } from '../../auth/access.ts';
import { chunksFor } from '../../db/bulk.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { CrimeDistrictFiguresTable, CrimeImportsTable, CrimeMunicipalityFiguresTable } from '../../db/schema.ts';

/** Queries of the police crime statistics; rows only, no rules. */

export type DistrictFigureRow = Selectable<CrimeDistrictFiguresTable>;
export type MunicipalityFigureRow = Selectable<CrimeMunicipalityFiguresTable>;

export async function insertImport(db: DbOrTrx, row: Insertable<CrimeImportsTable>): Promise<number> {
  const { id } = await db.insertInto('crime_imports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The latest district import of a year with its row count. */
export async function findDistrictYear(db: DbOrTrx, year: number) {
  const n = await db
    .selectFrom('crime_district_figures')
    .where('year', '=', year)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('crime_imports')
    .where('level', '=', 'district')
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .select(['source', 'imported_at'])
    .executeTakeFirst();
  return { rows: Number(n.n), source: last?.source ?? null, importedAt: last?.imported_at ?? null };
}

export async function deleteDistrictYear(db: DbOrTrx, year: number): Promise<void> {
  await db.deleteFrom('crime_district_figures').where('year', '=', year).execute();
}

export async function insertDistrictFigures(db: DbOrTrx, rows: Insertable<CrimeDistrictFiguresTable>[]): Promise<void> {
  for (const chunk of chunksFor(rows, 16, 1000)) await db.insertInto('crime_district_figures').values(chunk).execute();
}

export async function listOffences(db: DbOrTrx) {
  return db.selectFrom('crime_offences').select(['key', 'name', 'summary', 'version']).orderBy('key').execute();
}

export async function findOffence(db: DbOrTrx, key: string) {
  return db.selectFrom('crime_offences').where('key', '=', key).select(['key', 'name', 'summary', 'version']).executeTakeFirst();
}

/** Raises the version of an offence key if it still matches; false when it was changed meanwhile. */
export async function bumpOffenceVersion(db: DbOrTrx, key: string, version: number): Promise<boolean> {
  const r = await db
    .updateTable('crime_offences')
    .set({ version: version + 1 })
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds new keys, renames known ones (names come from the latest file). */
export async function upsertOffences(db: DbOrTrx, rows: { key: string; name: string; summary: number }[]): Promise<void> {
  for (const chunk of chunksFor(rows, 3, 500)) {
    await db
      .insertInto('crime_offences')
      .values(chunk)
      .onConflict((oc) => oc.column('key').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
      .execute();
  }
}

export async function listFieldsOfAction(db: DbOrTrx) {
  return db
    .selectFrom('fields_of_action')
    .where('active', '=', 1)
    .select(['id', 'code', 'name', 'name_en', 'position'])
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function insertFieldOfAction(db: DbOrTrx, f: { code: string; name: string; name_en: string }) {
  const max = await db
    .selectFrom('fields_of_action')
    .select((eb) => eb.fn.max('position').as('m'))
    .executeTakeFirst();
  const { id } = await db
    .insertInto('fields_of_action')
    .values({ ...f, position: Number(max?.m ?? 0) + 1, active: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findFieldOfActionByCode(db: DbOrTrx, code: string) {
  return db.selectFrom('fields_of_action').where('code', '=', code).select(['id']).executeTakeFirst();
}

export async function listOffenceFields(db: DbOrTrx) {
  return db
    .selectFrom('crime_offence_fields')
    .innerJoin('fields_of_action', 'fields_of_action.id', 'crime_offence_fields.field_id')
    .select(['crime_offence_fields.offence_key', 'fields_of_action.id', 'fields_of_action.code', 'fields_of_action.name'])
    .orderBy('fields_of_action.position')
    .execute();
}

export async function replaceOffenceFields(db: DbOrTrx, key: string, fieldIds: number[]): Promise<void> {
  await db.deleteFrom('crime_offence_fields').where('offence_key', '=', key).execute();
  if (fieldIds.length)
    await db
      .insertInto('crime_offence_fields')
      .values(fieldIds.map((field_id) => ({ offence_key: key, field_id })))
      .execute();
}

/** District rows of one offence key from a year on (all districts). */
export async function listDistrictFigures(db: DbOrTrx, offenceKey: string, fromYear: number, toYear: number) {
  return db
    .selectFrom('crime_district_figures')
    .where('offence_key', '=', offenceKey)
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .select([
      'year',
      'district_ags',
      'district_name',
      'district_type',
      'cases',
      'hz',
      'cleared',
      'clearance_rate',
      'suspects',
      'population',
    ])
    .execute();
}

/** Every key of one district in one year. */
export async function listDistrictOffences(db: DbOrTrx, districtAgs: string, years: number[]) {
  if (!years.length) return [];
  return db
    .selectFrom('crime_district_figures')
    .where('district_ags', '=', districtAgs)
    .where('year', 'in', years)
    .select(['year', 'offence_key', 'cases', 'hz', 'clearance_rate'])
    .execute();
}

/** The newest import run's id: changes with every import, so it keys caches of derived figures. */
export async function findImportGeneration(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('crime_imports')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** Years with district figures, from the (small) table of import runs rather than a scan of the figures. */
export async function listImportedDistrictYears(db: DbOrTrx): Promise<number[]> {
  const rows = await db.selectFrom('crime_imports').where('level', '=', 'district').select('year').distinct().orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function listDistrictYears(db: DbOrTrx) {
  return db
    .selectFrom('crime_district_figures')
    .select(['year', (eb) => eb.fn.countAll<number>().as('rows'), (eb) => eb.fn.count<number>('district_ags').distinct().as('districts')])
    .groupBy('year')
    .orderBy('year')
    .execute();
}

export async function listMunicipalityYears(db: DbOrTrx) {
  return db
    .selectFrom('crime_municipality_figures')
    .innerJoin('crime_imports', 'crime_imports.id', 'crime_municipality_figures.import_id')
    .select([
      'crime_municipality_figures.year',
      (eb) => eb.fn.countAll<number>().as('rows'),
      (eb) => eb.fn.count<number>('crime_municipality_figures.ags').distinct().as('municipalities'),
      (eb) => eb.fn.max('crime_imports.demo').as('demo'),
    ])
    .groupBy('crime_municipality_figures.year')
    .orderBy('crime_municipality_figures.year')
    .execute();
}

export async function findDistrictName(db: DbOrTrx, ags: string) {
  const dir = await db.selectFrom('districts').where('ags', '=', ags).select(['name', 'population']).executeTakeFirst();
  if (dir) return { name: dir.name, inDirectory: true, population: dir.population };
  const fig = await db
    .selectFrom('crime_district_figures')
    .where('district_ags', '=', ags)
    .select('district_name')
    .orderBy('year', 'desc')
    .executeTakeFirst();
  return fig ? { name: fig.district_name, inDirectory: false, population: null } : null;
}

export async function listDirectoryDistricts(db: DbOrTrx) {
  return db.selectFrom('districts').select(['ags', 'name', 'population']).execute();
}

/** Municipality figures of one key from a year on, with municipality and import data (unscoped: ranks need all). */
export async function listMunicipalityFigures(
  db: DbOrTrx,
  offenceKey: string,
  fromYear: number,
  toYear: number,
  filter: { ags?: string; districtAgs?: string } = {},
) {
  let q = db
    .selectFrom('crime_municipality_figures')
    .innerJoin('municipalities', 'municipalities.ags', 'crime_municipality_figures.ags')
    .innerJoin('crime_imports', 'crime_imports.id', 'crime_municipality_figures.import_id')
    .leftJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .where('crime_municipality_figures.offence_key', '=', offenceKey)
    .where('crime_municipality_figures.year', '>=', fromYear)
    .where('crime_municipality_figures.year', '<=', toYear)
    .select([
      'crime_municipality_figures.year',
      'crime_municipality_figures.ags',
      'crime_municipality_figures.cases',
      'crime_municipality_figures.cleared',
      'crime_municipality_figures.suspects',
      'crime_municipality_figures.population as file_population',
      'municipalities.name',
      'municipalities.district_ags',
      'municipalities.population as directory_population',
      'districts.name as district_name',
      'crime_imports.demo',
      'crime_imports.source_label',
    ]);
  if (filter.ags) q = q.where('crime_municipality_figures.ags', '=', filter.ags);
  if (filter.districtAgs) q = q.where('municipalities.district_ags', '=', filter.districtAgs);
  return q.execute();
}

/** Every key of one municipality in the given years. */
export async function listMunicipalityOffences(db: DbOrTrx, ags: string, years: number[]) {
  if (!years.length) return [];
  return db
    .selectFrom('crime_municipality_figures')
    .innerJoin('municipalities', 'municipalities.ags', 'crime_municipality_figures.ags')
    .innerJoin('crime_imports', 'crime_imports.id', 'crime_municipality_figures.import_id')
    .where('crime_municipality_figures.ags', '=', ags)
    .where('crime_municipality_figures.year', 'in', years)
    .select([
      'crime_municipality_figures.year',
      'crime_municipality_figures.offence_key',
      'crime_municipality_figures.cases',
      'crime_municipality_figures.cleared',
      'crime_municipality_figures.population as file_population',
      'municipalities.population as directory_population',
      'crime_imports.demo',
      'crime_imports.source_label',
    ])
    .execute();
}

/** The latest year with figures of one municipality (any key). */
export async function findLatestMunicipalityYear(db: DbOrTrx, ags: string): Promise<number | null> {
  const r = await db
    .selectFrom('crime_municipality_figures')
    .where('ags', '=', ags)
    .select((eb) => eb.fn.max('year').as('year'))
    .executeTakeFirst();
  return r?.year === null || r?.year === undefined ? null : Number(r.year);
}

/** AGS of the municipalities the principal may see (row scope). */
export async function listVisibleMunicipalityAgs(db: DbOrTrx, principal: Principal): Promise<Set<string>> {
  const rows = await whereInScope(db.selectFrom('municipalities').select('municipalities.ags'), principal, 'municipalities.ags', {
    district: 'municipalities.district_ags',
  }).execute();
  return new Set(rows.map((r) => r.ags));
}

export async function findMunicipality(db: DbOrTrx, ags: string) {
  return db
    .selectFrom('municipalities')
    .leftJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .where('municipalities.ags', '=', ags)
    .select([
      'municipalities.ags',
      'municipalities.name',
      'municipalities.district_ags',
      'municipalities.population',
      'districts.name as district_name',
    ])
    .executeTakeFirst();
}

export async function listActiveMunicipalities(db: DbOrTrx) {
  return db.selectFrom('municipalities').where('active', '=', 1).select(['ags', 'name', 'district_ags', 'population']).execute();
}

/** Deletes municipality figures of the years that came from the same source, or from the demo. */
export async function deleteMunicipalityYears(db: DbOrTrx, years: number[], sourceLabel: string): Promise<number> {
  if (!years.length) return 0;
  const r = await db
    .deleteFrom('crime_municipality_figures')
    .where('year', 'in', years)
    .where(
      'import_id',
      'in',
      db
        .selectFrom('crime_imports')
        .select('id')
        .where('level', '=', 'municipality')
        .where((eb) => eb.or([eb('source_label', '=', sourceLabel), eb('demo', '=', 1)])),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteDemoMunicipalityFigures(db: DbOrTrx): Promise<number> {
  const r = await db
    .deleteFrom('crime_municipality_figures')
    .where('import_id', 'in', db.selectFrom('crime_imports').select('id').where('demo', '=', 1))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Keys already stored for other sources (a collision the import refuses). */
export async function listMunicipalityKeys(db: DbOrTrx, years: number[]) {
  if (!years.length) return [];
  return db.selectFrom('crime_municipality_figures').where('year', 'in', years).select(['year', 'offence_key', 'ags']).execute();
}

export async function insertMunicipalityFigures(db: DbOrTrx, rows: Insertable<CrimeMunicipalityFiguresTable>[]): Promise<void> {
  for (const chunk of chunksFor(rows, 8, 1000)) await db.insertInto('crime_municipality_figures').values(chunk).execute();
}

export async function listImports(db: DbOrTrx) {
  return db.selectFrom('crime_imports').selectAll().orderBy('id', 'desc').limit(500).execute();
}

export async function listMappings(db: DbOrTrx) {
  return db.selectFrom('crime_import_mappings').selectAll().orderBy('name').execute();
}

export async function findMapping(db: DbOrTrx, id: number) {
  return db.selectFrom('crime_import_mappings').where('id', '=', id).selectAll().executeTakeFirst();
}

export async function findMappingByName(db: DbOrTrx, name: string) {
  return db
    .selectFrom('crime_import_mappings')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .select('id')
    .executeTakeFirst();
}

export async function insertMapping(db: DbOrTrx, name: string, json: string, now: string): Promise<number> {
  const { id } = await db
    .insertInto('crime_import_mappings')
    .values({ name, mapping_json: json, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates a mapping if its version still matches; returns false when it was changed meanwhile. */
export async function updateMapping(db: DbOrTrx, id: number, version: number, name: string, json: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('crime_import_mappings')
    .set({ name, mapping_json: json, updated_at: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
