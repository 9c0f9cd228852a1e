import type { CodebookVariable } from '../../../../shared/survey-questionnaire.ts';
import type { Estimate, IndexId } from '../../../../shared/survey-results.schema.ts';
import { type Lang, text } from './results.ts';
import { kishEffectiveSize, meanDifference, meanInterval, newcombeDifference, wilson, Z95 } from './statistics.ts';
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
 * Everything is kept as sufficient statistics (Σw, Σw², Σw·x, Σw·x², n and the count of
 * positives), so the statewide result pools surveys by adding their statistics.
 */

export interface Stats {
  n: number;
  positives: number;
  sumW: number;
  sumW2: number;
  sumWx: number;
  sumWx2: number;
}

const zero = (): Stats => ({ n: 0, positives: 0, sumW: 0, sumW2: 0, sumWx: 0, sumWx2: 0 });

export function addStats(a: Stats, b: Stats): Stats {
  return {
    n: a.n + b.n,
    positives: a.positives + b.positives,
    sumW: a.sumW + b.sumW,
    sumW2: a.sumW2 + b.sumW2,
    sumWx: a.sumWx + b.sumWx,
    sumWx2: a.sumWx2 + b.sumWx2,
  };
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

function add(s: Stats, w: number, x: number, positive: boolean): void {
  s.n += 1;
  if (positive) s.positives += 1;
  s.sumW += w;
  s.sumW2 += w * w;
  s.sumWx += w * x;
  s.sumWx2 += w * x * x;
}

/** Computes the sufficient statistics of every index the codebook supports. */
export function computeIndexStats(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  weights: Float64Array | null,
  lang: Lang,
): IndexStats[] {
  const byName = new Map(codebook.map((v) => [v.name, v]));
  const out: IndexStats[] = [];
  const make = (id: IndexId, components: Array<{ name: string; label: string; stats: Stats }> = []): IndexStats => ({
    id,
    ...DEFS[id],
    total: zero(),
    components,
  });
  const valueOf = (v: CodebookVariable, code: string) => v.values.find((x) => x.code === code)?.value ?? -1;
  const w = (i: number) => (weights ? weights[i]! : 1);
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
  se: number;
}

/**
 * The estimate of a share or score from its statistics, suppressed when fewer than k answered –
 * and, for a share, when fewer than k are on either side (a share of 2 of 300 shows a group of 2).
 */
export function estimate(s: Stats, unit: 'share' | 'score', k: number): InternalEstimate {
  // Unweighted statistics carry w = 1, so n_eff is then simply n.
  const nEff = kishEffectiveSize(s.sumW, s.sumW2);
  const smallGroup = (x: number) => x > 0 && x < k;
  const suppressed = smallGroup(s.n) || (unit === 'share' && (smallGroup(s.positives) || smallGroup(s.n - s.positives)));
  if (suppressed) return { value: null, ciLow: null, ciHigh: null, n: null, suppressed: 'primary', nEffective: 0, se: Number.NaN };
  if (s.n === 0) return { value: null, ciLow: null, ciHigh: null, n: 0, suppressed: null, nEffective: 0, se: Number.NaN };
  if (unit === 'share') {
    const p = s.sumWx / s.sumW;
    const ci = wilson(p, nEff);
    return { value: p, ciLow: ci.low, ciHigh: ci.high, n: s.n, suppressed: null, nEffective: nEff, se: Math.sqrt((p * (1 - p)) / nEff) };
  }
  const mi = meanInterval(s.sumW, s.sumW2, s.sumWx, s.sumWx2);
  const ok = Number.isFinite(mi.low);
  return {
    value: mi.mean,
    ciLow: ok ? mi.low : null,
    ciHigh: ok ? mi.high : null,
    n: s.n,
    suppressed: null,
    nEffective: mi.nEffective,
    se: ok ? (mi.high - mi.mean) / Z95 : Number.NaN,
  };
}

export const publicEstimate = (e: InternalEstimate): Estimate => ({
  value: e.value,
  ciLow: e.ciLow,
  ciHigh: e.ciHigh,
  n: e.n,
  suppressed: e.suppressed,
});

/** current − other with a 95 % interval (Newcombe for shares, normal for scores); null when either side is hidden or empty. */
export function compareEstimates(
  a: InternalEstimate,
  b: InternalEstimate,
  unit: 'share' | 'score',
): { value: number; ciLow: number; ciHigh: number } | null {
  if (a.value === null || b.value === null || a.suppressed || b.suppressed) return null;
  if (unit === 'share') {
    const d = newcombeDifference(a.value, a.nEffective, b.value, b.nEffective);
    return { value: d.difference, ciLow: d.low, ciHigh: d.high };
  }
  if (!Number.isFinite(a.se) || !Number.isFinite(b.se)) return null;
  const d = meanDifference(a.value, a.se, b.value, b.se);
  return { value: d.difference, ciLow: d.low, ciHigh: d.high };
}
