/*
 * The rules an event history of one municipality must obey, as a pure function. They are stated
 * in the same day-based terms as the figures (see ADR 005): what counts is the number of starts
 * and ends on or before each date, so the order in which events are entered does not matter.
 */
import type { EventType } from '../../../shared/alliance.schema.ts';
import { formatDateDe, formatDateEn } from './figures.ts';

/** An event as the rules see it; `ref` identifies it to the caller (an id, or an import line). */
export interface TimelineEvent<R = unknown> {
  ref: R;
  type: EventType;
  date: string;
  agreementId: number | null;
}

export interface Contradiction<R = unknown> {
  /** The events involved, the one to blame first. */
  refs: R[];
  field: 'date' | 'type' | 'agreementId';
  code: string;
  de: string;
  en: string;
}

interface Family {
  start: EventType;
  end: EventType;
  name: string;
  endWithoutStart: (d: string) => [string, string];
  endBeforeStart: (d: string, s: string) => [string, string];
  secondStart: (d: string, s: string | null) => [string, string];
}

const FAMILIES: Family[] = [
  {
    start: 'coaching_started', end: 'coaching_ended', name: 'coaching',
    endWithoutStart: (d) => [`Coaching-Ende am ${formatDateDe(d)}, aber es läuft kein Coaching.`, `Coaching ended on ${formatDateEn(d)}, but no coaching was running.`],
    endBeforeStart: (d, s) => [`Das Coaching kann nicht enden (${formatDateDe(d)}), bevor es begonnen hat (${formatDateDe(s)}).`, `Coaching cannot end (${formatDateEn(d)}) before it started (${formatDateEn(s)}).`],
    secondStart: (d, s) => [`Am ${formatDateDe(d)} läuft bereits ein Coaching${s ? ` (seit ${formatDateDe(s)})` : ''}; ein zweites kann nicht beginnen.`, `On ${formatDateEn(d)} a coaching process is already running${s ? ` (since ${formatDateEn(s)})` : ''}; a second cannot start.`],
  },
  {
    start: 'analysis_started', end: 'analysis_completed', name: 'analysis',
    endWithoutStart: (d) => [`Sicherheitsanalyse abgeschlossen am ${formatDateDe(d)}, aber keine wurde begonnen.`, `Security analysis completed on ${formatDateEn(d)}, but none was started.`],
    endBeforeStart: (d, s) => [`Die Sicherheitsanalyse kann nicht abgeschlossen werden (${formatDateDe(d)}), bevor sie begonnen hat (${formatDateDe(s)}).`, `The security analysis cannot be completed (${formatDateEn(d)}) before it started (${formatDateEn(s)}).`],
    secondStart: (d, s) => [`Am ${formatDateDe(d)} läuft bereits eine Sicherheitsanalyse${s ? ` (seit ${formatDateDe(s)})` : ''}.`, `On ${formatDateEn(d)} a security analysis is already under way${s ? ` (since ${formatDateEn(s)})` : ''}.`],
  },
  {
    start: 'withdrawn', end: 'resumed', name: 'withdrawal',
    endWithoutStart: (d) => [`Wiederaufnahme am ${formatDateDe(d)} ohne vorherigen Austritt oder Pause.`, `Resumption on ${formatDateEn(d)} without a previous withdrawal or pause.`],
    endBeforeStart: (d, s) => [`Die Wiederaufnahme (${formatDateDe(d)}) liegt vor dem Austritt oder der Pause (${formatDateDe(s)}).`, `The resumption (${formatDateEn(d)}) lies before the withdrawal or pause (${formatDateEn(s)}).`],
    secondStart: (d, s) => [`Die Kommune ist am ${formatDateDe(d)} bereits ausgetreten oder pausiert${s ? ` (seit ${formatDateDe(s)})` : ''}.`, `The municipality has already withdrawn or paused on ${formatDateEn(d)}${s ? ` (since ${formatDateEn(s)})` : ''}.`],
  },
];

const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function checkFamily<R>(events: TimelineEvent<R>[], f: Family): Contradiction<R> | null {
  const starts = events.filter((e) => e.type === f.start).sort(byDate);
  const ends = events.filter((e) => e.type === f.end).sort(byDate);
  if (!starts.length && !ends.length) return null;
  const dates = [...new Set([...starts, ...ends].map((e) => e.date))].sort();
  let s = 0;
  let e = 0;
  const open: string[] = []; // start dates of the processes running before the current date
  for (const d of dates) {
    const sToday = starts.filter((x) => x.date === d);
    const eToday = ends.filter((x) => x.date === d);
    s += sToday.length;
    e += eToday.length;
    if (e > s) {
      const blamed = eToday[eToday.length - 1]!;
      const laterStart = starts.find((x) => x.date > d);
      const [de, en] = laterStart ? f.endBeforeStart(d, laterStart.date) : f.endWithoutStart(d);
      return { refs: laterStart ? [blamed.ref, laterStart.ref] : [blamed.ref], field: laterStart ? 'date' : 'type', code: laterStart ? `${f.name}_end_before_start` : `${f.name}_end_without_start`, de, en };
    }
    if (s - e > 1) {
      const blamed = sToday[sToday.length - 1]!;
      const since = open[0] ?? null;
      const [de, en] = f.secondStart(d, since);
      const other = starts.find((x) => x !== blamed && x.date <= d);
      return { refs: other ? [blamed.ref, other.ref] : [blamed.ref], field: 'date', code: `${f.name}_already_running`, de, en };
    }
    // Keep the start dates of what is still running after this date.
    for (const x of sToday) open.push(x.date);
    for (let k = 0; k < eToday.length; k++) open.shift();
  }
  return null;
}

function checkPreAgreements<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  const pres = events.filter((e) => e.type === 'pre_agreement_signed').sort(byDate);
  const signed = events.filter((e) => e.type === 'agreement_signed').map((e) => e.date);
  for (let i = 1; i < pres.length; i++) {
    const p1 = pres[i - 1]!;
    const p2 = pres[i]!;
    if (!signed.some((a) => a >= p1.date && a <= p2.date)) {
      return {
        refs: [p2.ref, p1.ref], field: 'type', code: 'pre_agreement_in_force',
        de: `Am ${formatDateDe(p2.date)} gilt bereits eine Vorvereinbarung (vom ${formatDateDe(p1.date)}).`,
        en: `On ${formatDateEn(p2.date)} a pre-agreement (of ${formatDateEn(p1.date)}) is already in force.`,
      };
    }
  }
  return null;
}

function checkAgreements<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  const ids = [...new Set(events.filter((e) => e.agreementId !== null && e.type.startsWith('agreement_')).map((e) => e.agreementId!))].sort((a, b) => a - b);
  for (const id of ids) {
    const of = (t: EventType) => events.filter((e) => e.agreementId === id && e.type === t).sort(byDate);
    const signed = of('agreement_signed');
    const amended = of('agreement_amended');
    const terminated = of('agreement_terminated');
    if (signed.length > 1) {
      return {
        refs: [signed[1]!.ref, signed[0]!.ref], field: 'agreementId', code: 'already_party',
        de: `Die Kommune ist der Vereinbarung Nr. ${id} bereits am ${formatDateDe(signed[0]!.date)} beigetreten.`,
        en: `The municipality already joined agreement no. ${id} on ${formatDateEn(signed[0]!.date)}.`,
      };
    }
    if (terminated.length > 1) {
      return {
        refs: [terminated[1]!.ref, terminated[0]!.ref], field: 'type', code: 'already_terminated',
        de: `Die Vereinbarung Nr. ${id} ist für diese Kommune bereits am ${formatDateDe(terminated[0]!.date)} beendet.`,
        en: `Agreement no. ${id} was already terminated for this municipality on ${formatDateEn(terminated[0]!.date)}.`,
      };
    }
    const sign = signed[0];
    const orphan = !sign ? terminated[0] ?? amended[0] : undefined;
    if (orphan) {
      return {
        refs: [orphan.ref], field: 'agreementId', code: 'not_party',
        de: `Die Kommune hat die Vereinbarung Nr. ${id} nicht unterzeichnet; sie kann für sie nicht geändert oder beendet werden.`,
        en: `The municipality did not sign agreement no. ${id}; it cannot be amended or terminated for it.`,
      };
    }
    if (!sign) continue;
    const end = terminated[0];
    if (end && end.date <= sign.date) {
      return {
        refs: [end.ref, sign.ref], field: 'date', code: 'terminated_before_signed',
        de: `Die Vereinbarung kann nicht am ${formatDateDe(end.date)} beendet werden: sie wurde erst am ${formatDateDe(sign.date)} unterzeichnet.`,
        en: `The agreement cannot be terminated on ${formatDateEn(end.date)}: it was only signed on ${formatDateEn(sign.date)}.`,
      };
    }
    for (const a of amended) {
      if (a.date < sign.date) {
        return {
          refs: [a.ref, sign.ref], field: 'date', code: 'amended_before_signed',
          de: `Eine Änderung am ${formatDateDe(a.date)} liegt vor der Unterzeichnung am ${formatDateDe(sign.date)}.`,
          en: `An amendment on ${formatDateEn(a.date)} lies before the signing on ${formatDateEn(sign.date)}.`,
        };
      }
      if (end && a.date >= end.date) {
        return {
          refs: [a.ref, end.ref], field: 'date', code: 'amended_after_termination',
          de: `Eine Änderung am ${formatDateDe(a.date)} ist nicht möglich: die Vereinbarung endete am ${formatDateDe(end.date)}.`,
          en: `An amendment on ${formatDateEn(a.date)} is not possible: the agreement ended on ${formatDateEn(end.date)}.`,
        };
      }
    }
  }
  return null;
}

/** The first contradiction in one municipality's active events, or null when the history is consistent. */
export function findContradiction<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  for (const f of FAMILIES) {
    const c = checkFamily(events, f);
    if (c) return c;
  }
  return checkPreAgreements(events) ?? checkAgreements(events);
}

/** Checks one date against the allowed range: not before 1990, not after today. */
export function dateOutOfRange(date: string, today: string, earliest: string): { code: string; de: string; en: string } | null {
  if (date > today) {
    return { code: 'date_in_future', de: `Das Datum ${formatDateDe(date)} liegt in der Zukunft (heute ist der ${formatDateDe(today)}).`, en: `The date ${formatDateEn(date)} lies in the future (today is ${formatDateEn(today)}).` };
  }
  if (date < earliest) {
    return { code: 'date_too_early', de: `Das Datum ${formatDateDe(date)} liegt vor dem ${formatDateDe(earliest)}.`, en: `The date ${formatDateEn(date)} lies before ${formatDateEn(earliest)}.` };
  }
  return null;
}
