/*
 * Boundaries: import of municipality or district outlines (GeoJSON) and the map payload built from
 * them on import, so that GET /api/map/municipalities is one row read with a strong ETag.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { ATTRIBUTION_LINKS, MAP_ATTRIBUTION } from '../../../shared/attribution.ts';
import type { BoundariesReport, MapPayload } from '../../../shared/territory-import.schema.ts';
import { IMPORT_REPORT_LIST_MAX } from '../../../shared/territory-import.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { type ImportSource, unwrapZip } from '../../lib/import-source.ts';
import { recordAudit } from '../audit/index.ts';
import { type BoundaryFeature, type BoundaryLevel, parseBoundaries } from './boundaries.parser.ts';
import * as repo from './boundaries.repository.ts';
import { ImportFileError, importProblem } from './import-issues.ts';
import { buildMapTopology, DEFAULT_MAP_TOPOLOGY_OPTIONS, type MapTopologyOptions } from './map-topology.ts';
import { listDistrictKeys } from './territory.repository.ts';
import type { ImportOptions } from './territory-import.service.ts';
import { nowIso } from '../../../shared/time.ts';

/** The key of the one map payload: municipalities with district outlines. */
export const MAP_PAYLOAD_KEY = 'municipalities';

export interface BuiltPayload {
  districtOutlines: MapPayload['districtOutlines'];
  json: string;
  etag: string;
  gzipBytes: number;
}

function featuresOf(rows: { ags: string; name: string; geometry_json: string }[]): BoundaryFeature[] {
  return rows.map((r) => ({ ags: r.ags, name: r.name, geometry: JSON.parse(r.geometry_json) as BoundaryFeature['geometry'] }));
}

/** Builds the map payload (JSON text and strong ETag) from both levels' boundaries. */
export function buildMapPayload(
  input: {
    municipalities: BoundaryFeature[];
    districts: BoundaryFeature[];
    districtNames: ReadonlyMap<string, string>;
    sources: MapPayload['sources'];
  },
  options: MapTopologyOptions = DEFAULT_MAP_TOPOLOGY_OPTIONS,
): BuiltPayload {
  const outlines: MapPayload['districtOutlines'] = input.districts.length ? 'imported' : input.municipalities.length ? 'derived' : 'none';
  const topology = buildMapTopology(
    {
      municipalities: input.municipalities,
      districts: input.districts.length ? input.districts : null,
      districtNames: input.districtNames,
    },
    options,
  );
  const payload: MapPayload = {
    attribution: [...MAP_ATTRIBUTION],
    attributionLinks: { ...ATTRIBUTION_LINKS },
    sources: input.sources,
    districtOutlines: outlines,
    topology: topology as unknown as MapPayload['topology'],
  };
  const json = JSON.stringify(payload);
  const etag = `"${crypto.createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  return { districtOutlines: outlines, json, etag, gzipBytes: zlib.gzipSync(json, { level: 9 }).length };
}

/**
 * Imports the boundaries of one level. The file is the level's whole set: keys it lacks are
 * removed. Reports which directory entries have no boundary and which boundaries match no entry,
 * and rebuilds the map payload when anything changed.
 */
export async function importBoundaries(
  db: DbOrTrx,
  actor: Actor,
  source: ImportSource,
  opts: ImportOptions & { level: BoundaryLevel },
): Promise<BoundariesReport> {
  const file = unwrapZip(source, /\.(geo)?json$/i, { maxBytes: opts.maxBytes });
  let features: BoundaryFeature[];
  try {
    features = parseBoundaries(file.data, opts.level);
  } catch (err) {
    if (err instanceof ImportFileError) throw importProblem(err);
    throw err;
  }
  const progress = opts.progress;
  progress?.start(4, `Grenzen (${opts.level})`);

  const otherLevel: BoundaryLevel = opts.level === 'municipalities' ? 'districts' : 'municipalities';
  const [storedRows, otherRows, districtKeys] = await Promise.all([
    repo.listBoundaries(db, opts.level),
    repo.listBoundaries(db, otherLevel),
    listDistrictKeys(db),
  ]);
  const byAgs = new Map(storedRows.map((r) => [r.ags, r]));
  const now = nowIso();
  const write: { level: string; ags: string; name: string; geometry_json: string; source: string; imported_at: string }[] = [];
  let added = 0;
  let updated = 0;
  for (const f of features) {
    const geometry = JSON.stringify(f.geometry);
    const old = byAgs.get(f.ags);
    if (old && old.geometry_json === geometry && old.name === f.name) continue;
    if (old) updated++;
    else added++;
    write.push({ level: opts.level, ags: f.ags, name: f.name, geometry_json: geometry, source: file.name, imported_at: now });
  }
  const inFile = new Set(features.map((f) => f.ags));
  const removed = storedRows.filter((r) => !inFile.has(r.ags)).map((r) => r.ags);
  progress?.update(1);

  // Coverage against the directory, within the states the file covers.
  const states = [...new Set(features.map((f) => f.ags.slice(0, 2)))];
  const directory = await repo.listActiveKeys(db, opts.level, states);
  const directoryKeys = new Set(directory.map((d) => d.ags));
  const missingBoundaries = directory.filter((d) => !inFile.has(d.ags));
  const unmatchedBoundaries = features.filter((f) => !directoryKeys.has(f.ags)).map((f) => ({ ags: f.ags, name: f.name }));

  const geometryChanged = write.length + removed.length > 0;
  const sourceOf = (rows: { source: string }[]) => rows[0]?.source ?? null;
  const levelSource = geometryChanged ? file.name : sourceOf(storedRows);
  const payload = buildMapPayload({
    municipalities: opts.level === 'municipalities' ? features : featuresOf(otherRows),
    districts: opts.level === 'districts' ? features : featuresOf(otherRows),
    districtNames: new Map(districtKeys.map((d) => [d.ags, d.name])),
    sources:
      opts.level === 'municipalities'
        ? { municipalities: levelSource, districts: sourceOf(otherRows) }
        : { municipalities: sourceOf(otherRows), districts: levelSource },
  });
  progress?.update(2);
  const current = await repo.findMapPayloadTag(db, MAP_PAYLOAD_KEY);
  const payloadChanged = current?.etag !== payload.etag;

  const report: BoundariesReport = {
    kind: 'boundaries',
    dryRun: opts.dryRun,
    changed: geometryChanged || payloadChanged,
    source: file.name,
    level: opts.level,
    features: features.length,
    added,
    updated,
    removed: removed.length,
    matched: features.length - unmatchedBoundaries.length,
    missingBoundaries: missingBoundaries.slice(0, IMPORT_REPORT_LIST_MAX),
    unmatchedBoundaries: unmatchedBoundaries.slice(0, IMPORT_REPORT_LIST_MAX),
    districtOutlines: payload.districtOutlines,
    payloadBytes: Buffer.byteLength(payload.json),
    payloadGzipBytes: payload.gzipBytes,
  };
  if (opts.dryRun || !report.changed) {
    progress?.stop();
    return report;
  }

  await repo.deleteBoundaries(db, opts.level, removed);
  await repo.upsertBoundaries(db, write);
  progress?.update(3);
  await repo.saveMapPayload(db, { key: MAP_PAYLOAD_KEY, payload_json: payload.json, etag: payload.etag, updated_at: now });
  progress?.update(4);
  progress?.stop();
  await recordAudit(db, actor, {
    action: 'territory.import.boundaries',
    entityType: 'territory',
    entityId: `boundaries:${opts.level}`,
    after: {
      source: file.name,
      level: opts.level,
      features: features.length,
      added,
      updated,
      removed: removed.length,
      missingBoundaries: missingBoundaries.slice(0, 50),
      unmatchedBoundaries: unmatchedBoundaries.slice(0, 50),
      etag: payload.etag,
    },
  });
  return report;
}

/** A served map payload: JSON, its gzip encoding and the ETag. */
export interface MapResponse {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

// One entry: the payload changes only on import, and every request would otherwise gzip 100 KB.
let cache: MapResponse | null = null;

/** The precomputed map payload, or null before any boundaries were imported. */
export async function getMapPayload(db: DbOrTrx): Promise<MapResponse | null> {
  const tag = await repo.findMapPayloadTag(db, MAP_PAYLOAD_KEY);
  if (!tag) return null;
  if (cache?.etag === tag.etag) return cache;
  const row = await repo.findMapPayload(db, MAP_PAYLOAD_KEY);
  if (!row) return null;
  const json = Buffer.from(row.payload_json, 'utf8');
  cache = { etag: row.etag, json, gzip: zlib.gzipSync(json, { level: 9 }) };
  return cache;
}
