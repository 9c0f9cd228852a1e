import { currentLanguage } from '../lib/i18n.ts';

/** Today as YYYY-MM-DD in the state's time zone (the server dates events the same way). */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Whether a string is a real calendar date YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** A calendar date as people read it: "14.03.2024" / "14/03/2024". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** A calendar date written out: "14. März 2024" / "14 March 2024". */
export function formatLongDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

/** An instant (UTC timestamp) in local date and time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A number in the UI language. */
export function formatNumber(n: number): string {
  return n.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE');
}
