import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapPayload } from '../../../../shared/territory-import.schema.ts';

const WIDTH = 800;
const PAD = 6;

/** How one municipality is drawn: its fill, a data value for tests and styling, a tooltip. */
export interface ShapeStyle {
  fill: string;
  /** Written to data-category, e.g. the alliance status. */
  category: string;
  title: string;
}

interface Shape {
  key: string;
  d: string;
}

type AreaFeature = Feature<Polygon | MultiPolygon, { ags: string; name: string }>;

/**
 * d3-geo reads polygons on the sphere: a ring wound the "wrong" way encloses the rest of the globe.
 * GeoJSON files differ in winding, so a feature larger than a hemisphere is turned around.
 */
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

function collectionOf(topology: Topology, name: string): FeatureCollection<Polygon | MultiPolygon, { ags: string; name: string }> | null {
  const object = topology.objects[name] as GeometryCollection | undefined;
  if (!object) return null;
  const fc = feature(topology, object) as unknown as FeatureCollection<Geometry, { ags: string; name: string }>;
  const features = fc.features
    .filter((f): f is AreaFeature => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
    .map(rewind);
  return { type: 'FeatureCollection', features };
}

/** Projects the topology once: SVG paths of municipalities and district outlines, and the height. */
function useShapes(payload: MapPayload) {
  return useMemo(() => {
    const topology = payload.topology as unknown as Topology;
    const municipalities = collectionOf(topology, 'municipalities');
    const districts = collectionOf(topology, 'districts');
    if (!municipalities || municipalities.features.length === 0) return null;
    const projection = geoMercator().fitWidth(WIDTH - 2 * PAD, municipalities);
    const path = geoPath(projection);
    const [[, y0], [, y1]] = path.bounds(municipalities);
    projection.translate([projection.translate()[0] + PAD, projection.translate()[1] - y0 + PAD]);
    const toShapes = (fc: typeof municipalities | null): Shape[] =>
      (fc?.features ?? []).map((f) => ({ key: f.properties.ags, d: path(f) ?? '' }));
    return { height: Math.ceil(y1 - y0 + 2 * PAD), municipalities: toShapes(municipalities), districts: toShapes(districts) };
  }, [payload]);
}

/**
 * A choropleth of municipalities as plain SVG. It is one image with an accessible name; the
 * page supplies a text summary, a legend and a table alternative. Each shape carries data-ags and
 * data-category, so tests and styles can find a municipality.
 */
export function MunicipalityMap(props: { payload: MapPayload; styleOf(ags: string): ShapeStyle; label: string; describedBy?: string }) {
  const shapes = useShapes(props.payload);
  if (!shapes) return null;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${shapes.height}`}
      role="img"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      className="municipality-map"
      data-testid="municipality-map"
    >
      <g>
        {shapes.municipalities.map((s) => {
          const style = props.styleOf(s.key);
          return (
            <path key={s.key} d={s.d} fill={style.fill} stroke="#ffffff" strokeWidth={0.6} data-ags={s.key} data-category={style.category}>
              <title>{style.title}</title>
            </path>
          );
        })}
      </g>
      <g fill="none" stroke="#343a40" strokeWidth={1.2} strokeLinejoin="round" pointerEvents="none">
        {shapes.districts.map((s) => (
          <path key={s.key} d={s.d} data-district={s.key} />
        ))}
      </g>
    </svg>
  );
}
