import type { Kysely } from 'kysely';

/*
 * Boundaries of municipalities and districts as imported (GeoJSON geometry, WGS84), and the map
 * payload precomputed from them on import (simplified TopoJSON), so that serving the map is a
 * single-row read with a stable ETag.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('boundaries')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('ags', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('boundaries_pk', ['level', 'ags'])
    .execute();

  await db.schema
    .createTable('map_payloads')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('map_payloads').execute();
  await db.schema.dropTable('boundaries').execute();
}
