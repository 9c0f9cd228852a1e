import type { CodebookVariable, LocalizedText } from '../../../../shared/survey-questionnaire.ts';
import type { CategoryResult, RakingReportOut, SurveyCrosstab, VariableResult } from '../../../../shared/survey-results.schema.ts';
import { rake, type RakingMargin, type RakingOptions } from './raking.ts';
import { kishEffectiveSize, meanInterval, wilson } from './statistics.ts';
import { planSuppression, type SuppressionMark } from './suppression.ts';
import { type ResponseMatrix, summariseNumber, tallyCrosstab, tallyVariables } from './tabulate.ts';

/*
 * From the response matrix and weights to the published results: shares with intervals per
 * variable, crosstabs, and the weighting by the stored margins. Pure; the service feeds it.
 */

export type Lang = 'de' | 'en';
export const text = (t: LocalizedText, lang: Lang) => (lang === 'en' && t.en ? t.en : t.de);

export interface MarginSet {
  ageSex: Array<{ ageGroup: string; sex: string; population: number }>;
  sex: Array<{ sex: string; population: number }>;
  areas: Array<{ area: string; population: number }>;
}

export const EMPTY_MARGINS: MarginSet = { ageSex: [], sex: [], areas: [] };

/** Number of categories of a variable that is tabulated (0 for numbers and free texts). */
export function categoryCount(v: CodebookVariable): number {
  return v.kind === 'number' || v.kind === 'text' ? 0 : v.values.length;
}

const roleVariable = (codebook: readonly CodebookVariable[], role: 'age_group' | 'sex' | 'area') =>
  codebook.find((v) => v.kind === 'single' && v.role === role);

interface DimensionPlan {
  dimension: 'age_sex' | 'sex' | 'area';
  margin: RakingMargin;
  labels: string[];
  codes: string[];
}

/** Builds the raking margins the stored populations and the questionnaire's weighting questions allow. */
export function planMargins(codebook: readonly CodebookVariable[], m: ResponseMatrix, margins: MarginSet, lang: Lang): DimensionPlan[] {
  const plans: DimensionPlan[] = [];
  const age = roleVariable(codebook, 'age_group');
  const sex = roleVariable(codebook, 'sex');
  const area = roleVariable(codebook, 'area');
  const column = (v: CodebookVariable) => {
    const out = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i += 1) {
      const x = m.data[i * m.cols + v.index]!;
      out[i] = x > 0 && x <= v.values.length ? x - 1 : -1;
    }
    return out;
  };
  if (age && sex && margins.ageSex.length > 0) {
    const a = column(age);
    const s = column(sex);
    const S = sex.values.length;
    const cells = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i += 1) cells[i] = a[i]! >= 0 && s[i]! >= 0 ? a[i]! * S + s[i]! : -1;
    const population = new Float64Array(age.values.length * S);
    const codes: string[] = [];
    const labels: string[] = [];
    age.values.forEach((av, ai) =>
      sex.values.forEach((sv, si) => {
        codes.push(`${av.code}:${sv.code}`);
        labels.push(`${text(av.label, lang)} · ${text(sv.label, lang)}`);
        population[ai * S + si] = margins.ageSex.find((e) => e.ageGroup === av.code && e.sex === sv.code)?.population ?? 0;
      }),
    );
    plans.push({ dimension: 'age_sex', margin: { name: 'age_sex', cells, population }, codes, labels });
  } else if (sex && margins.sex.length > 0) {
    const population = Float64Array.from(sex.values, (sv) => margins.sex.find((e) => e.sex === sv.code)?.population ?? 0);
    plans.push({
      dimension: 'sex',
      margin: { name: 'sex', cells: column(sex), population },
      codes: sex.values.map((v) => v.code),
      labels: sex.values.map((v) => text(v.label, lang)),
    });
  }
  if (area && margins.areas.length > 0) {
    const population = Float64Array.from(area.values, (av) => margins.areas.find((e) => e.area === av.code)?.population ?? 0);
    plans.push({
      dimension: 'area',
      margin: { name: 'area', cells: column(area), population },
      codes: area.values.map((v) => v.code),
      labels: area.values.map((v) => text(v.label, lang)),
    });
  }
  return plans;
}

/** Rakes the matrix to the margins; without usable margins every weight is 1 and `applied` is false. */
export function weightResponses(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  margins: MarginSet,
  k: number,
  lang: Lang,
  options?: RakingOptions,
): { weights: Float64Array; report: RakingReportOut } {
  const plans = planMargins(codebook, m, margins, lang);
  const { weights, report } = rake(
    m.rows,
    plans.map((p) => p.margin),
    options,
  );
  const hide = (n: number) => n > 0 && n < k;
  return {
    weights,
    report: {
      applied: plans.length > 0 && m.rows > 0,
      iterations: report.iterations,
      converged: report.converged,
      maxRelativeDeviation: report.maxRelativeDeviation,
      tolerance: report.tolerance,
      maxIterations: report.maxIterations,
      minWeight: report.minWeight,
      maxWeight: report.maxWeight,
      effectiveSize: report.effectiveSize,
      designEffect: report.designEffect,
      margins: report.margins.map((mr, j) => ({
        dimension: plans[j]!.dimension,
        unmatched: hide(mr.unmatched) ? null : mr.unmatched,
        cells: mr.cells.map((c) => ({
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

const hidden = { n: null, share: null, ciLow: null, ciHigh: null } as const;

/** Shares with intervals of every tabulated variable, and means of number variables, suppressed for k. */
export function buildVariableResults(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  weights: Float64Array | null,
  k: number,
  lang: Lang,
): VariableResult[] {
  const sizes = Int32Array.from(codebook, categoryCount);
  const tally = tallyVariables(m, weights, sizes);
  const out: VariableResult[] = [];
  for (const v of codebook) {
    if (v.kind === 'text') continue;
    if (v.kind === 'number') {
      const s = summariseNumber(m, weights, v.index);
      const small = s.n > 0 && s.n < k;
      const ci = meanInterval(s.sumW, s.sumW2, s.sumWx, s.sumWx2);
      const shown = s.n >= k;
      out.push({
        name: v.name,
        questionId: v.questionId,
        kind: 'number',
        label: text(v.label, lang),
        n: small ? null : s.n,
        nEffective: shown ? ci.nEffective : null,
        suppressed: small ? 'primary' : null,
        categories: [],
        mean: {
          n: small ? null : s.n,
          mean: shown ? ci.mean : null,
          ciLow: shown && Number.isFinite(ci.low) ? ci.low : null,
          ciHigh: shown && Number.isFinite(ci.high) ? ci.high : null,
          suppressed: small ? 'primary' : null,
        },
      });
      continue;
    }
    const off = tally.offsets[v.index]!;
    const size = sizes[v.index]!;
    const counts: number[] = [];
    let n = 0;
    let sw = 0;
    let sw2 = 0;
    for (let x = 1; x <= size; x += 1) {
      counts.push(tally.counts[off + x]!);
      n += tally.counts[off + x]!;
      sw += tally.sumW[off + x]!;
      sw2 += tally.sumW2[off + x]!;
    }
    const plan = planSuppression([counts], k);
    const nEff = kishEffectiveSize(sw, sw2);
    const categories: CategoryResult[] = v.values.map((val, i) => {
      const mark = plan.cells[0]![i]!;
      const base = { value: val.value, code: val.code, label: text(val.label, lang), suppressed: mark };
      if (mark || n === 0) return { ...base, ...hidden, n: mark ? null : counts[i]! };
      const p = tally.sumW[off + val.value]! / sw;
      const ci = wilson(p, weights ? nEff : n);
      return { ...base, n: counts[i]!, share: p, ciLow: ci.low, ciHigh: ci.high };
    });
    const totalMark = plan.rowTotals[0] ?? null;
    out.push({
      name: v.name,
      questionId: v.questionId,
      kind: v.kind,
      label: text(v.label, lang),
      n: totalMark ? null : n,
      nEffective: totalMark || n === 0 ? null : weights ? nEff : n,
      suppressed: totalMark,
      categories,
      mean: null,
    });
  }
  return out;
}

/** A crosstab of two categorical variables (rows: the answer, columns: the groups), suppressed for k. */
export function buildCrosstab(
  rowVar: CodebookVariable,
  colVar: CodebookVariable,
  m: ResponseMatrix,
  weights: Float64Array | null,
  k: number,
  lang: Lang,
): Pick<SurveyCrosstab, 'row' | 'col' | 'rows' | 'cols' | 'cells' | 'total'> {
  const R = categoryCount(rowVar);
  const C = categoryCount(colVar);
  const t = tallyCrosstab(m, weights, rowVar.index, R, colVar.index, C);
  const stride = C + 1;
  const at = (r: number, c: number) => (r + 1) * stride + (c + 1);
  const counts = Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => t.counts[at(r, c)]!));
  const plan = planSuppression(counts, k);
  const colW = new Float64Array(C);
  const colW2 = new Float64Array(C);
  const colN = new Float64Array(C);
  const rowW = new Float64Array(R);
  const rowN = new Float64Array(R);
  let totalN = 0;
  let totalW = 0;
  for (let r = 0; r < R; r += 1) {
    for (let c = 0; c < C; c += 1) {
      const i = at(r, c);
      colW[c]! += t.sumW[i]!;
      colW2[c]! += t.sumW2[i]!;
      colN[c]! += t.counts[i]!;
      rowW[r]! += t.sumW[i]!;
      rowN[r]! += t.counts[i]!;
      totalN += t.counts[i]!;
      totalW += t.sumW[i]!;
    }
  }
  const colEff = Array.from(colW, (w, c) => (weights ? kishEffectiveSize(w, colW2[c]!) : colN[c]!));
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
        if (mark) return { n: null, colShare: null, colCiLow: null, colCiHigh: null, rowShare: null, suppressed: mark };
        const w = t.sumW[at(r, c)]!;
        const colShare = colW[c]! > 0 ? w / colW[c]! : null;
        const ci = colShare === null ? null : wilson(colShare, colEff[c]!);
        return {
          n,
          colShare,
          colCiLow: ci?.low ?? null,
          colCiHigh: ci?.high ?? null,
          rowShare: rowW[r]! > 0 ? w / rowW[r]! : null,
          suppressed: null,
        };
      }),
    ),
    total: { n: plan.total ? null : totalN, suppressed: plan.total },
  };
}
