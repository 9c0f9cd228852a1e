import { catalogueTexts, type CatalogueKey, type Texts } from '../../light/texts.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The sign-in page's own catalogue, looked up without i18next (light/texts.ts, decision 040): the
 * page is a light entry and loads neither the app's i18n nor its catalogue. Same keys in both files.
 */
en satisfies typeof de;
de satisfies typeof en;

export type SignInT = Texts<CatalogueKey<typeof de>>;

/** The typed `t` of the sign-in page in a language. */
export const signInT = catalogueTexts({ de, en });
