import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The home page's own catalogue (the work queue, decision 038), registered as the i18next
 * namespace "home"; the page's older texts stay under `home.` of the app's catalogue.
 */
en satisfies typeof de;
de satisfies typeof en;

export const HOME_NS = 'home';

i18n.addResourceBundle('de', HOME_NS, de, true, true);
i18n.addResourceBundle('en', HOME_NS, en, true, true);

/** Plural forms (`x_one`, `x_other`) are called as `x` with a count. */
type Singular<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, e.g. `titles.analysesLate`. */
export type HomeKey = Leaves<typeof de>;
export type HomeT = (key: HomeKey, options?: Record<string, unknown>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The typed `t` of this feature; the component re-renders when the language changes. */
export function useHomeT(): HomeT {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  return useMemo(() => {
    const fixed = i18n.getFixedT(language, HOME_NS as never) as unknown as LooseT;
    return (key: HomeKey, options?: Record<string, unknown>) => fixed(key, options);
  }, [language]);
}
