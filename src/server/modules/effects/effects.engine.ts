import {
  EFFECTS_LIMITS,
  type EffectEstimate,
  type FollowUp,
  type InterventionKind,
  type SuppressionReason,
  type SurveyEffectEstimate,
  type SurveyWaveRef,
} from '../../../shared/effects.schema.ts';
import { INDEX_IDS, type IndexId } from '../../../shared/survey-results.schema.ts';
import {
  countDid,
  estimateDispersion,
  logSlope,
  logSlopeSe,
  meanDid,
  METHOD_VERSION,
  selectComparisons,
  sizeClassOf,
  Z95,
  type MatchCandidate,
} from './did.ts';

/*
 * The effects engine: every input already read (figures, interventions, choices), no database, so
 * that the time to compute is measured apart from the time to read (bench/effects.ts). For one
 * intervention and one field of action it builds the outcome series, excludes every unit that has
 * an intervention of the same kind (for a project: in the same field), chooses or takes the
 * comparison group, applies the minimum-size rules and estimates (did.ts).
 */

export interface FieldDef {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  /** Offence keys the offence → field-of-action mapping assigns to the field, with their summary flag. */
  offences: { key: string; summary: boolean }[];
}

export interface Intervention {
  kind: InterventionKind;
  id: number;
  ags: string;
  /** Field of a funded project; null: the intervention concerns every field. */
  fieldCode: string | null;
  start: string;
  label: string;
}

export interface ComparisonChoice {
  units: string[];
  reason: string;
  chosenBy: string;
  chosenAt: string;
  version: number;
}

/** One survey index of a completed wave: value with its linearised standard error and respondents (null: suppressed). */
export interface WaveIndex {
  id: IndexId;
  unit: 'share' | 'score';
  name: string;
  nameEn: string;
  value: number | null;
  se: number | null;
  n: number | null;
}

/** A completed survey wave of one municipality. */
export interface SurveyWave {
  surveyId: number;
  title: string;
  fieldStart: string;
  fieldEnd: string;
  indices: WaveIndex[];
}

/** Cases per unit (AGS), offence key and year. */
export type Figures = Map<string, Map<string, Map<number, number>>>;

export interface EffectInputs {
  municipalities: Map<string, { name: string; districtAgs: string; population: number | null }>;
  districts: Map<string, { name: string; typeCode: string; population: number | null }>;
  fields: FieldDef[];
  municipal: Figures;
  district: Figures;
  interventions: Intervention[];
  choices: Map<string, ComparisonChoice>;
  /** Completed survey waves per municipality (AGS); absent when the caller needs no survey index effects. */
  surveys?: Map<string, SurveyWave[]>;
  /** Data years after this one are left out (the annual report of a year). */
  untilYear?: number;
}

export const choiceKey = (kind: InterventionKind, id: number, field: string) => `${kind}:${id}:${field}`;

type Level = 'municipality' | 'district';

interface CandidatePool {
  candidates: MatchCandidate[];
  describe: (id: string) => Omit<MatchCandidate, 'id'>;
}

interface LevelData {
  keys: string[];
  series: Map<string, Map<number, number>>;
  years: number[];
}

/** Caches what several estimates of one call share: the outcome series per field and level, exclusions, dispersions. */
export class EffectsContext {
  private readonly levels = new Map<string, LevelData>();
  private readonly exclusions = new Map<string, { municipalities: Set<string>; districts: Set<string> }>();
  private readonly pools = new Map<string, CandidatePool>();

  constructor(readonly inputs: EffectInputs) {}

  /** The outcome of a field at one level: the mapped non-summary keys present, else the largest mapped summary key. */
  level(field: FieldDef, level: Level): LevelData {
    const k = `${field.code}|${level}`;
    let d = this.levels.get(k);
    if (d) return d;
    const figures = level === 'municipality' ? this.inputs.municipal : this.inputs.district;
    const totals = new Map<string, number>();
    for (const perKey of figures.values())
      for (const o of field.offences) {
        const years = perKey.get(o.key);
        if (years) for (const c of years.values()) totals.set(o.key, (totals.get(o.key) ?? 0) + c);
      }
    const present = field.offences.filter((o) => totals.has(o.key));
    const detailed = present.filter((o) => !o.summary).map((o) => o.key);
    const summaries = present
      .filter((o) => o.summary)
      .sort((a, b) => totals.get(b.key)! - totals.get(a.key)! || a.key.localeCompare(b.key));
    const keys = detailed.length ? detailed : summaries.length ? [summaries[0]!.key] : [];
    const series = new Map<string, Map<number, number>>();
    const allYears = new Set<number>();
    const until = this.inputs.untilYear ?? Infinity;
    for (const [unit, perKey] of figures) {
      let s: Map<number, number> | undefined;
      for (const key of keys) {
        const years = perKey.get(key);
        if (!years) continue;
        s ??= new Map();
        for (const [y, c] of years) {
          if (y > until) continue;
          s.set(y, (s.get(y) ?? 0) + c);
          allYears.add(y);
        }
      }
      if (s && s.size) series.set(unit, s);
    }
    d = { keys: keys.sort(), series, years: [...allYears].sort((a, b) => a - b) };
    this.levels.set(k, d);
    return d;
  }

  /** Units with an intervention of the kind (a project: in the field): never a comparison. */
  excluded(kind: InterventionKind, fieldCode: string): { municipalities: Set<string>; districts: Set<string> } {
    const k = `${kind}|${kind === 'project' ? fieldCode : ''}`;
    let e = this.exclusions.get(k);
    if (e) return e;
    const municipalities = new Set(
      this.inputs.interventions.filter((i) => i.kind === kind && (kind !== 'project' || i.fieldCode === fieldCode)).map((i) => i.ags),
    );
    const districts = new Set<string>();
    for (const ags of municipalities) {
      const m = this.inputs.municipalities.get(ags);
      districts.add(m?.districtAgs ?? ags.slice(0, 5));
    }
    e = { municipalities, districts };
    this.exclusions.set(k, e);
    return e;
  }

  /** The described comparison candidates of one field, level, window and kind of intervention, computed once. */
  candidatePool(key: string, compute: () => CandidatePool): CandidatePool {
    let p = this.pools.get(key);
    if (!p) {
      p = compute();
      this.pools.set(key, p);
    }
    return p;
  }
}

const districtTypeOf = (typeCode: string | undefined) => (typeCode === '41' ? 'kreisfrei' : 'landkreis');

/** The estimate of one intervention in one field of action. */
export function estimateEffect(ctx: EffectsContext, intervention: Intervention, field: FieldDef): EffectEstimate {
  const { inputs } = ctx;
  const m = inputs.municipalities.get(intervention.ags);
  const choice = inputs.choices.get(choiceKey(intervention.kind, intervention.id, field.code)) ?? null;
  const base: EffectEstimate = {
    methodVersion: METHOD_VERSION,
    interventionKind: intervention.kind,
    interventionId: intervention.id,
    interventionLabel: intervention.label,
    ags: intervention.ags,
    municipalityName: m?.name ?? intervention.ags,
    startDate: intervention.start,
    field: { code: field.code, name: field.name, nameEn: field.nameEn },
    outcome: { level: 'municipality', unitAgs: intervention.ags, offenceKeys: [], preYears: [], postYears: [] },
    comparison: {
      source: choice ? 'chosen' : 'automatic',
      units: [],
      relaxed: [],
      reason: choice?.reason ?? null,
      chosenBy: choice?.chosenBy ?? null,
      chosenAt: choice?.chosenAt ?? null,
      version: choice?.version ?? null,
    },
    result: null,
    suppressed: null,
  };
  const suppress = (reason: SuppressionReason): EffectEstimate => ({ ...base, suppressed: reason });
  if (!field.offences.length) return suppress('no-offences-mapped');

  const municipal = ctx.level(field, 'municipality');
  const level: Level = municipal.series.has(intervention.ags) ? 'municipality' : 'district';
  const data = level === 'municipality' ? municipal : ctx.level(field, 'district');
  const unit = level === 'municipality' ? intervention.ags : (m?.districtAgs ?? intervention.ags.slice(0, 5));
  base.outcome.level = level;
  base.outcome.unitAgs = unit;
  base.outcome.offenceKeys = data.keys;
  if (!data.keys.length) return suppress('no-offences-mapped');
  const treated = data.series.get(unit);
  if (!treated) return suppress('no-figures');

  const startYear = Number(intervention.start.slice(0, 4));
  const pre = data.years.filter((y) => y < startYear && treated.has(y)).slice(-EFFECTS_LIMITS.maxPreYears);
  const post = data.years.filter((y) => y > startYear && treated.has(y)).slice(0, EFFECTS_LIMITS.maxPostYears);
  base.outcome.preYears = pre;
  base.outcome.postYears = post;
  if (pre.length < EFFECTS_LIMITS.minPreYears) return suppress('too-few-pre-years');
  if (!post.length) return suppress('no-post-years');

  const excluded = ctx.excluded(intervention.kind, field.code);
  const excludedUnits = level === 'municipality' ? excluded.municipalities : excluded.districts;
  const nameOf = (id: string) => (level === 'municipality' ? inputs.municipalities.get(id)?.name : inputs.districts.get(id)?.name) ?? id;
  const populationOf = (id: string) =>
    (level === 'municipality' ? inputs.municipalities.get(id)?.population : inputs.districts.get(id)?.population) ?? null;
  const typeOf = (id: string) =>
    districtTypeOf(
      level === 'municipality'
        ? inputs.districts.get(inputs.municipalities.get(id)?.districtAgs ?? '')?.typeCode
        : inputs.districts.get(id)?.typeCode,
    );
  const complete = (s: Map<number, number> | undefined) => !!s && pre.every((y) => s.has(y)) && post.every((y) => s.has(y));
  const eligible = (id: string) => id !== unit && !excludedUnits.has(id) && complete(data.series.get(id));

  let ids: string[];
  if (choice) {
    // A chosen unit that has since received the intervention (or lost its figures) is never used.
    ids = choice.units.filter(eligible);
  } else {
    // The described candidates depend on the field, level, years and exclusions only: shared by every intervention alike.
    const poolKey = `${field.code}|${level}|${pre.join(',')}|${post.join(',')}|${intervention.kind}`;
    const { candidates, describe } = ctx.candidatePool(poolKey, () => {
      const ids = [...data.series.keys()].filter((id) => !excludedUnits.has(id) && complete(data.series.get(id)) && populationOf(id));
      const a = estimateDispersion(ids.map((id) => pre.map((y) => data.series.get(id)!.get(y)!))).a;
      const describeUnit = (id: string): Omit<MatchCandidate, 'id'> => {
        const s = data.series.get(id)!;
        const counts = pre.map((y) => s.get(y)!);
        const population = populationOf(id) ?? 1;
        const mean = counts.reduce((x, c) => x + c, 0) / counts.length;
        return {
          districtType: typeOf(id),
          sizeClass: sizeClassOf(population),
          level: Math.log((Math.max(mean, 0.5) * 100_000) / population),
          trend: logSlope(counts.map((c) => Math.max(c, 0.5))) ?? 0,
          trendSe: logSlopeSe(counts, a),
        };
      };
      return { candidates: ids.map((id) => ({ id, ...describeUnit(id) })), describe: describeUnit };
    });
    const picked = selectComparisons(
      populationOf(unit) ? describe(unit) : { ...describe(unit), sizeClass: -1 },
      candidates.filter((c) => c.id !== unit),
      { count: EFFECTS_LIMITS.comparisonCount, minimum: EFFECTS_LIMITS.minComparisons },
    );
    ids = picked.ids;
    base.comparison.relaxed = picked.relaxed;
  }
  base.comparison.units = ids.map((id) => ({ ags: id, name: nameOf(id) }));
  if (ids.length < EFFECTS_LIMITS.minComparisons) return suppress('too-few-comparisons');

  const treatedPre = pre.map((y) => treated.get(y)!);
  const treatedPost = post.map((y) => treated.get(y)!);
  const comparisonPre = ids.map((id) => pre.map((y) => data.series.get(id)!.get(y)!));
  const comparisonPost = ids.map((id) => post.map((y) => data.series.get(id)!.get(y)!));
  const sum = (xs: number[]) => xs.reduce((x, c) => x + c, 0);
  if (
    sum(treatedPre) < EFFECTS_LIMITS.minCases ||
    sum(treatedPost) < EFFECTS_LIMITS.minCases ||
    sum(comparisonPre.flat()) < EFFECTS_LIMITS.minCases ||
    sum(comparisonPost.flat()) < EFFECTS_LIMITS.minCases
  )
    return suppress('too-few-cases');

  const r = countDid({ treatedPre, treatedPost, comparisonPre, comparisonPost });
  return {
    ...base,
    result: {
      rateRatio: r.rateRatio,
      ciLow: r.ciLow,
      ciHigh: r.ciHigh,
      seLog: r.seLog,
      changePct: (r.rateRatio - 1) * 100,
      noReliableEffect: r.noReliableEffect,
      model: r.dispersion.model,
      dispersion: r.dispersion.a,
      treatedPreCases: r.treatedPreCases,
      treatedPostCases: r.treatedPostCases,
      comparisonPreCases: r.comparisonPreCases,
      comparisonPostCases: r.comparisonPostCases,
      preTrendDifferencePct: r.preTrendDifference === null ? null : (Math.exp(r.preTrendDifference) - 1) * 100,
    },
  };
}

/** Whether an intervention concerns the field: a project its own field, agreements and coaching every field. */
export const concernsField = (i: Intervention, f: FieldDef) => i.fieldCode === null || i.fieldCode === f.code;

/** Every estimate of the interventions that pass the filter, field by field in catalogue order. */
export function estimateAll(inputs: EffectInputs, keep: (i: Intervention) => boolean = () => true): EffectEstimate[] {
  const ctx = new EffectsContext(inputs);
  const out: EffectEstimate[] = [];
  const chosen = inputs.interventions.filter(keep);
  for (const f of inputs.fields) for (const i of chosen) if (concernsField(i, f)) out.push(estimateEffect(ctx, i, f));
  return out;
}

/** The wave's index as an answer shows it. */
const waveRef = (w: SurveyWave, x: WaveIndex | undefined): SurveyWaveRef => ({
  surveyId: w.surveyId,
  title: w.title,
  fieldStart: w.fieldStart,
  fieldEnd: w.fieldEnd,
  value: x?.value ?? null,
  se: x?.se ?? null,
  n: x?.n ?? null,
});

const usable = (x: WaveIndex | undefined): x is WaveIndex & { value: number; se: number; n: number } =>
  !!x && x.value !== null && x.se !== null && Number.isFinite(x.se) && x.n !== null && x.n >= EFFECTS_LIMITS.minRespondents;

/** Latest first: by the end of the field period, then the survey. */
const latestFirst = (a: SurveyWave, b: SurveyWave) => b.fieldEnd.localeCompare(a.fieldEnd) || b.surveyId - a.surveyId;

/** The latest wave of the list whose index has enough respondents, with that index. */
function latestUsable(
  waves: readonly SurveyWave[],
  id: IndexId,
): { wave: SurveyWave; index: WaveIndex & { value: number; se: number; n: number } } | null {
  for (const wave of waves) {
    const index = wave.indices.find((x) => x.id === id);
    if (usable(index)) return { wave, index };
  }
  return null;
}

/**
 * The survey index effects of one intervention (decision 030): per index, the latest completed
 * wave before the start (its field period ended before the start day) and the latest one after it
 * (its field period began after the start day) with at least `minRespondents` respondents, in the
 * treated municipality and in every municipality without an intervention of the kind (a project:
 * in its field) that has such waves; the difference in differences of the means (`meanDid`).
 */
export function estimateSurveyEffects(ctx: EffectsContext, intervention: Intervention): SurveyEffectEstimate[] {
  const { inputs } = ctx;
  const waves = inputs.surveys ?? new Map<string, SurveyWave[]>();
  const until = inputs.untilYear ?? Infinity;
  const start = intervention.start;
  const split = (ags: string) => {
    const own = (waves.get(ags) ?? []).filter((w) => Number(w.fieldEnd.slice(0, 4)) <= until).sort(latestFirst);
    return { before: own.filter((w) => w.fieldEnd < start), after: own.filter((w) => w.fieldStart > start) };
  };
  const base: SurveyEffectEstimate = {
    methodVersion: METHOD_VERSION,
    interventionKind: intervention.kind,
    interventionId: intervention.id,
    interventionLabel: intervention.label,
    ags: intervention.ags,
    municipalityName: inputs.municipalities.get(intervention.ags)?.name ?? intervention.ags,
    startDate: start,
    index: null,
    treated: { pre: null, post: null },
    comparison: { units: [] },
    result: null,
    suppressed: null,
  };
  const treated = split(intervention.ags);
  if (!treated.before.length) return [{ ...base, suppressed: 'no-wave-before' }];
  if (!treated.after.length) return [{ ...base, suppressed: 'no-wave-after' }];

  const excluded = ctx.excluded(intervention.kind, intervention.fieldCode ?? '').municipalities;
  const others = [...waves.keys()]
    .filter((ags) => ags !== intervention.ags && !excluded.has(ags))
    .sort()
    .map((ags) => ({ ags, ...split(ags) }));
  const present = new Map<IndexId, WaveIndex>();
  // An index nobody answered in the municipality's waves (n = 0: not asked) is left out; a suppressed one (n null) stays.
  for (const w of [...treated.before, ...treated.after])
    for (const x of w.indices) if (x.n !== 0 && !present.has(x.id)) present.set(x.id, x);
  if (!present.size) return [{ ...base, suppressed: 'too-few-respondents' }];

  return INDEX_IDS.filter((id) => present.has(id)).map((id) => {
    const def = present.get(id)!;
    const shaped: SurveyEffectEstimate = { ...base, index: { id, name: def.name, nameEn: def.nameEn, unit: def.unit } };
    const pre = latestUsable(treated.before, id);
    const post = latestUsable(treated.after, id);
    const latestOf = (ws: SurveyWave[]) =>
      ws[0] &&
      waveRef(
        ws[0],
        ws[0].indices.find((x) => x.id === id),
      );
    shaped.treated = {
      pre: pre ? waveRef(pre.wave, pre.index) : (latestOf(treated.before) ?? null),
      post: post ? waveRef(post.wave, post.index) : (latestOf(treated.after) ?? null),
    };
    if (!pre || !post) return { ...shaped, suppressed: 'too-few-respondents' };
    const units = others.flatMap((o) => {
      const cPre = latestUsable(o.before, id);
      const cPost = latestUsable(o.after, id);
      if (!cPre || !cPost) return [];
      return [{ ags: o.ags, cPre, cPost }];
    });
    shaped.comparison = {
      units: units.map((u) => ({
        ags: u.ags,
        name: inputs.municipalities.get(u.ags)?.name ?? u.ags,
        pre: waveRef(u.cPre.wave, u.cPre.index),
        post: waveRef(u.cPost.wave, u.cPost.index),
      })),
    };
    if (units.length < EFFECTS_LIMITS.minSurveyComparisons) return { ...shaped, suppressed: 'too-few-comparisons' };
    const r = meanDid(
      pre.index,
      post.index,
      units.map((u) => ({ pre: u.cPre.index, post: u.cPost.index })),
    );
    const treatedChange = post.index.value - pre.index.value;
    return {
      ...shaped,
      result: {
        difference: r.difference,
        se: r.se,
        ciLow: r.ciLow,
        ciHigh: r.ciHigh,
        noReliableEffect: r.noReliableEffect,
        treatedChange,
        comparisonChange: treatedChange - r.difference,
      },
    };
  });
}

/** Every survey index effect of the interventions that pass the filter. */
export function estimateAllSurvey(inputs: EffectInputs, keep: (i: Intervention) => boolean = () => true): SurveyEffectEstimate[] {
  const ctx = new EffectsContext(inputs);
  // A project in several fields is one intervention for the survey indices, which belong to no field.
  const seen = new Set<string>();
  return inputs.interventions
    .filter(keep)
    .filter((i) => !seen.has(`${i.kind}:${i.id}`) && !!seen.add(`${i.kind}:${i.id}`))
    .flatMap((i) => estimateSurveyEffects(ctx, i));
}

/**
 * The follow-up of a security analysis: per field, the cases of its baseline year against the
 * latest year with figures, as a rate ratio with the exact-conditional (Poisson) interval of two
 * counts on the log scale; the same level (municipal, else district) and minimum as the estimates.
 * A before/after comparison without a comparison group: it says what changed, not why.
 */
export function followUpOf(ctx: EffectsContext, ags: string, baselineYear: number): FollowUp['fields'] {
  const m = ctx.inputs.municipalities.get(ags);
  return ctx.inputs.fields.map((field) => {
    const base = {
      field: { code: field.code, name: field.name, nameEn: field.nameEn },
      level: 'municipality' as Level,
      offenceKeys: [] as string[],
      latestYear: null,
      baselineCases: null,
      latestCases: null,
      rateRatio: null,
      ciLow: null,
      ciHigh: null,
      noReliableEffect: null,
    };
    if (!field.offences.length) return { ...base, suppressed: 'no-offences-mapped' as const };
    const municipal = ctx.level(field, 'municipality');
    const level: Level = municipal.series.has(ags) ? 'municipality' : 'district';
    const data = level === 'municipality' ? municipal : ctx.level(field, 'district');
    const series = data.series.get(level === 'municipality' ? ags : (m?.districtAgs ?? ags.slice(0, 5)));
    const shaped = { ...base, level, offenceKeys: data.keys };
    if (!data.keys.length) return { ...shaped, suppressed: 'no-offences-mapped' as const };
    if (!series || !series.has(baselineYear)) return { ...shaped, suppressed: 'no-figures' as const };
    const latestYear = Math.max(...series.keys());
    const baselineCases = series.get(baselineYear)!;
    if (latestYear <= baselineYear) return { ...shaped, baselineCases, suppressed: 'no-post-years' as const };
    const latestCases = series.get(latestYear)!;
    const counted = { ...shaped, latestYear, baselineCases, latestCases };
    if (baselineCases < EFFECTS_LIMITS.minCases || latestCases < EFFECTS_LIMITS.minCases)
      return { ...counted, suppressed: 'too-few-cases' as const };
    const rateRatio = latestCases / baselineCases;
    const se = Math.sqrt(1 / latestCases + 1 / baselineCases);
    const ciLow = Math.exp(Math.log(rateRatio) - Z95 * se);
    const ciHigh = Math.exp(Math.log(rateRatio) + Z95 * se);
    return { ...counted, rateRatio, ciLow, ciHigh, noReliableEffect: !(ciHigh < 1 || ciLow > 1), suppressed: null };
  });
}
