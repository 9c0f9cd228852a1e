import type { CodebookVariable, LocalizedText } from '../../../../shared/survey-questionnaire.ts';
import {
  type CategoryResult,
  type MarginDimension,
  type MarginsInput,
  type RakingReportOut,
  type SurveyCrosstab,
  type VariableResult,
} from '../../../../shared/survey-results.schema.ts';
import { rake, type RakingMargin, type RakingOptions } from './raking.ts';
import { type ClassSums, type EstimatePart, type LinearisationDesign, linearisedMean, unweightedDesign } from './linearise.ts';
import { kishEffectiveSize, logitInterval, Z95 } from './statistics.ts';
import { planSuppression, type SuppressionMark } from './suppression.ts';
import { type ResponseMatrix, summariseNumber, tallyCrosstab, tallyVariables } from './tabulate.ts';

/*
 * From the response matrix and weights to the published results: shares with intervals per
 * variable, crosstabs, and the weighting by the stored margins. Pure; the service feeds it.
 */

export type Lang = 'de' | 'en';
export const text = (t: LocalizedText, lang: Lang) => (lang === 'en' && t.en ? t.en : t.de);

/** The questionnaire roles a margin can be built over. */
export const MARGIN_VARIABLES = ['age_group', 'sex', 'area', 'education'] as const;
export type MarginVariable = (typeof MARGIN_VARIABLES)[number];

/** One population margin: one or two weighting variables and the population of each cell. */
export interface Margin {
  variables: MarginVariable[];
  cells: Array<{ codes: string[]; population: number }>;
}
export type MarginSet = Margin[];

export const EMPTY_MARGINS: MarginSet = [];

/** The stored name of a margin's dimension: the variables' short names joined by "_" (age_sex, area, …). */
export const dimensionOf = (variables: readonly MarginVariable[]) => variables.map((v) => (v === 'age_group' ? 'age' : v)).join('_');

/** The variables of a stored dimension name, or null when it is not one. */
export function variablesOfDimension(dimension: string): MarginVariable[] | null {
  const parts = dimension.split('_').map((p) => (p === 'age' ? 'age_group' : p));
  if (parts.length < 1 || parts.length > 2) return null;
  if (!parts.every((p): p is MarginVariable => (MARGIN_VARIABLES as readonly string[]).includes(p))) return null;
  return parts;
}

const VARIABLE_LABELS: Record<MarginVariable, { de: string; en: string }> = {
  age_group: { de: 'Altersgruppe', en: 'Age group' },
  sex: { de: 'Geschlecht', en: 'Sex' },
  area: { de: 'Ortsteil', en: 'Area' },
  education: { de: 'Bildung', en: 'Education' },
};

/** The label of a margin, e.g. „Altersgruppe × Geschlecht“. */
export const marginLabel = (variables: readonly MarginVariable[], lang: Lang) => variables.map((v) => VARIABLE_LABELS[v][lang]).join(' × ');

/** The margins of an input, each with the field its errors name: the legacy fields first, then `margins`. */
export function marginsFromInput(input: Omit<MarginsInput, 'version' | 'source' | 'trimUpper'>): Array<Margin & { field: string }> {
  const out: Array<Margin & { field: string }> = [];
  if (input.ageSex.length)
    out.push({
      field: 'body.ageSex',
      variables: ['age_group', 'sex'],
      cells: input.ageSex.map((e) => ({ codes: [e.ageGroup, e.sex], population: e.population })),
    });
  if (input.sex.length)
    out.push({ field: 'body.sex', variables: ['sex'], cells: input.sex.map((e) => ({ codes: [e.sex], population: e.population })) });
  if (input.areas.length)
    out.push({ field: 'body.areas', variables: ['area'], cells: input.areas.map((e) => ({ codes: [e.area], population: e.population })) });
  input.margins.forEach((m, i) => {
    // Canonical order of the variables (age, sex, area, education), codes reordered alike.
    const order = m.variables.map((v, j) => ({ v, j })).sort((a, b) => MARGIN_VARIABLES.indexOf(a.v) - MARGIN_VARIABLES.indexOf(b.v));
    out.push({
      field: `body.margins.${i}`,
      variables: order.map((o) => o.v),
      cells: m.cells.map((c) => ({ codes: order.map((o) => c.codes[o.j] ?? ''), population: c.population })),
    });
  });
  return out;
}

/** Number of categories of a variable that is tabulated (0 for numbers and free texts). */
export function categoryCount(v: CodebookVariable): number {
  return v.kind === 'number' || v.kind === 'text' ? 0 : v.values.length;
}

/** The single-choice question that carries a weighting role. */
export const roleVariable = (codebook: readonly CodebookVariable[], role: MarginVariable) =>
  codebook.find((v) => v.kind === 'single' && v.role === role);

interface DimensionPlan {
  dimension: string;
  variables: MarginVariable[];
  margin: RakingMargin;
  labels: string[];
  codes: string[];
}

/** Builds the raking margins the stored populations and the questionnaire's weighting questions allow. */
export function planMargins(codebook: readonly CodebookVariable[], m: ResponseMatrix, margins: MarginSet, lang: Lang): DimensionPlan[] {
  const column = (v: CodebookVariable) => {
    const out = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i += 1) {
      const x = m.data[i * m.cols + v.index]!;
      out[i] = x > 0 && x <= v.values.length ? x - 1 : -1;
    }
    return out;
  };
  const plans: DimensionPlan[] = [];
  for (const margin of margins) {
    const vars = margin.variables.map((r) => roleVariable(codebook, r));
    if (margin.cells.length === 0 || vars.some((v) => v === undefined)) continue;
    const qs = vars as CodebookVariable[];
    const cols = qs.map(column);
    const sizes = qs.map((q) => q.values.length);
    const total = sizes.reduce((a, b) => a * b, 1);
    const cells = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i += 1) {
      let c = 0;
      for (let j = 0; j < qs.length; j += 1) {
        const x = cols[j]![i]!;
        if (x < 0) {
          c = -1;
          break;
        }
        c = c * sizes[j]! + x;
      }
      cells[i] = c;
    }
    const population = new Float64Array(total);
    const codes: string[] = [];
    const labels: string[] = [];
    const byKey = new Map(margin.cells.map((e) => [e.codes.join(':'), e.population]));
    for (let c = 0; c < total; c += 1) {
      let rest = c;
      const parts: number[] = [];
      for (let j = qs.length - 1; j >= 0; j -= 1) {
        parts.unshift(rest % sizes[j]!);
        rest = Math.floor(rest / sizes[j]!);
      }
      const key = parts.map((x, j) => qs[j]!.values[x]!.code).join(':');
      codes.push(key);
      labels.push(parts.map((x, j) => text(qs[j]!.values[x]!.label, lang)).join(' · '));
      population[c] = byKey.get(key) ?? 0;
    }
    const dimension = dimensionOf(margin.variables);
    plans.push({ dimension, variables: margin.variables, margin: { name: dimension, cells, population }, codes, labels });
  }
  return plans;
}

/** The outcome of weighting: weights (null = unweighted), the report, the design for the variances. */
export interface Weighting {
  weights: Float64Array | null;
  report: RakingReportOut;
  design: LinearisationDesign;
  /** Codebook indices of the weighting variables whose shares raking fixes (no interval). */
  fixed: Set<number>;
}

/** Rakes the matrix to the margins; without usable margins every weight is 1 and `applied` is false. */
export function weightResponses(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  margins: MarginSet,
  k: number,
  lang: Lang,
  options?: RakingOptions,
): Weighting {
  const plans = planMargins(codebook, m, margins, lang);
  const { weights, report, classes } = rake(
    m.rows,
    plans.map((p) => p.margin),
    options,
  );
  const hide = (n: number) => n > 0 && n < k;
  const applied = plans.length > 0 && m.rows > 0 && report.margins.some((mr) => mr.cells.some((c) => c.status === 'ok'));
  const design: LinearisationDesign =
    applied && classes
      ? { n: m.rows, classOf: classes.classOf, size: classes.size, weight: classes.weight, margins: classes.margins, calibrated: true }
      : unweightedDesign(m.rows);
  const fixed = new Set<number>();
  if (applied)
    for (const p of plans)
      for (const r of p.variables) {
        const v = roleVariable(codebook, r);
        if (v) fixed.add(v.index);
      }
  return {
    weights: applied ? weights : null,
    design,
    fixed,
    report: {
      applied,
      iterations: report.iterations,
      converged: report.converged,
      maxRelativeDeviation: report.maxRelativeDeviation,
      tolerance: report.tolerance,
      maxIterations: report.maxIterations,
      minWeight: report.minWeight,
      maxWeight: report.maxWeight,
      cvWeights: report.cv,
      weightsDesignEffect: 1 + report.cv * report.cv,
      effectiveSize: report.effectiveSize,
      trimUpper: options?.trim?.upper ?? null,
      trimmed: report.trimmed,
      margins: report.margins.map((mr, j) => ({
        dimension: plans[j]!.dimension as MarginDimension,
        label: marginLabel(plans[j]!.variables, lang),
        unmatched: hide(mr.unmatched) ? null : mr.unmatched,
        // A cell without population (e.g. sex „divers“, which official figures assign to w/m) is not
        // a cell of the margin: its respondents are counted as unmatched, the cell is not listed.
        cells: mr.cells
          .filter((c) => c.status !== 'no_population')
          .map((c) => ({
            cell: plans[j]!.codes[c.cell]!,
            label: plans[j]!.labels[c.cell]!,
            population: c.population,
            respondents: hide(c.respondents) ? null : c.respondents,
            targetShare: c.targetShare,
            unweightedShare: hide(c.respondents) ? null : c.unweightedShare,
            weightedShare: hide(c.respondents) ? null : c.weightedShare,
            status: c.status,
          })),
      })),
    },
  };
}

const hidden = { n: null, share: null, ciLow: null, ciHigh: null, se: null, designEffect: null } as const;

/** Per-class sums of a 0/1 indicator: its count per class c_k over the domain counts n_k. */
const indicatorSums = (n: Float64Array, c: Float64Array): ClassSums => ({ n, sy: c, syy: c });

/** A share (or mean) with its linearised SE, 95 % interval and design effect, as `svyciprop(method = "logit")`. */
export function shareEstimate(design: LinearisationDesign, sums: ClassSums) {
  const e = linearisedMean([{ design, sums }]);
  const ci = logitInterval(e.value, e.se, e.n - 1);
  return {
    ...e,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    designEffect: e.srsVariance > 0 && Number.isFinite(e.se) ? (e.se * e.se) / e.srsVariance : null,
    nEffective: kishEffectiveSize(e.sumW, e.sumW2),
  };
}

/** A mean with its linearised SE and normal 95 % interval (as `confint(svymean(…))`). */
export function meanEstimate(parts: readonly EstimatePart[]) {
  const e = linearisedMean(parts);
  const ok = Number.isFinite(e.se) && Number.isFinite(e.value);
  return {
    ...e,
    ciLow: ok ? e.value - Z95 * e.se : null,
    ciHigh: ok ? e.value + Z95 * e.se : null,
    designEffect: ok && e.srsVariance > 0 ? (e.se * e.se) / e.srsVariance : null,
    nEffective: kishEffectiveSize(e.sumW, e.sumW2),
  };
}

const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

/**
 * Shares with linearised SEs and logit intervals of every tabulated variable, and means of number
 * variables, suppressed for k. The weighting variables' shares are fixed by the raking: shown
 * without an interval (`fixed`).
 */
export function buildVariableResults(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  weighting: Pick<Weighting, 'design' | 'fixed'>,
  k: number,
  lang: Lang,
): VariableResult[] {
  const { design } = weighting;
  const K = design.size.length;
  const sizes = Int32Array.from(codebook, categoryCount);
  const tally = tallyVariables(m, design.classOf, K, sizes);
  const out: VariableResult[] = [];
  for (const v of codebook) {
    if (v.kind === 'text') continue;
    if (v.kind === 'number') {
      const sums = summariseNumber(m, design.classOf, K, v.index);
      const n = sums.n.reduce((a, b) => a + b, 0);
      const small = n > 0 && n < k;
      const shown = n >= k;
      const e = meanEstimate([{ design, sums }]);
      out.push({
        name: v.name,
        questionId: v.questionId,
        kind: 'number',
        label: text(v.label, lang),
        n: small ? null : n,
        nEffective: shown ? e.nEffective : null,
        suppressed: small ? 'primary' : null,
        fixed: false,
        categories: [],
        mean: {
          n: small ? null : n,
          mean: shown ? finite(e.value) : null,
          se: shown ? finite(e.se) : null,
          ciLow: shown ? finite(e.ciLow) : null,
          ciHigh: shown ? finite(e.ciHigh) : null,
          designEffect: shown ? finite(e.designEffect) : null,
          suppressed: small ? 'primary' : null,
        },
      });
      continue;
    }
    const off = tally.offsets[v.index]!;
    const size = sizes[v.index]!;
    // Per class: answered (domain) counts and each option's counts.
    const domain = new Float64Array(K);
    const optionCounts = Array.from({ length: size }, () => new Float64Array(K));
    const counts = new Array<number>(size).fill(0);
    for (let c = 0; c < K; c += 1) {
      for (let x = 1; x <= size; x += 1) {
        const cnt = tally.perClass[c * tally.total + off + x]!;
        optionCounts[x - 1]![c] = cnt;
        domain[c]! += cnt;
        counts[x - 1]! += cnt;
      }
    }
    const n = counts.reduce((a, b) => a + b, 0);
    const plan = planSuppression([counts], k);
    const fixed = weighting.fixed.has(v.index);
    let sw = 0;
    let sw2 = 0;
    for (let c = 0; c < K; c += 1) {
      sw += design.weight[c]! * domain[c]!;
      sw2 += design.weight[c]! ** 2 * domain[c]!;
    }
    const nEff = kishEffectiveSize(sw, sw2);
    const categories: CategoryResult[] = v.values.map((val, i) => {
      const mark = plan.cells[0]![i]!;
      const base = { value: val.value, code: val.code, label: text(val.label, lang), suppressed: mark };
      if (mark || n === 0) return { ...base, ...hidden, n: mark ? null : counts[i]! };
      const e = shareEstimate(design, indicatorSums(domain, optionCounts[i]!));
      if (fixed) return { ...base, n: counts[i]!, share: e.value, ciLow: null, ciHigh: null, se: null, designEffect: null };
      return {
        ...base,
        n: counts[i]!,
        share: e.value,
        ciLow: e.ciLow,
        ciHigh: e.ciHigh,
        se: finite(e.se),
        designEffect: finite(e.designEffect),
      };
    });
    const totalMark = plan.rowTotals[0] ?? null;
    out.push({
      name: v.name,
      questionId: v.questionId,
      kind: v.kind,
      label: text(v.label, lang),
      n: totalMark ? null : n,
      nEffective: totalMark || n === 0 ? null : nEff,
      suppressed: totalMark,
      fixed,
      categories,
      mean: null,
    });
  }
  return out;
}

/**
 * A crosstab of two categorical variables (rows: the answer, columns: the groups), suppressed for k;
 * column shares with linearised SEs and logit intervals (domain estimates of the raked sample).
 */
export function buildCrosstab(
  rowVar: CodebookVariable,
  colVar: CodebookVariable,
  m: ResponseMatrix,
  design: LinearisationDesign,
  k: number,
  lang: Lang,
): Pick<SurveyCrosstab, 'row' | 'col' | 'rows' | 'cols' | 'cells' | 'total'> {
  const R = categoryCount(rowVar);
  const C = categoryCount(colVar);
  const K = design.size.length;
  const t = tallyCrosstab(m, design.classOf, K, rowVar.index, R, colVar.index, C);
  const stride = C + 1;
  const at = (r: number, c: number) => (r + 1) * stride + (c + 1);
  const perClass = (r: number, c: number) => Float64Array.from({ length: K }, (_, q) => t.perClass[q * t.size + at(r, c)]!);
  const cellN = Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => perClass(r, c)));
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  const wsum = (xs: Float64Array) => xs.reduce((a, b, q) => a + b * design.weight[q]!, 0);
  const counts = cellN.map((row) => row.map(sum));
  const plan = planSuppression(counts, k);
  const colDomain = Array.from({ length: C }, (_, c) => {
    const d = new Float64Array(K);
    for (let r = 0; r < R; r += 1) for (let q = 0; q < K; q += 1) d[q]! += cellN[r]![c]![q]!;
    return d;
  });
  const colN = colDomain.map(sum);
  const colW = colDomain.map(wsum);
  const cellW = cellN.map((row) => row.map(wsum));
  const rowN = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const rowW = cellW.map((row) => row.reduce((a, b) => a + b, 0));
  const totalN = rowN.reduce((a, b) => a + b, 0);
  const totalW = rowW.reduce((a, b) => a + b, 0);
  const colEff = colDomain.map((d) =>
    kishEffectiveSize(
      wsum(d),
      d.reduce((a, b, q) => a + b * design.weight[q]! ** 2, 0),
    ),
  );
  return {
    row: { name: rowVar.name, label: text(rowVar.label, lang) },
    col: { name: colVar.name, label: text(colVar.label, lang) },
    rows: rowVar.values.map((v, r) => {
      const mark = plan.rowTotals[r] ?? null;
      return {
        value: v.value,
        code: v.code,
        label: text(v.label, lang),
        n: mark ? null : rowN[r]!,
        share: mark || totalW === 0 ? null : rowW[r]! / totalW,
        suppressed: mark,
      };
    }),
    cols: colVar.values.map((v, c) => {
      const mark = plan.colTotals[c] ?? null;
      return {
        value: v.value,
        code: v.code,
        label: text(v.label, lang),
        n: mark ? null : colN[c]!,
        nEffective: mark || colN[c] === 0 ? null : colEff[c]!,
        suppressed: mark,
      };
    }),
    cells: counts.map((row, r) =>
      row.map((n, c) => {
        const mark: SuppressionMark = plan.cells[r]![c]!;
        if (mark) return { n: null, colShare: null, colSe: null, colCiLow: null, colCiHigh: null, rowShare: null, suppressed: mark };
        if (!(colW[c]! > 0)) return { n, colShare: null, colSe: null, colCiLow: null, colCiHigh: null, rowShare: null, suppressed: null };
        const e = shareEstimate(design, indicatorSums(colDomain[c]!, cellN[r]![c]!));
        return {
          n,
          colShare: e.value,
          colSe: finite(e.se),
          colCiLow: e.ciLow,
          colCiHigh: e.ciHigh,
          rowShare: rowW[r]! > 0 ? cellW[r]![c]! / rowW[r]! : null,
          suppressed: null,
        };
      }),
    ),
    total: { n: plan.total ? null : totalN, suppressed: plan.total },
  };
}
