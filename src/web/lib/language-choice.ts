/*
 * The language a visitor chose on this device, without i18next (decision 040): lib/i18n.ts and the
 * light public entries read and write the same choice, so it follows a visitor between them.
 */

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'praevis.language';

/** The language chosen on this device, if any. */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'de' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the choice on this device. */
export function rememberLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}
