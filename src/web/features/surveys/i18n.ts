import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The staff's survey screens' own catalogue, registered as the i18next namespace "surveys"
 * (list, record, questionnaire editor, codes and letters, paper returns, import). Same keys in both files.
 */
en satisfies typeof de;
de satisfies typeof en;

export const SURVEYS_NS = 'surveys';

i18n.addResourceBundle('de', SURVEYS_NS, de, true, true);
i18n.addResourceBundle('en', SURVEYS_NS, en, true, true);

/** Plural forms (`x_one`, `x_other`) are called as `x` with a count. */
type Singular<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, e.g. `code.title`. */
export type SurveysKey = Leaves<typeof de>;
export type SurveysT = (key: SurveysKey, options?: Record<string, unknown>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** Translates a key of this feature's namespace in the current language (outside React). */
export const tsv: SurveysT = (key, options) => (i18n.t as unknown as LooseT)(key, { ...options, ns: SURVEYS_NS });

/** The typed `t` of this feature; the component re-renders when the language changes. */
export function useSurveysT(): SurveysT {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  return useMemo(() => {
    const fixed = i18n.getFixedT(language, SURVEYS_NS as never) as unknown as LooseT;
    return (key: SurveysKey, options?: Record<string, unknown>) => fixed(key, options);
  }, [language]);
}
