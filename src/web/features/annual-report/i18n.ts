import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The catalogue of the annual report page, registered as the i18next namespace "annualReport"
 * (German first, English with the same keys, type-checked here).
 */
en satisfies typeof de;
de satisfies typeof en;

export const ANNUAL_REPORT_NS = 'annualReport';

i18n.addResourceBundle('de', ANNUAL_REPORT_NS, de, true, true);
i18n.addResourceBundle('en', ANNUAL_REPORT_NS, en, true, true);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type AnnualReportKey = Leaves<typeof de>;
export type AnnualReportT = (key: AnnualReportKey, options?: Record<string, unknown>) => string;
type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The typed `t` of this feature; the component re-renders when the language changes. */
export function useAnnualReportT(): AnnualReportT {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  return useMemo(() => {
    const fixed = i18n.getFixedT(language, ANNUAL_REPORT_NS as never) as unknown as LooseT;
    return (key: AnnualReportKey, options?: Record<string, unknown>) => fixed(key, options);
  }, [language]);
}
