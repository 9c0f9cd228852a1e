/*
 * Builds the map payload's geometry: one TopoJSON topology with the objects `municipalities` and
 * `districts`, simplified and quantized (docs/decisions/004-map-geometry-simplification.md).
 * Neighbours share arcs, so simplification never opens gaps between them, and district outlines
 * derived from municipalities reuse the same arcs (topojson-client's mergeArcs).
 * Pure: features in, topology out.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon as TopoMultiPolygon,
  Objects,
  Polygon as TopoPolygon,
  Topology,
} from 'topojson-specification';
import type { BoundaryFeature } from './boundaries.parser.ts';

export interface MapTopologyOptions {
  /**
   * Points whose Visvalingam triangle is smaller than this (in square degrees) are dropped.
   * 3e-5 deg² is about two square pixels on a 1,000-pixel-wide map of a German state.
   */
  minWeight: number;
  /** Grid of the quantized coordinates per axis; 1e4 over a state is a step of some 30 m. */
  quantization: number;
}

export const DEFAULT_MAP_TOPOLOGY_OPTIONS: MapTopologyOptions = { minWeight: 3e-5, quantization: 1e4 };

export interface MapTopologyInput {
  municipalities: BoundaryFeature[];
  /** Imported district outlines; null derives them from the municipalities. */
  districts: BoundaryFeature[] | null;
  /** Names for derived districts, by 5-digit AGS (from the directory). */
  districtNames: ReadonlyMap<string, string>;
}

export interface MunicipalityShapeProperties {
  ags: string;
  name: string;
  districtAgs: string;
}

export interface DistrictShapeProperties {
  ags: string;
  name: string;
}

type Weighted = [number, number, number];

function collection<P>(features: BoundaryFeature[], props: (f: BoundaryFeature) => P): FeatureCollection<Polygon | MultiPolygon, P> {
  return {
    type: 'FeatureCollection',
    features: features.map((f): Feature<Polygon | MultiPolygon, P> => ({ type: 'Feature', properties: props(f), geometry: f.geometry })),
  };
}

/**
 * Visvalingam simplification can shrink a ring to its arc end points. Keeping each arc's most
 * important inner point (two for a closed arc, a ring of its own) keeps every ring a polygon.
 */
function protectRings(arcs: Weighted[][]): void {
  for (const arc of arcs) {
    const n = arc.length;
    if (n < 3) continue;
    const closed = arc[0]![0] === arc[n - 1]![0] && arc[0]![1] === arc[n - 1]![1];
    const inner = arc.slice(1, n - 1).sort((a, b) => b[2] - a[2]);
    for (const p of inner.slice(0, closed ? 2 : 1)) p[2] = Infinity;
  }
}

/** Builds the simplified, quantized topology of municipalities and districts. */
export function buildMapTopology(input: MapTopologyInput, options: MapTopologyOptions = DEFAULT_MAP_TOPOLOGY_OPTIONS): Topology {
  const objects: Record<string, FeatureCollection> = {
    municipalities: collection<MunicipalityShapeProperties>(input.municipalities, (f) => ({
      ags: f.ags,
      name: f.name,
      districtAgs: f.ags.slice(0, 5),
    })),
  };
  if (input.districts) objects.districts = collection<DistrictShapeProperties>(input.districts, (f) => ({ ags: f.ags, name: f.name }));

  const built = topology(objects) as Topology<Objects>;
  const pre = presimplify(built);
  protectRings(pre.arcs as unknown as Weighted[][]);
  const simple = simplify(pre, options.minWeight);

  if (!input.districts) {
    const groups = new Map<string, GeometryObject[]>();
    for (const g of (simple.objects.municipalities as GeometryCollection<MunicipalityShapeProperties>).geometries) {
      const key = (g.properties as MunicipalityShapeProperties).districtAgs;
      const list = groups.get(key) ?? [];
      list.push(g as GeometryObject);
      groups.set(key, list);
    }
    simple.objects.districts = {
      type: 'GeometryCollection',
      geometries: [...groups]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([ags, geoms]) => ({
          ...mergeArcs(simple, geoms as Array<TopoPolygon | TopoMultiPolygon>),
          properties: { ags, name: input.districtNames.get(ags) ?? ags } satisfies DistrictShapeProperties,
        })),
    } as GeometryCollection<DistrictShapeProperties>;
  }
  // Integer deltas on a grid instead of decimal degrees: after shared arcs, the largest saving.
  return quantize(simple, options.quantization);
}
