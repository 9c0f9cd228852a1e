import type { Insertable } from 'kysely';
import { chunksFor } from '../../db/bulk.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { BoundariesTable } from '../../db/schema.ts';

/** Every stored boundary of a level (municipalities or districts). */
export async function listBoundaries(db: DbOrTrx, level: string) {
  return db.selectFrom('boundaries').selectAll().where('level', '=', level).orderBy('ags').execute();
}

/** Inserts or replaces boundaries (by level and AGS). */
export async function upsertBoundaries(db: DbOrTrx, rows: Insertable<BoundariesTable>[]): Promise<void> {
  // Geometries are large: fewer rows per statement keep each statement's text moderate.
  for (const chunk of chunksFor(rows, 6, 100)) {
    await db
      .insertInto('boundaries')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['level', 'ags']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          geometry_json: eb.ref('excluded.geometry_json'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}

export async function deleteBoundaries(db: DbOrTrx, level: string, ags: string[]): Promise<void> {
  for (const chunk of chunksFor(ags, 1)) await db.deleteFrom('boundaries').where('level', '=', level).where('ags', 'in', chunk).execute();
}

/** Keys of the active municipalities (8-digit AGS) or districts (5-digit) of the given states. */
export async function listActiveKeys(db: DbOrTrx, level: 'municipalities' | 'districts', states: string[]) {
  if (!states.length) return [];
  if (level === 'districts') {
    return db
      .selectFrom('districts')
      .select(['ags', 'name'])
      .where('active', '=', 1)
      .where('state_ags', 'in', states)
      .orderBy('ags')
      .execute();
  }
  return db
    .selectFrom('municipalities')
    .select(['ags', 'name'])
    .where('active', '=', 1)
    .where((eb) => eb.or(states.map((s) => eb('ags', 'like', `${s}%`))))
    .orderBy('ags')
    .execute();
}

export async function findMapPayloadTag(db: DbOrTrx, key: string) {
  return db.selectFrom('map_payloads').select(['etag']).where('key', '=', key).executeTakeFirst();
}

export async function findMapPayload(db: DbOrTrx, key: string) {
  return db.selectFrom('map_payloads').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveMapPayload(
  db: DbOrTrx,
  row: { key: string; payload_json: string; etag: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto('map_payloads')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        payload_json: eb.ref('excluded.payload_json'),
        etag: eb.ref('excluded.etag'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
