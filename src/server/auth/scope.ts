import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from './principal.ts';

/*
 * Row scoping: the one place that says which municipalities a principal may see in detail.
 * Admin, LPR staff and the ministry see all (the ministry only through aggregate routes);
 * a coordinator sees its communes; police see the municipalities of their directorate's districts.
 */

/** Restricts any query that joins `municipalities` to the rows the principal may see. */
export function scopeMunicipalities<QB extends SelectQueryBuilder<Database, any, any>>(qb: QB, principal: Principal): QB {
  if (principal.role === 'coordinator') {
    return (principal.communes.length
      ? qb.where(sql.ref('municipalities.ags'), 'in', principal.communes)
      : qb.where(sql<boolean>`1 = 0`)) as QB;
  }
  if (principal.role === 'police') {
    return qb.where(sql.ref('municipalities.district_ags'), 'in',
      sql`(select district_ags from directorate_districts where directorate_id = ${principal.directorateId ?? -1})`) as QB;
  }
  return qb;
}

/** Whether a principal may see one municipality's full record (given its district). */
export function canSeeMunicipality(principal: Principal, m: { ags: string; district_ags: string }, directorateDistricts: readonly string[]): boolean {
  switch (principal.role) {
    case 'admin':
    case 'lpr':
      return true;
    case 'coordinator':
      return principal.communes.includes(m.ags);
    case 'police':
      return directorateDistricts.includes(m.district_ags);
    default:
      return false;
  }
}

/**
 * Everything `scopeMunicipalities` reads of a principal, as one string: two principals with the
 * same key see the same rows, so a cached answer may be shared between them and no one else.
 */
export function municipalityScopeKey(principal: Principal): string {
  if (principal.role === 'coordinator') return `coordinator:${[...principal.communes].sort().join(',')}`;
  if (principal.role === 'police') return `police:${principal.directorateId ?? -1}`;
  return 'all';
}
