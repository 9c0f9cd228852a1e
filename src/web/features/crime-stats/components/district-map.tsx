import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapPayload } from '../../../../shared/territory-import.schema.ts';

const WIDTH = 800;
const PAD = 6;

type AreaFeature = Feature<Polygon | MultiPolygon, { ags: string; name: string }>;

/** d3-geo reads a ring wound "the wrong way" as the rest of the globe: such a feature is turned around. */
function rewind(f: AreaFeature): AreaFeature {
  if (geoArea(f) <= 2 * Math.PI) return f;
  const flip = (rings: Position[][]) => rings.map((r) => [...r].reverse());
  const g = f.geometry;
  const geometry: Polygon | MultiPolygon =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: flip(g.coordinates) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map(flip) };
  return { ...f, geometry };
}

/** The district shapes of the map topology, projected once. */
function useDistrictShapes(payload: MapPayload) {
  return useMemo(() => {
    const topology = payload.topology as unknown as Topology;
    const object = topology.objects.districts as GeometryCollection | undefined;
    if (!object) return null;
    const fc = feature(topology, object) as unknown as FeatureCollection<Geometry, { ags: string; name: string }>;
    const features = fc.features
      .filter((f): f is AreaFeature => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
      .map(rewind);
    if (!features.length) return null;
    const collection: FeatureCollection<Polygon | MultiPolygon, { ags: string; name: string }> = { type: 'FeatureCollection', features };
    const projection = geoMercator().fitWidth(WIDTH - 2 * PAD, collection);
    const path = geoPath(projection);
    const [[, y0], [, y1]] = path.bounds(collection);
    projection.translate([projection.translate()[0] + PAD, projection.translate()[1] - y0 + PAD]);
    return { height: Math.ceil(y1 - y0 + 2 * PAD), shapes: features.map((f) => ({ ags: f.properties.ags, d: path(f) ?? '' })) };
  }, [payload]);
}

export interface DistrictStyle {
  fill: string;
  /** The colour class (0 = lowest), or "none" without figures; written to data-class. */
  category: string;
  title: string;
}

/**
 * A choropleth of the districts as plain SVG: one image with an accessible name and a description
 * (the page's text summary); the legend and the table beside it carry every value.
 */
export function DistrictMap(props: { payload: MapPayload; styleOf(ags: string): DistrictStyle; label: string; describedBy?: string }) {
  const shapes = useDistrictShapes(props.payload);
  if (!shapes) return null;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${shapes.height}`}
      role="img"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      className="crime-map"
      data-testid="crime-map"
    >
      {shapes.shapes.map((s) => {
        const style = props.styleOf(s.ags);
        return (
          <path
            key={s.ags}
            d={s.d}
            fill={style.fill}
            stroke="#343a40"
            strokeWidth={1}
            strokeLinejoin="round"
            data-ags={s.ags}
            data-class={style.category}
          >
            <title>{style.title}</title>
          </path>
        );
      })}
    </svg>
  );
}
