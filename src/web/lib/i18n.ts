import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type de from '../i18n/de.json';
import type en from '../i18n/en.json';
import { LANGUAGES, type Language, rememberLanguage, storedLanguage } from './language-choice.ts';

export { LANGUAGES, type Language } from './language-choice.ts';

// Both catalogues must have exactly the same keys; a missing translation fails the type check.
({}) as typeof en satisfies typeof de;
({}) as typeof de satisfies typeof en;

/*
 * Only the language on screen is loaded (each catalogue is a chunk of its own, about 9 KB
 * gzipped); the other one loads when a user switches to it (decision 020).
 */
const CATALOGUES: Record<Language, () => Promise<{ default: typeof de }>> = {
  de: () => import('../i18n/de.json'),
  en: () => import('../i18n/en.json'),
};

async function loadCatalogue(lng: Language): Promise<void> {
  if (i18n.hasResourceBundle(lng, 'translation')) return;
  const { default: catalogue } = await CATALOGUES[lng]();
  i18n.addResourceBundle(lng, 'translation', catalogue, true, true);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de };
  }
}

/** Whether the user chose a language on this device (then it wins over the account's locale). */
export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

export const i18n = i18next.createInstance();

const initialLanguage: Language = storedLanguage() ?? 'de';
void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: initialLanguage,
  fallbackLng: 'de',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** Resolves once the catalogue of the language on screen has loaded: an entry renders after it. */
// A catalogue that cannot load (the network failed) leaves the keys on screen rather than no page.
export const i18nReady: Promise<void> = loadCatalogue(initialLanguage).catch(() => undefined);

/** Switches the UI language (loading its catalogue first), without remembering it. */
export async function switchLanguage(lng: Language): Promise<void> {
  await loadCatalogue(lng);
  await i18n.changeLanguage(lng);
}

/** Switches the UI language and remembers the choice on this device. */
export async function chooseLanguage(lng: Language): Promise<void> {
  rememberLanguage(lng);
  await switchLanguage(lng);
}

/** The current language as one of ours. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'de';
}
