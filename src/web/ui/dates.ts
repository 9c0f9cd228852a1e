import { currentLanguage } from '../lib/i18n.ts';

/** A number in the UI language. */
export function formatNumber(n: number): string {
  return n.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE');
}
