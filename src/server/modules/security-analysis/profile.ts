/*
 * The area profile of an analysis: population structure from the municipality directory, crime
 * indicators and the crime chart from the crime statistics (the same chart definitions the web
 * draws), the survey results from the survey analysis (`municipalityIndices`), the named areas (Ortsteile),
 * comparisons with the district and the state, and the location map. The result is plain data:
 * the live profile page shows it, and a report stores it as is in its snapshot.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import { ATTRIBUTION, MAP_ATTRIBUTION } from '../../../shared/attribution.ts';
import { ALL_OFFENCES } from '../../../shared/crime-stats.schema.ts';
import type { Profile, ProfileChart, ProfileTable } from '../../../shared/security-analysis.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { buildChart, getDistrictDetail, getMunicipalityDetail } from '../crime-stats/index.ts';
import { getSurveyDetail, municipalityIndices } from '../surveys/index.ts';
import * as repo from './security-analysis.repository.ts';
import { nowIso } from '../../../shared/time.ts';

const FONT = 'Arial, Helvetica, sans-serif';
const COLORS = ['#1f4e79', '#c55a11', '#7f7f7f'];
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
/** District types of the directory (GV100AD) for a city that is its own district: kreisfreie Stadt, Stadtkreis. */
const DISTRICT_FREE_TYPES = new Set(['41', '42']);

/** Formats a number the German way (thousands with a dot, decimal comma). */
export const de = (v: number | null | undefined, digits = 0): string =>
  v === null || v === undefined ? '–' : v.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export type AreaFeature = Feature<Polygon | MultiPolygon, { ags: string; name: string }>;

function rewind(f: AreaFeature): AreaFeature {
  if (geoArea(f) <= 2 * Math.PI) return f;
  const flip = (rings: Position[][]) => rings.map((r) => [...r].reverse());
  const g = f.geometry;
  return {
    ...f,
    geometry:
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: flip(g.coordinates) }
        : { type: 'MultiPolygon', coordinates: g.coordinates.map(flip) },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The municipality within its district as an SVG map (from the imported boundaries), or null without boundaries. */
export async function buildLocationMap(db: DbOrTrx, ags: string, districtAgs: string, title: string): Promise<Profile['map']> {
  const rows = await repo.listDistrictBoundaries(db, districtAgs);
  const features: AreaFeature[] = [];
  for (const r of rows) {
    try {
      const geometry = JSON.parse(r.geometry_json) as Polygon | MultiPolygon;
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
      features.push({ type: 'Feature', geometry, properties: { ags: r.ags, name: r.name } });
    } catch {
      // A stored geometry that is not JSON is skipped; the import checked it.
    }
  }
  return renderLocationMap(features, ags, title);
}

/** Draws the features (WGS84) as an SVG map with the municipality highlighted; null when it is not among them. */
export function renderLocationMap(input: AreaFeature[], ags: string, title: string): Profile['map'] {
  const features = input.map(rewind);
  // Without another area around it the map would show one shape inside itself.
  if (!features.some((f) => f.properties.ags === ags) || features.length < 2) return null;
  const width = 600;
  const height = 420;
  const projection = geoMercator().fitExtent(
    [
      [10, 40],
      [width - 10, height - 30],
    ],
    { type: 'FeatureCollection', features },
  );
  const path = geoPath(projection);
  const shapes = features
    .map((f) => {
      const own = f.properties.ags === ags;
      const d = path(f) ?? '';
      return `<path d="${d}" fill="${own ? '#c55a11' : '#dde4ee'}" stroke="#ffffff" stroke-width="${own ? 1.5 : 0.7}"><title>${esc(f.properties.name)}</title></path>`;
    })
    .join('');
  const note = MAP_ATTRIBUTION.join(' · ');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="mt"><title id="mt">${esc(title)}</title>` +
    `<text x="10" y="22" font-family="${FONT}" font-size="14" fill="#222">${esc(title)}</text>${shapes}` +
    `<text x="10" y="${height - 8}" font-family="${FONT}" font-size="10" fill="#555">${esc(note)}</text></svg>`;
  return { svg, title, attribution: [...MAP_ATTRIBUTION] };
}

function surveyChart(summary: NonNullable<Profile['survey']>): ProfileChart {
  const shares = summary.indices.filter((i) => i.unit === 'share');
  const title = `Bürgerbefragung ${summary.title}: Anteile in Prozent`;
  const attribution = [summary.source, `Zellen mit weniger als ${summary.kMin} Antworten unterdrückt`];
  return {
    ref: 'chart:survey_indices',
    title,
    width: 800,
    height: 360,
    option: {
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
      grid: { left: 200, right: 60, top: 44, bottom: 44 },
      xAxis: { type: 'value', name: '%', min: 0, max: 100 },
      yAxis: { type: 'category', inverse: true, data: shares.map((i) => i.label) },
      series: [{ name: 'Anteil', type: 'bar', data: shares.map((i) => i.value), label: { show: true, position: 'right', fontSize: 10 } }],
      graphic: [
        { type: 'text', left: 8, bottom: 4, style: { text: attribution.join(' · '), fontSize: 10, fill: '#555', fontFamily: FONT } },
      ],
    },
    table: {
      header: ['Indikator', 'Anteil in %', 'KI unten', 'KI oben', 'n'],
      rows: shares.map((i) => [i.label, i.suppressed ? 'unterdrückt' : i.value, i.ciLow, i.ciHigh, i.n]),
    },
    attribution,
  };
}

/** Builds the profile of a municipality from the current data (with the named areas and the linked survey). */
const SURVEY_SOURCE = 'Bürgerbefragung zum Sicherheitsgefühl (Praevis)';

/**
 * The survey results for the analysed municipality, or a note why there are none (not closed, not
 * visible). Only a closed survey is shown: results during fieldwork would change under the report.
 */
async function surveySummary(
  db: DbOrTrx,
  principal: Principal,
  surveyId: number,
  ags: string,
): Promise<{ summary: Profile['survey']; note: string | null }> {
  let detail;
  try {
    detail = await getSurveyDetail(db, principal, surveyId);
  } catch (err) {
    if (err instanceof AppError) return { summary: null, note: `Die verknüpfte Befragung Nr. ${surveyId} ist nicht verfügbar.` };
    throw err;
  }
  if (detail.status !== 'closed') {
    return {
      summary: null,
      note: `Die verknüpfte Befragung „${detail.title}“ ist noch nicht abgeschlossen; ihre Ergebnisse erscheinen nach dem Ende der Feldphase.`,
    };
  }
  const m = await municipalityIndices(db, surveyId, ags);
  const scaled = (x: number | null, unit: 'share' | 'score') =>
    x === null ? null : Math.round(x * (unit === 'share' ? 100 : 1) * 10) / 10;
  return {
    summary: {
      surveyId,
      title: detail.title,
      status: detail.status,
      kMin: detail.kMin,
      sampleSize: m.sampleSize,
      responses: m.responses,
      responseRate: m.sampleSize ? Math.round((m.responses / m.sampleSize) * 1000) / 10 : null,
      weighted: m.weighting !== null,
      weighting: m.weighting
        ? `Gewichtet durch Raking (iterative proportionale Anpassung) an die Bevölkerungsränder der Gemeinde: ${m.weighting.iterations} Iterationen, ${m.weighting.converged ? 'konvergiert' : 'nicht konvergiert'}; Konfidenzintervalle nach Wilson mit der effektiven Fallzahl nach Kish (95 %).`
        : 'Ungewichtete Anteile (Rohdaten der Gemeinde); Konfidenzintervalle nach Wilson (95 %).',
      indices: m.indices.map((i) => ({
        id: i.id,
        label: i.label.de,
        unit: i.unit,
        value: scaled(i.estimate.value, i.unit),
        ciLow: scaled(i.estimate.ciLow, i.unit),
        ciHigh: scaled(i.estimate.ciHigh, i.unit),
        n: i.estimate.n,
        suppressed: i.estimate.suppressed !== null,
      })),
      source: `${SURVEY_SOURCE}: „${detail.title}“`,
    },
    note: null,
  };
}

export async function buildProfile(
  db: DbOrTrx,
  principal: Principal,
  input: { ags: string; surveyId: number | null; areas: Profile['areas'] },
): Promise<Profile> {
  const place = await repo.findPlaceFigures(db, input.ags);
  if (!place) throw new AppError('not-found', { de: `Keine Gemeinde ${input.ags}.`, en: `No municipality ${input.ags}.` });
  const statePopulation = await repo.sumStatePopulation(db, place.state_ags);
  const areaKm2 = place.area_ha ? round(place.area_ha / 100, 2) : null;
  const population: Profile['population'] = {
    total: place.population,
    male: place.population_male,
    female: place.population !== null && place.population_male !== null ? place.population - place.population_male : null,
    areaKm2,
    densityPerKm2: areaKm2 && place.population ? round(place.population / areaKm2, 0) : null,
    districtTotal: place.district_population,
    stateTotal: statePopulation,
    statusDate: place.status_date,
  };
  const charts: ProfileChart[] = [];
  const tables: ProfileTable[] = [];
  const attribution = new Set<string>([ATTRIBUTION.destatis]);

  // ---- crime statistics: the municipality's own figures where imported, else its district's ----
  let crime: Profile['crime'] = {
    level: 'none',
    year: null,
    hz: null,
    cases: null,
    clearanceRate: null,
    districtHz: null,
    stateHz: null,
    nationalHz: null,
    trend5yPctPerYear: null,
  };
  let offences: {
    key: string;
    name: string;
    cases: number;
    hz: number | null;
    clearanceRate: number | null;
    changeCasesPct: number | null;
  }[] = [];
  const chartSize = { offence: ALL_OFFENCES, width: 800, height: 400 };
  const m = await getMunicipalityDetail(db, principal, input.ags, ALL_OFFENCES).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
  if (m && m.series.length) {
    const last = m.series[m.series.length - 1]!;
    crime = {
      level: 'municipality',
      year: last.year,
      hz: last.hz,
      cases: last.cases,
      clearanceRate: last.clearanceRate,
      districtHz: last.comparisonHz,
      stateHz: last.stateHz,
      nationalHz: last.nationalHz,
      trend5yPctPerYear: m.trend5yPctPerYear,
    };
    offences = m.offences;
    const def = await buildChart(db, principal, 'municipality-series', { ...chartSize, ags: input.ags }, null);
    charts.push({
      ref: 'chart:crime_series',
      title: def.title,
      width: def.width,
      height: def.height,
      option: def.option,
      table: def.table,
      attribution: def.attribution,
    });
    m.attribution.forEach((a) => attribution.add(a));
  } else {
    const d = await getDistrictDetail(db, place.district_ags, ALL_OFFENCES).catch((e: unknown) => {
      if (e instanceof AppError) return null;
      throw e;
    });
    if (d && d.series.length) {
      const last = d.series[d.series.length - 1]!;
      crime = {
        level: 'district',
        year: last.year,
        hz: last.hz,
        cases: last.cases,
        clearanceRate: last.clearanceRate,
        districtHz: last.hz,
        stateHz: last.stateHz,
        nationalHz: last.nationalHz,
        trend5yPctPerYear: d.trend5yPctPerYear,
      };
      offences = d.offences;
      const def = await buildChart(db, principal, 'district-series', { ...chartSize, districtAgs: place.district_ags }, null);
      charts.push({
        ref: 'chart:crime_series',
        title: def.title,
        width: def.width,
        height: def.height,
        option: def.option,
        table: def.table,
        attribution: def.attribution,
      });
      d.attribution.forEach((a) => attribution.add(a));
    }
  }
  // A district-free city is its own district (GV100AD district types 41 and 42): its figures are
  // not compared with themselves under a second column of the same name (issue 14).
  const districtFree = DISTRICT_FREE_TYPES.has(place.district_type_code ?? '') || place.name === place.district_name;
  const levelName = crime.level === 'municipality' ? place.name : `${place.district_name} (Kreis)`;
  const districtColumn = place.district_name === place.name ? `${place.district_name} (Kreis)` : place.district_name;
  const populationRows: (string | number | null)[][] = [
    ['Einwohner insgesamt', population.total, population.districtTotal, population.stateTotal],
    ['davon männlich', population.male, null, null],
    ['davon weiblich', population.female, null, null],
    ['Fläche in km²', areaKm2, null, null],
    ['Einwohner je km²', population.densityPerKm2, null, null],
    [
      'Anteil an der Bevölkerung des Kreises in %',
      population.total && population.districtTotal ? round((population.total / population.districtTotal) * 100, 1) : null,
      100,
      null,
    ],
  ];
  tables.push({
    ref: 'table:population',
    title: `Bevölkerungsstruktur ${place.name}`,
    header: districtFree
      ? ['Merkmal', place.name, place.state_name ?? 'Land']
      : ['Merkmal', place.name, districtColumn, place.state_name ?? 'Land'],
    rows: districtFree ? populationRows.slice(0, 5).map(([label, own, , state]) => [label!, own!, state!]) : populationRows,
  });
  if (crime.level !== 'none') {
    tables.push({
      ref: 'table:crime_indicators',
      title: `Kriminalitätskennzahlen ${crime.year} (Straftaten insgesamt)`,
      // Figures of the district itself are not compared with the district (the same numbers twice).
      header:
        crime.level === 'district'
          ? ['Kennzahl', levelName, 'Land', 'Deutschland']
          : ['Kennzahl', levelName, 'Kreis', 'Land', 'Deutschland'],
      rows: [
        ['Erfasste Fälle', crime.cases, null, null, null],
        ['Häufigkeitszahl (Fälle je 100.000 Einwohner)', crime.hz, crime.districtHz, crime.stateHz, crime.nationalHz],
        ['Aufklärungsquote in %', crime.clearanceRate, null, null, null],
        ['Trend der HZ über 5 Jahre in % je Jahr', crime.trend5yPctPerYear, null, null, null],
      ].map((r) => (crime.level === 'district' ? [r[0]!, r[1]!, r[3]!, r[4]!] : r)),
    });
    tables.push({
      ref: 'table:crime_offences',
      title: `Straftatengruppen ${crime.year} (${levelName})`,
      header: ['Schlüssel', 'Straftat', 'Fälle', 'HZ', 'Aufklärungsquote in %', 'Veränderung Fälle in %'],
      rows: offences.map((o) => [o.key, o.name, o.cases, o.hz, o.clearanceRate, o.changeCasesPct]),
    });
  }

  // ---- the citizen survey ----
  let survey: Profile['survey'] = null;
  let surveyNote: string | null = input.surveyId === null ? 'Mit dieser Analyse ist keine Bürgerbefragung verknüpft.' : null;
  if (input.surveyId !== null) {
    const s = await surveySummary(db, principal, input.surveyId, input.ags);
    survey = s.summary;
    surveyNote = s.note;
  }
  if (survey) {
    const chart = surveyChart(survey);
    charts.push(chart);
    tables.push({
      ref: 'table:survey_indices',
      title: `Ergebnisse der Bürgerbefragung „${survey.title}“`,
      header: ['Indikator', 'Wert', 'Einheit', 'KI unten', 'KI oben', 'n'],
      rows: survey.indices.map((i) => [
        i.label,
        i.suppressed ? 'unterdrückt' : i.value,
        i.unit === 'share' ? '%' : 'Punkte (0–100)',
        i.ciLow,
        i.ciHigh,
        i.n,
      ]),
    });
    attribution.add(survey.source);
  }

  // ---- comparison with the district and the state ----
  const share = (a: number | null, b: number | null) => (a && b ? round((a / b) * 100, 1) : null);
  tables.push({
    ref: 'table:comparison',
    title: 'Vergleich mit Kreis und Land',
    header: ['Kennzahl', levelName, 'Kreis', 'Land', 'Abweichung vom Land in %'],
    rows: [
      [
        'Häufigkeitszahl',
        crime.hz,
        crime.districtHz,
        crime.stateHz,
        crime.hz !== null && crime.stateHz ? round(((crime.hz - crime.stateHz) / crime.stateHz) * 100, 1) : null,
      ],
      ['Einwohner', population.total, population.districtTotal, population.stateTotal, null],
      [
        'Anteil der Gemeinde an der Bevölkerung in %',
        100,
        share(population.total, population.districtTotal),
        share(population.total, population.stateTotal),
        null,
      ],
    ],
  });
  if (input.areas.length) {
    tables.push({
      ref: 'table:areas',
      title: `Ortsteile von ${place.name}`,
      header: ['Ortsteil', 'Einwohner', 'Anteil in %', 'Beschreibung'],
      rows: input.areas.map((a) => [a.name, a.population, share(a.population, population.total), a.description]),
    });
  }

  // A district-free city would be drawn inside itself: no location map then.
  const map = districtFree
    ? null
    : await buildLocationMap(db, input.ags, place.district_ags, `Lage von ${place.name} im ${place.district_name}`);
  if (map) map.attribution.forEach((a) => attribution.add(a));
  return {
    generatedAt: nowIso(),
    municipality: {
      ags: place.ags,
      name: place.name,
      districtAgs: place.district_ags,
      districtName: place.district_name,
      stateName: place.state_name ?? '',
    },
    population,
    areas: input.areas,
    crime,
    survey,
    surveyNote,
    charts,
    tables,
    map,
    attribution: [...attribution],
  };
}
