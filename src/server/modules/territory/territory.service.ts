import { DIRECTORY_ATTRIBUTION } from '../../../shared/attribution.ts';
import type { Directorate, District, ListDistrictsQuery, ListMunicipalitiesQuery, Municipality } from '../../../shared/territory.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './territory.repository.ts';

/** The municipalities the principal may see, one page of them. */
export async function listMunicipalities(db: DbOrTrx, principal: Principal, q: ListMunicipalitiesQuery) {
  const { rows, total } = await repo.listMunicipalities(db, principal, q);
  const items: Municipality[] = rows.map((r) => ({
    ags: r.ags,
    ars: r.ars,
    name: r.name,
    typeCode: r.type_code,
    districtAgs: r.district_ags,
    districtName: r.district_name,
    directorateId: r.directorate_id ?? null,
    directorateName: r.directorate_name ?? null,
    population: r.population,
    areaHa: r.area_ha === null ? null : Number(r.area_ha),
    postcode: r.postcode,
    active: r.active === 1,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize, attribution: [...DIRECTORY_ATTRIBUTION] };
}

export async function listDirectorates(db: DbOrTrx): Promise<Directorate[]> {
  const rows = await repo.listDirectoratesWithDistricts(db);
  return rows.map((d) => ({ id: d.id, name: d.name, districts: d.districts, version: d.version }));
}

/** Districts (Kreise) with the police directorate covering each and their number of active municipalities. */
export async function listDistricts(db: DbOrTrx, q: ListDistrictsQuery): Promise<{ items: District[]; attribution: string[] }> {
  const rows = await repo.listDistricts(db, { includeInactive: q.includeInactive === 'true', state: q.state });
  const items = rows.map((r): District => ({
    ags: r.ags,
    name: r.name,
    typeCode: r.type_code,
    seat: r.seat,
    stateAgs: r.state_ags,
    population: r.population,
    areaHa: r.area_ha === null ? null : Number(r.area_ha),
    municipalityCount: Number(r.municipality_count ?? 0),
    directorateId: r.directorate_id ?? null,
    directorateName: r.directorate_name ?? null,
    active: r.active === 1,
    statusDate: r.status_date,
  }));
  return { items, attribution: [...DIRECTORY_ATTRIBUTION] };
}

/** Those of the given AGS that are not in the directory. */
export async function findMissingMunicipalities(db: DbOrTrx, ags: string[]): Promise<string[]> {
  return repo.findMissingMunicipalities(db, ags);
}

/** Whether the directory holds a municipality with this AGS. */
export async function municipalityExists(db: DbOrTrx, ags: string): Promise<boolean> {
  return (await repo.findMissingMunicipalities(db, [ags])).length === 0;
}

/** A police directorate by its id. */
export async function findDirectorateById(db: DbOrTrx, id: number) {
  return repo.findDirectorateById(db, id);
}

/** A police directorate by its full name ("Polizeidirektion Chemnitz") or short form ("Chemnitz"), ignoring case. */
export async function findDirectorateByName(db: DbOrTrx, name: string) {
  return repo.findDirectorateByName(db, name);
}

/** The districts a police directorate covers (its officers' scope). */
export async function listDistrictsOfDirectorate(db: DbOrTrx, directorateId: number): Promise<string[]> {
  return repo.listDistrictsOfDirectorate(db, directorateId);
}

/** A named area (Ortsteil) of a municipality; `position` (1, 2, …) orders them and codes them in the survey's area question. */
export interface NamedArea {
  position: number;
  name: string;
  population: number | null;
  description: string;
}

/** The named areas (Ortsteile) of a municipality, in their order (decision 037). */
export async function listNamedAreas(db: DbOrTrx, ags: string): Promise<NamedArea[]> {
  return repo.listNamedAreas(db, ags);
}

/** Replaces the named areas of a municipality. The caller checks the names and records the change in its audit entry. */
export async function replaceNamedAreas(
  db: DbOrTrx,
  ags: string,
  areas: { name: string; population: number | null; description: string }[],
): Promise<void> {
  await repo.replaceNamedAreas(db, ags, areas);
}
