/*
 * Report snapshots in the shape a stored report has, for the layout tests and the report bench:
 * a demo-sized report (10 charts, 40 offence rows) and, through `ReportSize`, oversized ones.
 */
import type { ProfileChart, ReportSnapshot } from '../../../shared/security-analysis.schema.ts';
import { ANALYSIS_PHASES, PHASE_LABELS } from '../../../shared/security-analysis.schema.ts';
import { renderLocationMap, type AreaFeature } from './profile.ts';

export interface ReportSize {
  charts?: number;
  offenceRows?: number;
  /** Chart and analysis titles far longer than a line. */
  longTitles?: boolean;
  municipalityName?: string;
}

const LONG_TAIL =
  ' im Vergleich der Ortsteile, der Nachbargemeinden des Landkreises und des Freistaates Sachsen über die Berichtsjahre der Polizeilichen Kriminalstatistik seit Beginn der Erhebung';

function seriesChart(i: number, titleTail = ''): ProfileChart {
  const years = Array.from({ length: 10 }, (_, k) => 2013 + k);
  const own = years.map((_, k) => 4000 + ((k * 317 + i * 97) % 1500));
  const cmp = years.map((_, k) => 6000 + ((k * 211 + i * 53) % 1200));
  const title = `Abbildung ${i + 1}: Häufigkeitszahl Straftatengruppe ${i + 1}${titleTail}`;
  return {
    ref: i % 2 ? 'chart:survey_indices' : 'chart:crime_series',
    title,
    width: 800,
    height: 400,
    option: {
      animation: false,
      color: ['#1f4e79', '#c55a11'],
      title: { text: title, left: 8, top: 4 },
      legend: { top: 28, left: 8 },
      grid: { left: 60, right: 20, top: 84, bottom: 48 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: 'HZ', min: 0 },
      series: [
        { name: 'Gemeinde', type: 'line', data: own, label: { show: true, fontSize: 10 } },
        { name: 'Land', type: 'line', data: cmp },
      ],
    },
    table: { header: ['Jahr', 'HZ Gemeinde', 'HZ Land'], rows: years.map((y, k) => [y, own[k]!, cmp[k]!]) },
    attribution: ['Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2013–2022'],
  };
}

export function reportSnapshot(map: ReportSnapshot['profile']['map'], size: ReportSize = {}): ReportSnapshot {
  const charts = Array.from({ length: size.charts ?? 10 }, (_, i) => seriesChart(i, size.longTitles ? LONG_TAIL : ''));
  const findings = Array.from({ length: 14 }, (_, i) => ({
    id: i + 1,
    position: i + 1,
    text: `Befund ${i + 1}: ${'Die Belastung durch Vermüllung und Graffiti prägt das Sicherheitsgefühl in den Ortsteilen. '.repeat(4)}`,
    evidence: 'table:crime_indicators' as const,
    evidenceLabel: 'Tabelle: Kriminalitätskennzahlen',
    fieldOfActionId: 1,
    fieldOfActionName: 'Vermüllung öffentlicher Plätze',
    priority: 'high' as const,
    version: 1,
  }));
  return {
    analysis: {
      id: 1,
      title: size.longTitles ? `Sicherheitsanalyse Annaberg-Buchholz${LONG_TAIL}` : 'Sicherheitsanalyse Annaberg-Buchholz',
      contractor: 'Forschungsgruppe',
      ags: '14521035',
      municipalityName: size.municipalityName ?? 'Annaberg-Buchholz',
      startedOn: '2026-01-05',
    },
    number: 3,
    kind: 'final',
    createdAt: '2026-06-30T10:00:00.000Z',
    phases: ANALYSIS_PHASES.map((phase) => ({
      phase,
      label: PHASE_LABELS[phase].de,
      plannedStart: '2026-01-05',
      plannedEnd: '2026-02-05',
      actualStart: '2026-01-05',
      actualEnd: '2026-02-06',
      late: false,
    })),
    profile: {
      generatedAt: '2026-06-30T10:00:00.000Z',
      municipality: {
        ags: '14521035',
        name: 'Annaberg-Buchholz',
        districtAgs: '14521',
        districtName: 'Erzgebirgskreis',
        stateName: 'Sachsen',
      },
      population: {
        total: 19_799,
        male: 9_600,
        female: 10_199,
        areaKm2: 50.1,
        densityPerKm2: 395,
        districtTotal: 334_948,
        stateTotal: 4_043_002,
        statusDate: '2021-11-30',
      },
      areas: Array.from({ length: 12 }, (_, i) => ({ name: `Ortsteil ${i + 1}`, population: 1000 + i * 100, description: 'Wohngebiet' })),
      crime: {
        level: 'municipality',
        year: 2022,
        hz: 5280,
        cases: 1045,
        clearanceRate: 62.5,
        districtHz: 4800,
        stateHz: 6600,
        nationalHz: 6800,
        trend5yPctPerYear: -1.2,
      },
      survey: {
        surveyId: 1,
        title: 'Sicher leben 2026',
        status: 'closed',
        kMin: 5,
        sampleSize: 3000,
        responses: 1120,
        responseRate: 37.3,
        weighted: true,
        weighting: 'Raking nach Alter × Geschlecht',
        indices: [
          {
            id: 'unsafe_night',
            label: 'Nachts unsicher',
            unit: 'share',
            value: 31.2,
            ciLow: 28.5,
            ciHigh: 34.0,
            n: 1100,
            suppressed: false,
          },
        ],
        source: 'Bürgerbefragung',
      },
      surveyNote: null,
      charts,
      tables: [
        {
          ref: 'table:population',
          title: 'Bevölkerungsstruktur',
          header: ['Merkmal', 'Wert'],
          rows: [
            ['Einwohner', 19_799],
            ['männlich', 9_600],
          ],
        },
        {
          ref: 'table:areas',
          title: 'Ortsteile',
          header: ['Ortsteil', 'Einwohner'],
          rows: Array.from({ length: 12 }, (_, i) => [`Ortsteil ${i + 1}`, 1000 + i * 100]),
        },
        { ref: 'table:crime_indicators', title: 'Kennzahlen', header: ['Kennzahl', 'Wert'], rows: [['HZ', 5280]] },
        {
          ref: 'table:crime_offences',
          title: 'Straftatengruppen',
          header: ['Schlüssel', 'Straftat', 'Fälle'],
          rows: Array.from({ length: size.offenceRows ?? 40 }, (_, i) => [String(100000 + i * 1000), `Straftat ${i + 1}`, 10 + i]),
        },
        { ref: 'table:comparison', title: 'Vergleich', header: ['Kennzahl', 'Gemeinde', 'Land'], rows: [['HZ', 5280, 6600]] },
      ],
      map,
      attribution: ['Quelle: Statistisches Bundesamt (Destatis)', 'Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2013–2022'],
    },
    findings,
    recommendations: findings.map((f) => ({
      id: f.id,
      position: f.position,
      text: `Empfehlung ${f.position}: ${'Reinigungsintervalle an Haltestellen verdichten und Jugendliche beteiligen. '.repeat(4)}`,
      priority: 'medium' as const,
      findingIds: [f.id],
    })),
    methods: { sampleSize: 3000, responses: 1120, responseRate: 37.3, weighting: 'Raking', suppression: 'k = 5' },
  };
}

/** A map of a 4 × 3 grid of made-up municipalities (the real boundaries are not needed for layout). */
export function gridMap(ags = '14521035'): ReportSnapshot['profile']['map'] {
  const features: AreaFeature[] = [];
  for (let i = 0; i < 12; i += 1) {
    const [x, y] = [12.9 + (i % 4) * 0.1, 50.5 + Math.floor(i / 4) * 0.08];
    features.push({
      type: 'Feature',
      properties: { ags: i === 5 ? ags : `14521${String(900 + i)}`, name: `Gemeinde ${i + 1}` },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.1, y],
            [x + 0.1, y + 0.08],
            [x, y + 0.08],
            [x, y],
          ],
        ],
      },
    });
  }
  return renderLocationMap(features, ags, 'Lage der Gemeinde im Landkreis');
}
