import { tz, TZDate, tzOffset } from '@date-fns/tz';
import { addDays as addCalendarDays, differenceInCalendarDays, format } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';

/*
 * Time and calendar days, in one place (style guide section 7).
 *
 * - A calendar day is an ISO date `YYYY-MM-DD` in the state's time zone, Europe/Berlin: "today",
 *   deadlines, field periods, event dates.
 * - An instant is an ISO-8601 UTC timestamp (`2026-03-29T01:30:00.000Z`): created_at, audit entries.
 * - "Now" is read only through `clock`, so tests can put the server at any instant
 *   (`setClock('2026-03-28T23:30:00Z')` … `resetClock()`, or `withClock(instant, fn)`).
 * - Dates on screen and on paper are written by `formatDate` / `formatDateTime`
 *   (German `14.03.2024` / `14.03.2024, 09:30`, English `14/03/2024` / `14/03/2024, 09:30`).
 * - Durations that protect the service (session lifetimes, sign-in lockouts, rate limits, fetch
 *   timeouts) measure real elapsed time and do not follow the clock.
 */

export const TIME_ZONE = 'Europe/Berlin';

/** Date-fns context option for calculations in Europe/Berlin: `addDays(d, 1, { in: inBerlin })`. */
export const inBerlin = tz(TIME_ZONE);

/** A calendar day `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant as ISO-8601 UTC text, a Date or epoch milliseconds. */
export type Instant = string | Date | number;

const realNow = (): Date => new Date();

/** The source of "now". Read it through `now()`, `nowIso()` and `todayBerlin()`. */
export const clock: { now: () => Date } = { now: realNow };

/**
 * Puts the clock at an instant (tests, demo data). By default the clock runs on from there at
 * real speed, so timestamps written one after the other still increase; `frozen` stops it.
 * A function is used as it is.
 */
export function setClock(at: Instant | (() => Date), opts: { frozen?: boolean } = {}): void {
  if (typeof at === 'function') {
    clock.now = at;
    return;
  }
  const start = toDate(at).getTime();
  if (opts.frozen) {
    clock.now = () => new Date(start);
    return;
  }
  const offset = start - Date.now();
  clock.now = () => new Date(Date.now() + offset);
}

/** Back to the real time. */
export function resetClock(): void {
  clock.now = realNow;
}

/** Runs `fn` with the clock at `at` and restores the previous clock afterwards (also for a promise). */
export function withClock<T>(at: Instant, fn: () => T, opts: { frozen?: boolean } = {}): T {
  const previous = clock.now;
  setClock(at, opts);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    clock.now = previous;
    throw e;
  }
  if (result instanceof Promise) {
    return result.finally(() => {
      clock.now = previous;
    }) as T;
  }
  clock.now = previous;
  return result;
}

/** The current instant. */
export function now(): Date {
  return clock.now();
}

/** The current instant as ISO-8601 UTC text (timestamps such as created_at). */
export function nowIso(): string {
  return clock.now().toISOString();
}

function toDate(at: Instant): Date {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(at)}`);
  return d;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day in Europe/Berlin of an instant. */
export function berlinDateOf(at: Instant): IsoDate {
  const d = toDate(at);
  // Shift by the zone's offset at that instant and read the UTC fields: one cached Intl lookup.
  const local = new Date(d.getTime() + tzOffset(TIME_ZONE, d) * 60_000);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** Today's calendar day in Europe/Berlin, by the clock. */
export function todayBerlin(): IsoDate {
  return berlinDateOf(clock.now());
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date.slice(0, 10));
  if (!m) throw new RangeError(`Not a calendar day: ${date}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** Midnight of a calendar day in Europe/Berlin, as a TZDate. */
function berlinMidnight(date: IsoDate): TZDate {
  const [y, m, d] = parts(date);
  return new TZDate(y, m, d, TIME_ZONE);
}

/**
 * A calendar day as a plain Date at local midnight, for arithmetic and formatting of days: a day
 * has no time of day, so counting on local midnight gives the same days in any zone (date-fns
 * keeps the wall time across a daylight-saving change), and it is many times faster than TZDate.
 */
function calendarDay(date: IsoDate): Date {
  const [y, m, d] = parts(date);
  return new Date(y, m, d);
}

/** The instant (ISO UTC) at which a calendar day begins in Europe/Berlin. */
export function startOfBerlinDay(date: IsoDate): string {
  return new Date(berlinMidnight(date).getTime()).toISOString();
}

/**
 * The instant (ISO UTC) of a wall-clock time `HH:mm` on a calendar day in Europe/Berlin, or null
 * when that time does not exist (the hour skipped when clocks go forward). A time of the hour
 * repeated in October resolves to its first occurrence.
 */
export function berlinInstant(date: IsoDate, time: string): string | null {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const start = berlinMidnight(date);
  const candidate = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), hh, mm, TIME_ZONE);
  if (candidate.getHours() !== hh || candidate.getMinutes() !== mm) return null;
  // Of two instants showing this wall time (October), take the earlier one.
  const hourEarlier = new TZDate(candidate.getTime() - 3_600_000, TIME_ZONE);
  const at =
    hourEarlier.getHours() === hh && hourEarlier.getMinutes() === mm && hourEarlier.getDate() === candidate.getDate()
      ? hourEarlier
      : candidate;
  return new Date(at.getTime()).toISOString();
}

/** The calendar day `n` days after (or before, for negative n) a day. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return format(addCalendarDays(calendarDay(date), n), 'yyyy-MM-dd');
}

/** Whole calendar days from `from` to `to` (negative when `to` lies before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(calendarDay(to), calendarDay(from));
}

// ---- display ----

const LOCALES = { de, en: enGB } as const;
const pick = (lang: string) => (lang.startsWith('en') ? 'en' : 'de');
const PATTERNS = {
  de: { short: 'dd.MM.yyyy', long: 'd. MMMM yyyy', dateTime: 'dd.MM.yyyy, HH:mm' },
  en: { short: 'dd/MM/yyyy', long: 'd MMMM yyyy', dateTime: 'dd/MM/yyyy, HH:mm' },
} as const;

/**
 * A calendar day as people read it, in German (`14.03.2024`, long `14. März 2024`) or English
 * (`14/03/2024`, long `14 March 2024`). An instant is shown as its day in Europe/Berlin; nothing
 * as `–`; text that is no date stays as it is.
 */
export function formatDate(value: string | null | undefined, lang: string, style: 'short' | 'long' = 'short'): string {
  if (!value) return '–';
  const l = pick(lang);
  const day = value.length > 10 ? safe(() => berlinDateOf(value)) : value;
  if (!day || !isIsoDate(day)) return value;
  return format(calendarDay(day), PATTERNS[l][style], { locale: LOCALES[l] });
}

/** An instant as date and time in Europe/Berlin: `14.03.2024, 09:30` / `14/03/2024, 09:30`. */
export function formatDateTime(value: Instant | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '–';
  const d = safe(() => toDate(value));
  if (!d) return String(value);
  const l = pick(lang);
  return format(new TZDate(d.getTime(), TIME_ZONE), PATTERNS[l].dateTime, { locale: LOCALES[l] });
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
