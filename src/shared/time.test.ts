import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  berlinDateOf,
  berlinInstant,
  clock,
  daysBetween,
  formatDate,
  formatDateTime,
  isIsoDate,
  now,
  nowIso,
  resetClock,
  setClock,
  startOfBerlinDay,
  todayBerlin,
  withClock,
} from './time.ts';

afterEach(() => resetClock());

describe('the clock', () => {
  it('is the real time unless set', () => {
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('can be set to an instant, frozen or running on from there', async () => {
    setClock('2026-03-28T23:30:00Z', { frozen: true });
    expect(nowIso()).toBe('2026-03-28T23:30:00.000Z');
    setClock('2026-03-28T23:30:00Z');
    const first = now().getTime();
    await new Promise((r) => setTimeout(r, 5));
    expect(now().getTime()).toBeGreaterThan(first);
    expect(first - Date.parse('2026-03-28T23:30:00Z')).toBeLessThan(1000);
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('withClock restores the previous clock, also after a promise', async () => {
    const real = clock.now;
    expect(withClock('2026-10-24T23:30:00Z', () => todayBerlin())).toBe('2026-10-25');
    expect(clock.now).toBe(real);
    await expect(withClock('2026-01-01T00:00:00Z', async () => todayBerlin())).resolves.toBe('2026-01-01');
    expect(clock.now).toBe(real);
  });
});

describe('today in Europe/Berlin', () => {
  it.each([
    // 23:30 UTC is already the next day in Berlin: 00:30 in winter, 01:30 in summer.
    ['2025-12-31T23:30:00Z', '2026-01-01'],
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-06-30T21:59:00Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    // 00:30 Berlin
    ['2026-02-14T23:30:00Z', '2026-02-15'],
    ['2026-08-14T22:30:00Z', '2026-08-15'],
    // the night of the change to summer time (29 March 2026) and back (25 October 2026)
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('at %s it is %s', (instant, day) => {
    setClock(instant, { frozen: true });
    expect(todayBerlin()).toBe(day);
    expect(berlinDateOf(instant)).toBe(day);
  });
});

describe('calendar arithmetic', () => {
  it('adds calendar days across both daylight-saving changes and month ends', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-30', -2)).toBe('2026-03-28');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -2)).toBe('2026-10-24');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('adds days to the Berlin today at 23:30 UTC on the eve of a change', () => {
    setClock('2026-03-28T23:30:00Z', { frozen: true });
    expect(addDays(todayBerlin(), -1)).toBe('2026-03-28');
    expect(addDays(todayBerlin(), 1)).toBe('2026-03-30');
  });

  it('steps through every day of two years one day at a time', () => {
    let day = '2025-12-31';
    for (let i = 0; i < 731; i++) {
      const next = addDays(day, 1);
      expect(daysBetween(day, next)).toBe(1);
      expect(isIsoDate(next)).toBe(true);
      expect(next > day).toBe(true);
      day = next;
    }
    expect(day).toBe('2028-01-01');
  });

  it('counts whole days across the changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('knows when a Berlin day begins (23 hours on 29 March, 25 on 25 October)', () => {
    expect(startOfBerlinDay('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfBerlinDay('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfBerlinDay('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfBerlinDay('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('turns a wall-clock time into an instant, none for the skipped hour, the first for the repeated one', () => {
    expect(berlinInstant('2026-03-29', '01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(berlinInstant('2026-03-29', '02:30')).toBeNull();
    expect(berlinInstant('2026-03-29', '03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(berlinInstant('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(berlinInstant('2026-10-25', '18:00')).toBe('2026-10-25T17:00:00.000Z');
    expect(berlinInstant('2026-10-24', '18:00')).toBe('2026-10-24T16:00:00.000Z');
  });

  it('checks calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('1.2.2026')).toBe(false);
  });
});

describe('dates on screen and on paper', () => {
  it('writes a calendar day in German and English', () => {
    expect(formatDate('2024-03-14', 'de')).toBe('14.03.2024');
    expect(formatDate('2024-03-14', 'en')).toBe('14/03/2024');
    expect(formatDate('2019-02-06', 'de', 'long')).toBe('6. Februar 2019');
    expect(formatDate('2023-03-01', 'de', 'long')).toBe('1. März 2023');
    expect(formatDate('2019-02-06', 'en', 'long')).toBe('6 February 2019');
    expect(formatDate(null, 'de')).toBe('–');
    expect(formatDate('', 'en')).toBe('–');
    expect(formatDate('unbekannt', 'de')).toBe('unbekannt');
  });

  it('writes an instant as its Berlin day and time, also across the changes', () => {
    expect(formatDate('2026-03-28T23:30:00.000Z', 'de')).toBe('29.03.2026');
    expect(formatDateTime('2026-03-28T23:30:00.000Z', 'de')).toBe('29.03.2026, 00:30');
    expect(formatDateTime('2026-03-29T01:30:00.000Z', 'de')).toBe('29.03.2026, 03:30');
    expect(formatDateTime('2026-10-25T00:30:00.000Z', 'en')).toBe('25/10/2026, 02:30');
    expect(formatDateTime('2026-10-25T01:30:00.000Z', 'en')).toBe('25/10/2026, 02:30');
    expect(formatDateTime('2026-10-25T02:30:00.000Z', 'de')).toBe('25.10.2026, 03:30');
    expect(formatDateTime(undefined, 'de')).toBe('–');
  });
});
