import type { Insertable } from 'kysely';
import { COMMITTED_STATUSES } from '../../../shared/funding.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { EffectComparisonsTable } from './effects.tables.ts';

/* The queries of the effects module: it reads the figures, interventions and fields of other modules' tables, and writes only its choices. */

export async function listMunicipalities(db: DbOrTrx) {
  return db.selectFrom('municipalities').where('active', '=', 1).select(['ags', 'name', 'district_ags', 'population']).execute();
}

export async function listDistricts(db: DbOrTrx) {
  return db.selectFrom('districts').where('active', '=', 1).select(['ags', 'name', 'type_code', 'population']).execute();
}

export async function listFields(db: DbOrTrx) {
  return db
    .selectFrom('fields_of_action')
    .where('active', '=', 1)
    .select(['id', 'code', 'name', 'name_en'])
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function listOffenceLinks(db: DbOrTrx) {
  return db
    .selectFrom('crime_offence_fields as l')
    .leftJoin('crime_offences as o', 'o.key', 'l.offence_key')
    .select(['l.field_id', 'l.offence_key', 'o.summary'])
    .execute();
}

export async function listMunicipalFigures(db: DbOrTrx, keys: string[]) {
  if (!keys.length) return [];
  return db
    .selectFrom('crime_municipality_figures')
    .where('offence_key', 'in', keys)
    .select(['ags', 'offence_key', 'year', 'cases'])
    .execute();
}

/** District figures of the districts in the directory (T01 holds every German district). */
export async function listDistrictFigures(db: DbOrTrx, keys: string[]) {
  if (!keys.length) return [];
  return db
    .selectFrom('crime_district_figures as f')
    .innerJoin('districts as d', 'd.ags', 'f.district_ags')
    .where('f.offence_key', 'in', keys)
    .select(['f.district_ags as ags', 'f.offence_key', 'f.year', 'f.cases'])
    .execute();
}

/** The first signed cooperation agreement of each municipality (active event): the start of its collaboration. */
export async function listAgreementStarts(db: DbOrTrx) {
  return db
    .selectFrom('alliance_events as e')
    .leftJoin('alliance_agreements as a', 'a.id', 'e.agreement_id')
    .where('e.type', '=', 'agreement_signed')
    .where('e.status', '=', 'active')
    .select(['e.id', 'e.ags', 'e.date', 'a.title', 'a.kind'])
    .orderBy('e.date')
    .orderBy('e.id')
    .execute();
}

export async function listCoachingStarts(db: DbOrTrx) {
  return db.selectFrom('coaching_processes').select(['id', 'ags', 'started_on']).orderBy('started_on').orderBy('id').execute();
}

/** Funded projects: a committed application in a field; the start is the project's, else the decision's day. */
export async function listFundedProjects(db: DbOrTrx) {
  return db
    .selectFrom('funding_applications as a')
    .innerJoin('funding_projects as p', 'p.id', 'a.project_id')
    .innerJoin('fields_of_action as f', 'f.id', 'a.field_id')
    .where('a.status', 'in', [...COMMITTED_STATUSES])
    .select(['p.id', 'p.ags', 'p.title', 'p.start_date', 'a.decided_at', 'f.code as field_code'])
    .orderBy('p.id')
    .execute();
}

export async function findProject(db: DbOrTrx, id: number) {
  return db.selectFrom('funding_projects').where('id', '=', id).select(['id', 'ags', 'title']).executeTakeFirst();
}

export async function listChoices(db: DbOrTrx) {
  return db.selectFrom('effect_comparisons').selectAll().execute();
}

export async function findChoice(db: DbOrTrx, kind: string, id: number, field: string) {
  return db
    .selectFrom('effect_comparisons')
    .where('intervention_kind', '=', kind)
    .where('intervention_id', '=', id)
    .where('field_code', '=', field)
    .selectAll()
    .executeTakeFirst();
}

export async function insertChoice(db: DbOrTrx, row: Insertable<EffectComparisonsTable>) {
  return db.insertInto('effect_comparisons').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Replaces a choice when its version is still `version`; undefined when it changed meanwhile. */
export async function updateChoice(
  db: DbOrTrx,
  id: number,
  version: number,
  values: Pick<EffectComparisonsTable, 'units_json' | 'reason' | 'chosen_by' | 'chosen_by_label' | 'chosen_at'>,
) {
  return db
    .updateTable('effect_comparisons')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a choice when its version is still `version`; false when it changed meanwhile. */
export async function deleteChoice(db: DbOrTrx, id: number, version: number): Promise<boolean> {
  const res = await db.deleteFrom('effect_comparisons').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function findSecurityAnalysis(db: DbOrTrx, id: number) {
  return db.selectFrom('security_analyses').where('id', '=', id).select(['id', 'ags', 'started_on', 'created_at']).executeTakeFirst();
}

/** The change counters of the effects' inputs (`settings` versions): one query on the primary key. */
export async function readCounters(db: DbOrTrx, keys: readonly string[]) {
  return db
    .selectFrom('settings')
    .where('key', 'in', [...keys])
    .select(['key', 'version'])
    .execute();
}
