/*
 * Parser of boundary files: a GeoJSON FeatureCollection in WGS84 (RFC 7946) whose features carry
 * the official key in `AGS` (or `ags`) and the name in `GEN` (or `name`), as BKG's VG5000/VG250 do.
 * Pure: bytes in, one Polygon/MultiPolygon per key out, or an ImportFileError.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { decodeText } from '../../lib/text-decode.ts';
import { BOUNDARY_LEVELS, type BoundaryLevel } from './boundary-levels.ts';
import { ImportFileError, IssueList } from './import-issues.ts';

export const BOUNDARIES_FORMAT = 'GeoJSON';
export { BOUNDARY_LEVELS, type BoundaryLevel };

/** Digits of the key per level: municipalities carry the 8-digit AGS, districts the 5-digit one. */
export const KEY_DIGITS: Record<BoundaryLevel, number> = { municipalities: 8, districts: 5 };

export interface BoundaryFeature {
  ags: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

const AGS_KEYS = ['AGS', 'ags', 'Ags'];
const NAME_KEYS = ['GEN', 'gen', 'name', 'NAME', 'Name'];

function pick(props: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (props[k] !== undefined && props[k] !== null) return props[k];
  return undefined;
}

/** Checks a ring: at least four positions of finite WGS84 longitude/latitude. Returns an error text or null. */
function ringProblem(ring: unknown): { de: string; en: string } | null {
  if (!Array.isArray(ring) || ring.length < 4)
    return { de: 'Ein Ring hat weniger als vier Punkte.', en: 'A ring has fewer than four positions.' };
  for (const p of ring as unknown[]) {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      return { de: 'Ein Punkt ist kein Koordinatenpaar.', en: 'A position is not a coordinate pair.' };
    }
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      return {
        de: `Koordinate [${p[0]}, ${p[1]}] ist keine geographische Länge/Breite (WGS84, EPSG:4326); bitte vorher umprojizieren.`,
        en: `Coordinate [${p[0]}, ${p[1]}] is not longitude/latitude (WGS84, EPSG:4326); reproject the file first.`,
      };
    }
  }
  return null;
}

function polygonsOf(geometry: unknown): { polygons: Position[][][] } | { problem: { de: string; en: string } } {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return { problem: { de: 'Geometrie fehlt.', en: 'Geometry is missing.' } };
  let polygons: unknown[];
  if (g.type === 'Polygon') polygons = [g.coordinates];
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
  else
    return {
      problem: {
        de: `Geometrietyp ${String(g.type)} statt Polygon oder MultiPolygon.`,
        en: `Geometry type ${String(g.type)} instead of Polygon or MultiPolygon.`,
      },
    };
  for (const poly of polygons) {
    if (!Array.isArray(poly) || poly.length === 0)
      return { problem: { de: 'Ein Polygon hat keine Ringe.', en: 'A polygon has no rings.' } };
    for (const ring of poly) {
      const problem = ringProblem(ring);
      if (problem) return { problem };
    }
  }
  return { polygons: polygons as Position[][][] };
}

/** The 1-based line of a character offset, for JSON syntax errors. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses a boundary GeoJSON of one level. Several features with the same key (islands shipped
 * separately) become one MultiPolygon.
 */
export function parseBoundaries(bytes: Uint8Array, level: BoundaryLevel): BoundaryFeature[] {
  const { text } = decodeText(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    throw new ImportFileError(BOUNDARIES_FORMAT, [
      {
        line: pos ? lineAt(text, Number(pos[1])) : null,
        field: 'json',
        code: 'json_syntax',
        message: { de: `Kein gültiges JSON (${msg}).`, en: `Not valid JSON (${msg}).` },
      },
    ]);
  }
  const fc = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ImportFileError(BOUNDARIES_FORMAT, [
      {
        line: null,
        field: 'type',
        code: 'not_feature_collection',
        message: { de: 'Erwartet wird eine GeoJSON-FeatureCollection.', en: 'A GeoJSON FeatureCollection is expected.' },
      },
    ]);
  }
  const crs = fc.crs?.properties?.name;
  if (typeof crs === 'string' && !/(4326|CRS84)$/i.test(crs)) {
    throw new ImportFileError(BOUNDARIES_FORMAT, [
      {
        line: null,
        field: 'crs',
        code: 'wrong_crs',
        message: {
          de: `Koordinatensystem ${crs}; erwartet wird WGS84 (EPSG:4326).`,
          en: `Coordinate system ${crs}; WGS84 (EPSG:4326) is expected.`,
        },
      },
    ]);
  }
  const digits = KEY_DIGITS[level];
  const issues = new IssueList();
  const byAgs = new Map<string, { name: string; polygons: Position[][][] }>();
  const keyLengths = new Set<number>();
  (fc.features as unknown[]).forEach((f, i) => {
    if (issues.full) return;
    const feature = f as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    const at = `features[${i}]`;
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      issues.add({ line: null, field: at, code: 'not_feature', message: { de: 'Kein GeoJSON-Feature.', en: 'Not a GeoJSON feature.' } });
      return;
    }
    const props = (feature.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
    const rawAgs = pick(props, AGS_KEYS);
    const ags = typeof rawAgs === 'number' ? String(rawAgs).padStart(digits, '0') : typeof rawAgs === 'string' ? rawAgs.trim() : '';
    if (/^\d+$/.test(ags)) keyLengths.add(ags.length);
    if (!new RegExp(`^\\d{${digits}}$`).test(ags)) {
      issues.add({
        line: null,
        field: `${at}.properties.AGS`,
        code: 'invalid_ags',
        message: {
          de: `„${String(rawAgs ?? '')}“ ist kein ${digits}-stelliger Schlüssel.`,
          en: `"${String(rawAgs ?? '')}" is not a ${digits}-digit key.`,
        },
      });
      return;
    }
    const rawName = pick(props, NAME_KEYS);
    const name = typeof rawName === 'string' && rawName.trim() ? rawName.trim().slice(0, 200) : ags;
    const geo = polygonsOf(feature.geometry);
    if ('problem' in geo) {
      issues.add({
        line: null,
        field: `${at}.geometry`,
        code: 'invalid_geometry',
        message: { de: `${ags}: ${geo.problem.de}`, en: `${ags}: ${geo.problem.en}` },
      });
      return;
    }
    const prev = byAgs.get(ags);
    if (prev) prev.polygons.push(...geo.polygons);
    else byAgs.set(ags, { name, polygons: geo.polygons });
  });
  if (issues.items.length && keyLengths.size === 1) {
    const other = (Object.keys(KEY_DIGITS) as BoundaryLevel[]).find((l) => KEY_DIGITS[l] === [...keyLengths][0]);
    if (other && other !== level) {
      issues.items.unshift({
        line: null,
        field: 'level',
        code: 'wrong_level',
        message: {
          de: `Die Schlüssel passen zur Ebene „${other}“, nicht „${level}“.`,
          en: `The keys fit level "${other}", not "${level}".`,
        },
      });
    }
  }
  issues.throwIfAny(BOUNDARIES_FORMAT);
  if (byAgs.size === 0) {
    throw new ImportFileError(BOUNDARIES_FORMAT, [
      {
        line: null,
        field: 'features',
        code: 'empty',
        message: { de: 'Die Datei enthält keine Flächen.', en: 'The file holds no features.' },
      },
    ]);
  }
  return [...byAgs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ags, v]) => ({
      ags,
      name: v.name,
      geometry:
        v.polygons.length === 1 ? { type: 'Polygon', coordinates: v.polygons[0]! } : { type: 'MultiPolygon', coordinates: v.polygons },
    }));
}
