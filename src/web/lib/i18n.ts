import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../i18n/de.json';
import en from '../i18n/en.json';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'praevis.language';

// Both catalogues must have exactly the same keys; a missing translation fails the type check.
en satisfies typeof de;
de satisfies typeof en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de };
  }
}

function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'de' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** Whether the user chose a language on this device (then it wins over the account's locale). */
export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage() ?? 'de',
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

/** Switches the UI language and remembers the choice on this device. */
export async function chooseLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  await i18n.changeLanguage(lng);
}

/** The current language as one of ours. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'de';
}
