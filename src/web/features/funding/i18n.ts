import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The catalogue of projects and funding, registered as the i18next namespace "funding", so this
 * feature's strings live beside its code. Both files must have the same keys (type-checked here).
 */
en satisfies typeof de;
de satisfies typeof en;

export const FUNDING_NS = 'funding';

i18n.addResourceBundle('de', FUNDING_NS, de, true, true);
i18n.addResourceBundle('en', FUNDING_NS, en, true, true);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, e.g. `overview.title`. */
export type FundingKey = Leaves<typeof de>;
export type FundingT = (key: FundingKey, options?: Record<string, unknown>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** Translates a key of this feature's namespace in the current language (outside React). */
export const tfu: FundingT = (key, options) => (i18n.t as unknown as LooseT)(key, { ...options, ns: FUNDING_NS });

/** The typed `t` of this feature; the component re-renders when the language changes. */
export function useFundingT(): FundingT {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  return useMemo(() => {
    const fixed = i18n.getFixedT(language, FUNDING_NS as never) as unknown as LooseT;
    return (key: FundingKey, options?: Record<string, unknown>) => fixed(key, options);
  }, [language]);
}
