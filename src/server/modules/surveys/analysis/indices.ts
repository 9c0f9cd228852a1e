import type { CodebookVariable } from '../../../../shared/survey-questionnaire.ts';
import type { Estimate, IndexId } from '../../../../shared/survey-results.schema.ts';
import { type Lang, text } from './results.ts';
import { emptyClassSums, type EstimatePart, type LinearisationDesign, linearisedMean, unweightedDesign } from './linearise.ts';
import { kishEffectiveSize, logitInterval, meanDifference, Z95 } from './statistics.ts';
import type { ResponseMatrix } from './tabulate.ts';

/*
 * Indices of the standard questionnaire, found by variable name and option code, so they work on
 * any questionnaire version that keeps those items (an index whose items are missing is left out):
 *
 * - unsafe_night: share answering „ziemlich unsicher“ or „sehr unsicher“ to `sicher_nachts`.
 * - incivility: per respondent the mean problem score over the answered rows of `inzivilitaet`
 *   (kein = 0, gering = 33⅓, ziemlich = 66⅔, groß = 100), for respondents who answered at least
 *   half of the rows; the index is the (weighted) mean, 0–100. Components: each row's mean score.
 * - avoidance: share with at least one „ja“ among the answered rows of `meiden`.
 * - victimisation: share naming at least one offence in `opfer` (not „nichts davon“).
 * - trust_police: share with much or very much trust (t4, t5) in `vertrauen_polizei`.
 *
 * Everything is kept as sufficient statistics per weighting class (n, Σx, Σx² – weights are
 * constant within a class), so linearised variances follow and the statewide result pools
 * surveys as independent strata.
 */

export interface Stats {
  n: number;
  positives: number;
  /** One part per independent sample (a survey, raked on its own): its design and per-class sums. */
  parts: EstimatePart[];
}

const statsOf = (design: LinearisationDesign): Stats => ({
  n: 0,
  positives: 0,
  parts: [{ design, sums: emptyClassSums(design.size.length) }],
});

/**
 * Pools the statistics of independent samples (the statewide result, several questionnaire
 * versions): weighted parts stay separate strata; unweighted parts are one simple random sample.
 */
export function addStats(a: Stats, b: Stats): Stats {
  const parts = [...a.parts, ...b.parts];
  const plain = parts.filter((p) => !p.design.calibrated);
  const merged: EstimatePart[] = parts.filter((p) => p.design.calibrated);
  if (plain.length > 0) {
    const sums = emptyClassSums(1);
    let n = 0;
    for (const p of plain) {
      n += p.design.n;
      for (let k = 0; k < p.design.size.length; k += 1) {
        sums.n[0]! += p.sums.n[k]!;
        sums.sy[0]! += p.sums.sy[k]!;
        sums.syy[0]! += p.sums.syy[k]!;
      }
    }
    merged.push({ design: unweightedDesign(n), sums });
  }
  return { n: a.n + b.n, positives: a.positives + b.positives, parts: merged };
}

export interface IndexStats {
  id: IndexId;
  unit: 'share' | 'score';
  label: { de: string; en: string };
  description: { de: string; en: string };
  total: Stats;
  components: Array<{ name: string; label: string; stats: Stats }>;
}

const DEFS: Record<IndexId, { unit: 'share' | 'score'; label: { de: string; en: string }; description: { de: string; en: string } }> = {
  unsafe_night: {
    unit: 'share',
    label: { de: 'Nachts unsicher', en: 'Unsafe at night' },
    description: {
      de: 'Anteil „ziemlich unsicher“ oder „sehr unsicher“ nachts allein in der Wohngegend',
      en: 'Share feeling fairly or very unsafe alone at night in the neighbourhood',
    },
  },
  incivility: {
    unit: 'score',
    label: { de: 'Incivility-Index', en: 'Incivility index' },
    description: {
      de: 'Mittlere Problembelastung durch Incivilities (0 = kein Problem, 100 = großes Problem)',
      en: 'Mean problem score of incivilities (0 = no problem, 100 = big problem)',
    },
  },
  avoidance: {
    unit: 'share',
    label: { de: 'Vermeidungsverhalten', en: 'Avoidance behaviour' },
    description: {
      de: 'Anteil mit mindestens einem Vermeidungsverhalten beim letzten abendlichen Ausgehen',
      en: 'Share with at least one avoidance behaviour when last going out in the evening',
    },
  },
  victimisation: {
    unit: 'share',
    label: { de: 'Opfererfahrung', en: 'Victimisation' },
    description: {
      de: 'Anteil mit mindestens einer Opfererfahrung in den letzten 12 Monaten',
      en: 'Share victimised at least once in the last 12 months',
    },
  },
  trust_police: {
    unit: 'share',
    label: { de: 'Vertrauen in die Polizei', en: 'Trust in the police' },
    description: { de: 'Anteil mit viel oder sehr viel Vertrauen in die Polizei', en: 'Share with much or very much trust in the police' },
  },
};

/** The names of the standard indices in German and English (the area profile translates by them). */
export const INDEX_LABELS: Readonly<Record<IndexId, { de: string; en: string }>> = Object.fromEntries(
  Object.entries(DEFS).map(([id, d]) => [id, d.label]),
) as Record<IndexId, { de: string; en: string }>;

function add(s: Stats, k: number, x: number, positive: boolean): void {
  s.n += 1;
  if (positive) s.positives += 1;
  const sums = s.parts[0]!.sums;
  sums.n[k]! += 1;
  sums.sy[k]! += x;
  sums.syy[k]! += x * x;
}

/** Computes the sufficient statistics of every index the codebook supports. */
export function computeIndexStats(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  design: LinearisationDesign,
  lang: Lang,
): IndexStats[] {
  const zero = () => statsOf(design);
  const byName = new Map(codebook.map((v) => [v.name, v]));
  const out: IndexStats[] = [];
  const make = (id: IndexId, components: Array<{ name: string; label: string; stats: Stats }> = []): IndexStats => ({
    id,
    ...DEFS[id],
    total: zero(),
    components,
  });
  const valueOf = (v: CodebookVariable, code: string) => v.values.find((x) => x.code === code)?.value ?? -1;
  const w = (i: number) => design.classOf[i]!;
  const cell = (i: number, v: CodebookVariable) => m.data[i * m.cols + v.index]!;

  // Felt safety at night.
  const night = byName.get('sicher_nachts');
  if (night && night.kind === 'single') {
    const idx = make('unsafe_night');
    const bad = new Set([valueOf(night, 'ziemlich_unsicher'), valueOf(night, 'sehr_unsicher')]);
    for (let i = 0; i < m.rows; i += 1) {
      const x = cell(i, night);
      if (x === 0 || x > night.values.length) continue;
      const p = bad.has(x);
      add(idx.total, w(i), p ? 1 : 0, p);
    }
    out.push(idx);
  }

  // Incivilities: scores 0–100 per answered row.
  const inc = codebook.filter((v) => v.kind === 'matrix_row' && v.questionId === 'inzivilitaet');
  if (inc.length > 0) {
    const idx = make(
      'incivility',
      inc.map((v) => ({ name: v.name, label: text(v.label, lang), stats: zero() })),
    );
    const need = Math.ceil(inc.length / 2);
    for (let i = 0; i < m.rows; i += 1) {
      let sum = 0;
      let answered = 0;
      inc.forEach((v, r) => {
        const x = cell(i, v);
        const K = v.values.length;
        if (x === 0 || x > K || K < 2) return;
        const score = ((x - 1) / (K - 1)) * 100;
        add(idx.components[r]!.stats, w(i), score, false);
        sum += score;
        answered += 1;
      });
      if (answered >= need && answered > 0) add(idx.total, w(i), sum / answered, false);
    }
    out.push(idx);
  }

  // Avoidance: at least one "ja".
  const avoid = codebook.filter((v) => v.kind === 'matrix_row' && v.questionId === 'meiden');
  if (avoid.length > 0) {
    const idx = make(
      'avoidance',
      avoid.map((v) => ({ name: v.name, label: text(v.label, lang), stats: zero() })),
    );
    for (let i = 0; i < m.rows; i += 1) {
      let answered = false;
      let any = false;
      avoid.forEach((v, r) => {
        const x = cell(i, v);
        if (x === 0 || x > v.values.length) return;
        const yes = x === valueOf(v, 'ja');
        add(idx.components[r]!.stats, w(i), yes ? 1 : 0, yes);
        answered = true;
        any ||= yes;
      });
      if (answered) add(idx.total, w(i), any ? 1 : 0, any);
    }
    out.push(idx);
  }

  // Victimisation: any offence named.
  const victim = codebook.filter((v) => v.kind === 'multi_option' && v.questionId === 'opfer' && v.name !== 'opfer_nichts');
  if (victim.length > 0) {
    const none = byName.get('opfer_nichts');
    const idx = make(
      'victimisation',
      victim.map((v) => ({ name: v.name, label: text(v.label, lang), stats: zero() })),
    );
    for (let i = 0; i < m.rows; i += 1) {
      const answered = victim.some((v) => cell(i, v) > 0) || (none !== undefined && cell(i, none) > 0);
      if (!answered) continue;
      let any = false;
      victim.forEach((v, r) => {
        const yes = cell(i, v) === 2;
        add(idx.components[r]!.stats, w(i), yes ? 1 : 0, yes);
        any ||= yes;
      });
      add(idx.total, w(i), any ? 1 : 0, any);
    }
    out.push(idx);
  }

  // Trust in the police.
  const trust = byName.get('vertrauen_polizei');
  if (trust && trust.kind === 'matrix_row') {
    const idx = make('trust_police');
    const good = new Set([valueOf(trust, 't4'), valueOf(trust, 't5')]);
    for (let i = 0; i < m.rows; i += 1) {
      const x = cell(i, trust);
      if (x === 0 || x > trust.values.length) continue;
      const p = good.has(x);
      add(idx.total, w(i), p ? 1 : 0, p);
    }
    out.push(idx);
  }
  return out;
}

/** An estimate with its interval and the internals needed to compare it. */
export interface InternalEstimate extends Estimate {
  nEffective: number;
}

/**
 * The estimate of a share or score from its statistics, suppressed when fewer than k answered –
 * and, for a share, when fewer than k are on either side (a share of 2 of 300 shows a group of 2).
 * Shares: linearised SE and logit interval (svyciprop); scores: linearised SE and normal interval.
 */
export function estimate(s: Stats, unit: 'share' | 'score', k: number): InternalEstimate {
  const smallGroup = (x: number) => x > 0 && x < k;
  const suppressed = smallGroup(s.n) || (unit === 'share' && (smallGroup(s.positives) || smallGroup(s.n - s.positives)));
  if (suppressed) return { value: null, se: null, ciLow: null, ciHigh: null, n: null, suppressed: 'primary', nEffective: 0 };
  if (s.n === 0) return { value: null, se: null, ciLow: null, ciHigh: null, n: 0, suppressed: null, nEffective: 0 };
  const e = linearisedMean(s.parts);
  const nEffective = kishEffectiveSize(e.sumW, e.sumW2);
  const se = Number.isFinite(e.se) ? e.se : null;
  if (unit === 'share') {
    const ci = se === null ? null : logitInterval(e.value, se, s.n - 1);
    return { value: e.value, se, ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null, n: s.n, suppressed: null, nEffective };
  }
  return {
    value: e.value,
    se,
    ciLow: se === null ? null : e.value - Z95 * se,
    ciHigh: se === null ? null : e.value + Z95 * se,
    n: s.n,
    suppressed: null,
    nEffective,
  };
}

export const publicEstimate = (e: InternalEstimate): Estimate => ({
  value: e.value,
  se: e.se,
  ciLow: e.ciLow,
  ciHigh: e.ciHigh,
  n: e.n,
  suppressed: e.suppressed,
});

/**
 * current − other with a normal 95 % interval from the two linearised SEs (independent samples:
 * another wave, the other surveys); null when either side is hidden, empty or has no SE.
 */
export function compareEstimates(a: InternalEstimate, b: InternalEstimate): { value: number; ciLow: number; ciHigh: number } | null {
  if (a.value === null || b.value === null || a.suppressed || b.suppressed || a.se === null || b.se === null) return null;
  const d = meanDifference(a.value, a.se, b.value, b.se);
  return { value: d.difference, ciLow: d.low, ciHigh: d.high };
}
