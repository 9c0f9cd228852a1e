/*
 * Effects of prevention (issue 20, decision 030).
 *
 * 1. Calibration, 500 simulated runs each (src/server/modules/effects/simulate.ts): demo-like
 *    municipalities with negative-binomial yearly street-crime counts and survey waves, a planted
 *    effect (rate ratio 0.8, survey score −5 points) or none. Reported: how often the 95 % interval
 *    covers the planted effect (target ≥ 90 %) and how often an effect is claimed without one
 *    (target ≤ 5 %), each with its Monte Carlo standard error.
 * 2. Speed: the estimates of all 419 municipalities × the six fields of action (agreements,
 *    coaching processes and funded projects of a Saxony-sized synthetic directory, municipal
 *    figures 2017–2023 for the demo's offence keys), in memory, the inputs already read, as the
 *    service computes them after `loadEffectInputs`. Baseline from the same run: the plain
 *    before/after change of every intervention's own figures (no comparison group, no variance).
 *    Target: < 2 s. Median of three runs. Beside it the survey index effects of every
 *    intervention, with completed waves (2018 and 2023, five indices) in a fifth of the
 *    municipalities, as the service computes them after reading the waves.
 */
import os from 'node:os';
import { INDEX_IDS } from '../src/shared/survey-results.schema.ts';
import {
  estimateAll,
  estimateAllSurvey,
  type EffectInputs,
  type FieldDef,
  type Figures,
  type Intervention,
  type SurveyWave,
} from '../src/server/modules/effects/effects.engine.ts';
import { seededRandom, negativeBinomial, simulate } from '../src/server/modules/effects/simulate.ts';

const TARGET_MS = 2000;
const RUNS = 500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const mcse = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

const FIELDS: FieldDef[] = [
  { id: 1, code: 'kpr-coordination', name: 'Koordinierungsstellen für KPR', nameEn: 'Coordination offices', offences: [] },
  {
    id: 2,
    code: 'graffiti',
    name: 'Sachbeschädigung durch Graffiti',
    nameEn: 'Graffiti',
    offences: [
      { key: '674000', summary: false },
      { key: '899500', summary: false },
    ],
  },
  { id: 3, code: 'littering', name: 'Vermüllung öffentlicher Plätze', nameEn: 'Littering', offences: [] },
  {
    id: 4,
    code: 'public-violence',
    name: 'Gewalt im öffentlichen Raum',
    nameEn: 'Violence in public space',
    offences: ['892000', '899000']
      .map((key) => ({ key, summary: true }))
      .concat(['222000', '224000', '217000'].map((key) => ({ key, summary: false }))),
  },
  { id: 5, code: 'extremism', name: 'Extremismus', nameEn: 'Extremism', offences: [] },
  { id: 6, code: 'drugs', name: 'Drogenmissbrauch', nameEn: 'Drug abuse', offences: [{ key: '730000', summary: false }] },
];
const KEYS: [string, number][] = [
  ['892000', 0.03],
  ['899000', 0.2],
  ['674000', 0.09],
  ['730000', 0.03],
  ['222000', 0.02],
];
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023];

/** A Saxony-sized directory: 3 cities and 10 districts, 419 municipalities, figures for every one. */
function syntheticInputs(): EffectInputs {
  const rnd = seededRandom(419);
  const districts: EffectInputs['districts'] = new Map();
  const municipalities: EffectInputs['municipalities'] = new Map();
  const municipal: Figures = new Map();
  const interventions: Intervention[] = [];
  let n = 0;
  for (let d = 0; d < 13; d++) {
    const dags = `14${String(510 + d)}`;
    const city = d < 3;
    districts.set(dags, { name: `Kreis ${d}`, typeCode: city ? '41' : '44', population: 0 });
    const count = city ? 1 : d < 12 ? 42 : 416 - 42 * 9;
    for (let k = 0; k < count; k++, n++) {
      const ags = `${dags}${String(k).padStart(3, '0')}`;
      const population = city
        ? 250_000 + Math.round(rnd() * 300_000)
        : Math.round(Math.exp(Math.log(800) + rnd() * Math.log(70_000 / 800)));
      municipalities.set(ags, { name: `Gemeinde ${n}`, districtAgs: dags, population });
      const perKey = new Map<string, Map<number, number>>();
      const level = 3500 + rnd() * 4000;
      let ye = 1;
      for (const [key] of KEYS) perKey.set(key, new Map());
      for (const year of YEARS) {
        ye *= 0.95 + rnd() * 0.08;
        for (const [key, share] of KEYS)
          perKey.get(key)!.set(year, negativeBinomial(rnd, (population * level * share * ye) / 100_000, 0.01));
      }
      municipal.set(ags, perKey);
      const start = `${2019 + Math.floor(rnd() * 3)}-0${1 + Math.floor(rnd() * 9)}-15`;
      const r = rnd();
      if (r < 0.33) interventions.push({ kind: 'agreement', id: n + 1, ags, fieldCode: null, start, label: 'Kooperationsvereinbarung' });
      else if (r < 0.5) interventions.push({ kind: 'coaching', id: n + 1, ags, fieldCode: null, start, label: 'Coaching' });
      else if (r < 0.7)
        interventions.push({
          kind: 'project',
          id: n + 1,
          ags,
          fieldCode: FIELDS[1 + Math.floor(rnd() * 5)]!.code,
          start,
          label: 'Projekt',
        });
    }
  }
  // Completed survey waves (spring 2018 and 2023, 300–1,500 respondents) in a fifth of the municipalities.
  const surveys = new Map<string, SurveyWave[]>();
  let surveyId = 0;
  for (const ags of municipalities.keys()) {
    if (rnd() >= 0.2) continue;
    const wave = (year: number): SurveyWave => {
      const n = 300 + Math.floor(rnd() * 1200);
      return {
        surveyId: ++surveyId,
        title: `Befragung ${year}`,
        fieldStart: `${year}-03-01`,
        fieldEnd: `${year}-04-30`,
        indices: INDEX_IDS.map((id, k) => {
          const share = k !== 1;
          const value = share ? 0.1 + rnd() * 0.4 : 20 + rnd() * 40;
          const sd = share ? Math.sqrt(value * (1 - value)) : 20;
          return { id, unit: share ? 'share' : 'score', name: id, nameEn: id, value, se: sd / Math.sqrt(n), n };
        }),
      };
    };
    surveys.set(ags, [wave(2018), wave(2023)]);
  }
  return { municipalities, districts, fields: FIELDS, municipal, district: new Map(), interventions, choices: new Map(), surveys };
}

export default async function run(): Promise<void> {
  // 1. Calibration
  const planted = simulate(RUNS, 20_190_206, { rateRatio: 0.8, surveyEffect: -5 });
  const none = simulate(RUNS, 4_711, { rateRatio: 1, surveyEffect: 0 });
  const rows: [string, number, number][] = [
    ['crime counts: interval covers the planted rate ratio 0.8 (target ≥ 90 %)', planted.crimeCoverage, 0.9],
    ['survey score: interval covers the planted −5 points (target ≥ 90 %)', planted.surveyCoverage, 0.9],
    ['crime counts: effect claimed without one (target ≤ 5 %)', none.crimeClaimed, 0.05],
    ['survey score: effect claimed without one (target ≤ 5 %)', none.surveyClaimed, 0.05],
  ];
  process.stdout.write(`calibration, ${RUNS} simulated runs each\n`);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [label, p, target] of rows) {
    const met = target === 0.9 ? p >= target : p <= target;
    const withinError = !met && Math.abs(p - target) <= 2 * mcse(target, RUNS);
    process.stdout.write(
      `${label.padEnd(w)}  ${pct(p).padStart(7)} ± ${pct(mcse(p, RUNS))}  ${met ? 'met' : withinError ? 'within simulation error of the target' : 'NOT met'}\n`,
    );
  }
  process.stdout.write(
    `power: planted effect found (interval excludes no change): crime ${pct(planted.crimeClaimed)}, survey ${pct(planted.surveyClaimed)}\n\n`,
  );

  // 2. Speed
  const inputs = syntheticInputs();
  const baseline: number[] = [];
  let naive = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    naive = 0;
    for (const f of FIELDS)
      for (const i of inputs.interventions) {
        if (i.fieldCode !== null && i.fieldCode !== f.code) continue;
        const start = Number(i.start.slice(0, 4));
        const perKey = inputs.municipal.get(i.ags)!;
        let before = 0;
        let after = 0;
        for (const o of f.offences)
          for (const [y, c] of perKey.get(o.key) ?? []) {
            if (y < start) before += c;
            else if (y > start) after += c;
          }
        if (before > 0) naive += after / before;
      }
    baseline.push(performance.now() - t);
  }
  const times: number[] = [];
  let shown = 0;
  let total = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const estimates = estimateAll(inputs);
    times.push(performance.now() - t);
    total = estimates.length;
    shown = estimates.filter((e) => e.result).length;
  }
  const surveyTimes: number[] = [];
  let surveyShown = 0;
  let surveyTotal = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const estimates = estimateAllSurvey(inputs);
    surveyTimes.push(performance.now() - t);
    surveyTotal = estimates.length;
    surveyShown = estimates.filter((e) => e.result).length;
  }
  if (!shown || !surveyShown || !Number.isFinite(naive)) throw new Error('no estimate was computed');
  const lines = [
    ['baseline: plain before/after change of every intervention (no comparison, no variance)', median(baseline)],
    [
      `all ${inputs.municipalities.size} municipalities × ${FIELDS.length} fields: ${total} estimates (${shown} shown), matching + DiD`,
      median(times),
    ],
    [
      `survey index effects of every intervention: ${surveyTotal} estimates (${surveyShown} shown), ${inputs.surveys!.size} municipalities with waves`,
      median(surveyTimes),
    ],
  ] as const;
  const width = Math.max(...lines.map((l) => l[0].length));
  process.stdout.write(
    `${inputs.interventions.length} interventions in ${inputs.municipalities.size} municipalities, median of 3 runs, inputs in memory\n`,
  );
  for (const [label, ms] of lines) process.stdout.write(`${label.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms\n`);
  process.stdout.write(`target < ${TARGET_MS} ms: ${median(times) < TARGET_MS ? 'met' : 'NOT met'}\n`);
  process.stdout.write(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min) – timings scale with it\n`,
  );
}
