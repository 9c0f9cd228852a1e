/*
 * Map payload for Saxony: raw and gzipped bytes of what GET /api/map/municipalities serves,
 * against the unsimplified source GeoJSON as baseline (and the topology without simplification,
 * to separate the effect of shared arcs and quantization from that of simplification).
 * Target: at most 300 KB gzipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseBoundaries } from '../src/server/modules/territory/boundaries.parser.ts';
import { buildMapPayload } from '../src/server/modules/territory/boundaries.service.ts';
import { DEFAULT_MAP_TOPOLOGY_OPTIONS } from '../src/server/modules/territory/map-topology.ts';
import { REAL_FILES, SHARED_DATA_DIR } from '../src/server/test/shared-data.ts';

const TARGET_GZIP_BYTES = 300 * 1024;

const gzip = (s: string | Buffer) => zlib.gzipSync(s, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

export default async function mapPayloadBench(): Promise<void> {
  const file = path.resolve(SHARED_DATA_DIR, REAL_FILES.municipalityBoundaries);
  if (!fs.existsSync(file)) {
    process.stdout.write(`skipped: ${file} is missing (see ../shared/data/README.md)\n`);
    return;
  }
  const raw = fs.readFileSync(file);
  const features = parseBoundaries(raw, 'municipalities');
  const input = {
    municipalities: features,
    districts: [],
    districtNames: new Map<string, string>(),
    sources: { municipalities: path.basename(file), districts: null },
  };
  const t = performance.now();
  const served = buildMapPayload(input);
  const ms = performance.now() - t;
  const unsimplified = buildMapPayload(input, { ...DEFAULT_MAP_TOPOLOGY_OPTIONS, minWeight: 0 });
  const count = (json: string) => (JSON.parse(json) as { topology: { arcs: unknown[][] } }).topology.arcs.reduce((n, a) => n + a.length, 0);

  process.stdout.write(`Saxony, ${features.length} municipalities + derived district outlines (${path.basename(file)})\n`);
  process.stdout.write(`                                          raw        gzip     points\n`);
  process.stdout.write(`  baseline: source GeoJSON (unsimplified) ${kb(raw.length)} ${kb(gzip(raw))}\n`);
  process.stdout.write(
    `  TopoJSON, quantized, not simplified     ${kb(Buffer.byteLength(unsimplified.json))} ${kb(unsimplified.gzipBytes)}  ${count(unsimplified.json)}\n`,
  );
  process.stdout.write(
    `  served payload (simplified, quantized)  ${kb(Buffer.byteLength(served.json))} ${kb(served.gzipBytes)}  ${count(served.json)}\n`,
  );
  process.stdout.write(
    `  built in ${ms.toFixed(0)} ms; target ≤ ${TARGET_GZIP_BYTES / 1024} KB gzipped: ${served.gzipBytes <= TARGET_GZIP_BYTES ? 'met' : 'MISSED'}\n`,
  );
}
