import type { Estimate, SurveyIndex } from '../../../shared/survey-results.schema.ts';
import { num, pct } from './format.ts';
import type { SurveyResultsKey, SurveyResultsT } from './i18n.ts';

/** A share said in words: "about one in four", "about half", "about two in three", … */
export type Quantifier =
  { kind: 'few' } | { kind: 'oneIn'; n: number } | { kind: 'half' } | { kind: 'mOfN'; m: number; n: number } | { kind: 'almostAll' };

const FRACTIONS: Array<[number, Quantifier]> = [
  [1 / 10, { kind: 'oneIn', n: 10 }],
  [1 / 8, { kind: 'oneIn', n: 8 }],
  [1 / 6, { kind: 'oneIn', n: 6 }],
  [1 / 5, { kind: 'oneIn', n: 5 }],
  [1 / 4, { kind: 'oneIn', n: 4 }],
  [1 / 3, { kind: 'oneIn', n: 3 }],
  [2 / 5, { kind: 'mOfN', m: 2, n: 5 }],
  [1 / 2, { kind: 'half' }],
  [3 / 5, { kind: 'mOfN', m: 3, n: 5 }],
  [2 / 3, { kind: 'mOfN', m: 2, n: 3 }],
  [3 / 4, { kind: 'mOfN', m: 3, n: 4 }],
  [4 / 5, { kind: 'mOfN', m: 4, n: 5 }],
  [9 / 10, { kind: 'mOfN', m: 9, n: 10 }],
];

/** The simple fraction nearest to a share (0–1); below 7 % "few", above 95 % "almost all". */
export function quantifierOf(share: number): Quantifier {
  if (share < 0.07) return { kind: 'few' };
  if (share > 0.95) return { kind: 'almostAll' };
  let best = FRACTIONS[0]!;
  for (const f of FRACTIONS) if (Math.abs(f[0] - share) < Math.abs(best[0] - share)) best = f;
  return best[1];
}

/** Whether the verb after the quantifier is singular: "jede vierte … fühlt", "die Hälfte … fühlt"; "one in four … feels". */
function singular(q: Quantifier, lang: string): boolean {
  return q.kind === 'oneIn' || (q.kind === 'half' && lang !== 'en');
}

function subject(q: Quantifier, t: SurveyResultsT): string {
  switch (q.kind) {
    case 'oneIn':
      return t('summary.q.oneIn', {
        word: t(`summary.word.${q.n}` as SurveyResultsKey),
        ordinal: t(`summary.ordinal.${q.n}` as SurveyResultsKey),
      });
    case 'mOfN':
      return t('summary.q.mOfN', { m: t(`summary.word.${q.m}` as SurveyResultsKey), n: t(`summary.word.${q.n}` as SurveyResultsKey) });
    default:
      return t(`summary.q.${q.kind}`);
  }
}

const SHARE_INDICES = ['unsafe_night', 'avoidance', 'victimisation', 'trust_police'] as const;

function shown(e: Estimate): e is Estimate & { value: number } {
  return !e.suppressed && e.value !== null;
}

/**
 * The survey's results in plain sentences, one per standard index: "Etwa jede vierte befragte
 * Person fühlt sich nachts allein in der Wohngegend unsicher (24 %, zwischen 21 und 27 %)." A
 * suppressed index says there are too few answers; an index the questionnaire lacks is left out.
 */
export function summarySentences(indices: SurveyIndex[], t: SurveyResultsT, lang: string): string[] {
  const out: string[] = [];
  for (const i of indices) {
    if (i.unit === 'score') {
      const e = i.estimate;
      out.push(
        shown(e)
          ? t('summary.score', { value: num(e.value, lang, 0), low: num(e.ciLow, lang, 0), high: num(e.ciHigh, lang, 0) })
          : t('summary.suppressed', { label: i.label }),
      );
      continue;
    }
    if (!(SHARE_INDICES as readonly string[]).includes(i.id)) continue;
    const e = i.estimate;
    if (!shown(e)) {
      out.push(t('summary.suppressed', { label: i.label }));
      continue;
    }
    const q = quantifierOf(e.value);
    const predicate = t(`summary.p.${i.id}_${singular(q, lang) ? 'one' : 'other'}` as SurveyResultsKey);
    out.push(
      t('summary.share', {
        subject: subject(q, t),
        predicate,
        value: pct(e.value, lang, 0),
        low: e.ciLow === null ? '–' : num(e.ciLow * 100, lang, 0),
        high: e.ciHigh === null ? '–' : num(e.ciHigh * 100, lang, 0),
      }),
    );
  }
  return out;
}
