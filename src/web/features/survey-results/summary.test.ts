import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { SurveyIndex } from '../../../shared/survey-results.schema.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';
import type { SurveyResultsT } from './i18n.ts';
import { quantifierOf, summarySentences } from './summary.ts';

async function translator(lang: 'de' | 'en'): Promise<SurveyResultsT> {
  const instance = i18next.createInstance();
  await instance.init({ lng: lang, resources: { de: { r: de }, en: { r: en } }, defaultNS: 'r', interpolation: { escapeValue: false } });
  return instance.getFixedT(lang) as unknown as SurveyResultsT;
}

const estimate = (value: number | null, ciLow: number | null, ciHigh: number | null, suppressed: 'primary' | null = null) => ({
  value,
  se: value === null ? null : 0.015,
  ciLow,
  ciHigh,
  n: 900,
  suppressed,
});

const INDICES: SurveyIndex[] = [
  {
    id: 'unsafe_night',
    label: 'Nachts unsicher',
    description: '',
    unit: 'share',
    estimate: estimate(0.2412, 0.2108, 0.2741),
    components: [],
  },
  { id: 'incivility', label: 'Incivility-Index', description: '', unit: 'score', estimate: estimate(31.64, 29.9, 33.4), components: [] },
  {
    id: 'avoidance',
    label: 'Vermeidungsverhalten',
    description: '',
    unit: 'share',
    estimate: estimate(0.5049, 0.47, 0.54),
    components: [],
  },
  {
    id: 'victimisation',
    label: 'Opfererfahrung',
    description: '',
    unit: 'share',
    estimate: estimate(null, null, null, 'primary'),
    components: [],
  },
  {
    id: 'trust_police',
    label: 'Vertrauen in die Polizei',
    description: '',
    unit: 'share',
    estimate: estimate(0.672, 0.64, 0.7),
    components: [],
  },
];

describe('the plain-language summary of the survey results', () => {
  it('says a share as the nearest simple fraction, few below 7 %, almost all above 95 %', () => {
    expect(quantifierOf(0.24)).toEqual({ kind: 'oneIn', n: 4 });
    expect(quantifierOf(0.1)).toEqual({ kind: 'oneIn', n: 10 });
    expect(quantifierOf(0.34)).toEqual({ kind: 'oneIn', n: 3 });
    expect(quantifierOf(0.41)).toEqual({ kind: 'mOfN', m: 2, n: 5 });
    expect(quantifierOf(0.52)).toEqual({ kind: 'half' });
    expect(quantifierOf(0.68)).toEqual({ kind: 'mOfN', m: 2, n: 3 });
    expect(quantifierOf(0.05)).toEqual({ kind: 'few' });
    expect(quantifierOf(0.97)).toEqual({ kind: 'almostAll' });
  });

  it('writes one German sentence per index with value and interval, the verb agreeing with the quantifier', async () => {
    expect(summarySentences(INDICES, await translator('de'), 'de')).toEqual([
      'Etwa jede vierte befragte Person fühlt sich nachts allein in der Wohngegend unsicher (24 %, zwischen 21 und 27 %).',
      'Probleme in der Wohngegend wie Graffiti, Müll oder Vandalismus werden im Mittel mit 32 von 100 Punkten bewertet (zwischen 30 und 33; 0 = kein Problem, 100 = großes Problem).',
      'Etwa die Hälfte der Befragten meidet abends bestimmte Orte oder schützt sich auf andere Weise (50 %, zwischen 47 und 54 %).',
      'Opfererfahrung: zu wenige Antworten für eine Aussage.',
      'Etwa zwei von drei Befragten haben viel oder sehr viel Vertrauen in die Polizei (67 %, zwischen 64 und 70 %).',
    ]);
  });

  it('writes the same in English', async () => {
    const out = summarySentences(INDICES, await translator('en'), 'en');
    expect(out[0]).toBe('About one in four respondents feels unsafe alone at night in their neighbourhood (24%, between 21 and 27%).');
    expect(out[2]).toBe(
      'About half of the respondents avoid certain places in the evening or protect themselves in another way (50%, between 47 and 54%).',
    );
    expect(out[4]).toBe('About two in three respondents have much or very much trust in the police (67%, between 64 and 70%).');
  });
});
