import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Polygon, MultiPolygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTION } from '../../../shared/attribution.ts';
import type { MapPayload } from '../../../shared/territory-import.schema.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { REAL_FILES, sharedDataFile } from '../../test/shared-data.ts';
import type { BoundaryLevel } from './boundaries.parser.ts';
import { importBoundaries } from './boundaries.service.ts';
import { importGv100ad } from './territory-import.service.ts';

const gv100adFile = sharedDataFile(REAL_FILES.gv100ad);
const municipalitiesFile = sharedDataFile(REAL_FILES.municipalityBoundaries);
const districtsFile = sharedDataFile(REAL_FILES.districtBoundaries);
const MAX_BYTES = 100 * 1_048_576;
/** The size target of the issue: Saxony's map payload at most 300 KB gzipped. */
const MAX_GZIP_BYTES = 300 * 1024;

function importLevel(ctx: TestContext, data: Buffer, level: BoundaryLevel, dryRun = false) {
  return ctx.db
    .transaction()
    .execute((trx) => importBoundaries(trx, SYSTEM_ACTOR, { name: `${level}.geojson`, data }, { level, dryRun, maxBytes: MAX_BYTES }));
}

async function state(db: Db) {
  const boundaries = await db
    .selectFrom('boundaries')
    .select(['level', 'ags', 'geometry_json', 'imported_at'])
    .orderBy('level')
    .orderBy('ags')
    .execute();
  const payload = await db.selectFrom('map_payloads').selectAll().execute();
  const audit = await db.selectFrom('audit_log').select('id').execute();
  return { boundaries, payload, audit: audit.length };
}

/** Every ring of every shape has at least four positions (simplification kept each polygon a polygon). */
function degenerateRings(topology: Topology, object: string): number {
  const fc = feature(topology, topology.objects[object] as GeometryCollection);
  let bad = 0;
  for (const f of fc.features) {
    const g = f.geometry as Polygon | MultiPolygon;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polygons) for (const ring of p) if (ring.length < 4) bad++;
  }
  return bad;
}

describe.skipIf(!gv100adFile || !municipalitiesFile || !districtsFile).each(DIALECTS)('boundaries and the map on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await ctx.db
      .transaction()
      .execute((trx) =>
        importGv100ad(
          trx,
          SYSTEM_ACTOR,
          { name: 'GV100AD_301121.ASC', data: fs.readFileSync(gv100adFile!) },
          { state: '14', dryRun: false, maxBytes: MAX_BYTES },
        ),
      );
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers 404 before any boundaries were imported', async () => {
    const res = await ctx.anonymous.get('/api/map/municipalities');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('matches every one of the 419 Saxon municipalities and keeps the gzipped payload within 300 KB', async () => {
    const report = await importLevel(ctx, fs.readFileSync(municipalitiesFile!), 'municipalities');
    expect(report).toMatchObject({
      changed: true,
      level: 'municipalities',
      features: 419,
      added: 419,
      updated: 0,
      removed: 0,
      matched: 419,
      missingBoundaries: [],
      unmatchedBoundaries: [],
      districtOutlines: 'derived',
    });
    expect(report.payloadGzipBytes).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    // Simplified and quantized: clearly smaller than the source file.
    expect(report.payloadBytes).toBeLessThan(fs.statSync(municipalitiesFile!).size);
    expect(await ctx.db.selectFrom('boundaries').select('ags').where('level', '=', 'municipalities').execute()).toHaveLength(419);
  });

  it('serves the map publicly as gzipped TopoJSON with attribution and a strong ETag', async () => {
    const res = await ctx.anonymous.get('/api/map/municipalities', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"[\w-]{32}"$/);
    expect(res.rawPayload.length).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    const payload = JSON.parse(zlib.gunzipSync(res.rawPayload).toString('utf8')) as MapPayload;
    expect(payload.attribution).toEqual([ATTRIBUTION.bkg, ATTRIBUTION.destatis]);
    expect(payload.attributionLinks[ATTRIBUTION.bkg]).toBe('https://www.bkg.bund.de');
    expect(payload.districtOutlines).toBe('derived');
    const topology = payload.topology as unknown as Topology;
    type Props = { ags: string; name: string; districtAgs?: string };
    const municipalities = (topology.objects.municipalities as GeometryCollection).geometries.map((g) => g.properties as Props);
    expect(municipalities).toHaveLength(419);
    expect(municipalities.find((p) => p.ags === '14625020')).toEqual({ ags: '14625020', name: 'Bautzen', districtAgs: '14625' });
    const districts = (topology.objects.districts as GeometryCollection).geometries.map((g) => g.properties as Props);
    expect(districts.map((p) => p.name)).toContain('Erzgebirgskreis');
    expect(districts).toHaveLength(13);
    expect(degenerateRings(topology, 'municipalities')).toBe(0);
    expect(degenerateRings(topology, 'districts')).toBe(0);

    const plain = await ctx.anonymous.get('/api/map/municipalities');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(payload);
    const notModified = await ctx.anonymous.get('/api/map/municipalities', { headers: { 'if-none-match': res.headers.etag as string } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await state(ctx.db);
    const again = await importLevel(ctx, fs.readFileSync(municipalitiesFile!), 'municipalities');
    expect(again).toMatchObject({ changed: false, added: 0, updated: 0, removed: 0, matched: 419 });
    expect(await state(ctx.db)).toEqual(before);
  });

  it('reports directory entries without boundary and boundaries without entry (dry run: nothing saved)', async () => {
    const doc = JSON.parse(fs.readFileSync(municipalitiesFile!, 'utf8')) as { features: { properties: { AGS: string; GEN: string } }[] };
    const removed = doc.features.splice(10, 1)[0]!;
    const renamedKey = doc.features[20]!.properties;
    const originalKey = renamedKey.AGS;
    renamedKey.AGS = '14999999';
    const before = await state(ctx.db);
    const report = await importLevel(ctx, Buffer.from(JSON.stringify(doc)), 'municipalities', true);
    expect(report).toMatchObject({ dryRun: true, changed: true, features: 418, matched: 417, added: 1, removed: 2 });
    expect(report.missingBoundaries.map((m) => m.ags).sort()).toEqual([removed.properties.AGS, originalKey].sort());
    expect(report.unmatchedBoundaries).toEqual([{ ags: '14999999', name: renamedKey.GEN }]);
    expect(await state(ctx.db)).toEqual(before);
  });

  it('takes imported district outlines instead of derived ones', async () => {
    const etag = (await ctx.anonymous.get('/api/map/municipalities')).headers.etag;
    const report = await importLevel(ctx, fs.readFileSync(districtsFile!), 'districts');
    expect(report).toMatchObject({
      changed: true,
      level: 'districts',
      features: 13,
      matched: 13,
      missingBoundaries: [],
      unmatchedBoundaries: [],
      districtOutlines: 'imported',
    });
    expect(report.payloadGzipBytes).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    const res = await ctx.anonymous.get('/api/map/municipalities');
    expect(res.headers.etag).not.toBe(etag);
    const payload = res.json() as MapPayload;
    expect(payload.districtOutlines).toBe('imported');
    expect(payload.sources).toEqual({ municipalities: 'municipalities.geojson', districts: 'districts.geojson' });
    expect((payload.topology.objects.districts as GeometryCollection).geometries).toHaveLength(13);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'territory.import.boundaries')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['boundaries:municipalities', 'boundaries:districts']);
  });

  it('refuses a file with a projected coordinate, naming the feature, and keeps everything', async () => {
    const doc = JSON.parse(fs.readFileSync(municipalitiesFile!, 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] };
    doc.features[5]!.geometry.coordinates[0]![0] = [4_580_000, 5_630_000];
    const before = await state(ctx.db);
    await expect(importLevel(ctx, Buffer.from(JSON.stringify(doc)), 'municipalities')).rejects.toMatchObject({
      status: 400,
      fieldErrors: [expect.objectContaining({ field: 'features[5].geometry', code: 'invalid_geometry' })],
    });
    expect(await state(ctx.db)).toEqual(before);
  });
});
