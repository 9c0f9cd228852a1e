import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import type { MessageTexts } from './answer-model.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The public questionnaire's own catalogue, registered as the i18next namespace "surveyPublic".
 * The questions themselves come with their own German and English texts in the definition; this
 * catalogue holds only the frame (code entry, steps, hints, messages). Same keys in both files.
 */
en satisfies typeof de;
de satisfies typeof en;

export const SURVEY_PUBLIC_NS = 'surveyPublic';

i18n.addResourceBundle('de', SURVEY_PUBLIC_NS, de, true, true);
i18n.addResourceBundle('en', SURVEY_PUBLIC_NS, en, true, true);

/** Plural forms (`x_one`, `x_other`) are called as `x` with a count. */
type Singular<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, e.g. `code.title`. */
export type SurveyPublicKey = Leaves<typeof de>;
export type SurveyPublicT = (key: SurveyPublicKey, options?: Record<string, unknown>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The typed `t` of this feature (in `lang`, or the UI language); the component re-renders when the language changes. */
export function useSurveyPublicT(lang?: string): SurveyPublicT {
  const { i18n: instance } = useTranslation();
  const language = lang ?? instance.language;
  return useMemo(() => {
    const fixed = i18n.getFixedT(language, SURVEY_PUBLIC_NS as never) as unknown as LooseT;
    return (key: SurveyPublicKey, options?: Record<string, unknown>) => fixed(key, options);
  }, [language]);
}

/** The answer messages that name the question's limits, in the current language. */
export function messageTexts(t: SurveyPublicT): MessageTexts {
  return {
    notNumber: t('errors.notNumber'),
    outOfRange: (q) => t('errors.outOfRange', { min: q.min, max: q.max }),
    tooLong: (q) => t('errors.tooLong', { max: q.maxLength }),
    tooMany: (q) => t('errors.tooMany', { count: q.maxChoices }),
  };
}
