/*
 * The rules an event history of one municipality must obey, as a pure function. They are stated
 * in the same day-based terms as the figures (see ADR 005): what counts is the number of starts
 * and ends on or before each date, so the order in which events are entered does not matter.
 */
import type { AgreementKind, EventType } from '../../../shared/alliance.schema.ts';
import { formatDate } from '../../../shared/time.ts';

/** An event as the rules see it; `ref` identifies it to the caller (an id, or an import line). */
export interface TimelineEvent<R = unknown> {
  ref: R;
  type: EventType;
  date: string;
  agreementId: number | null;
  /** The kind of the agreement an agreement event belongs to; absent means a cooperation agreement. */
  agreementKind?: AgreementKind;
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
    start: 'coaching_started',
    end: 'coaching_ended',
    name: 'coaching',
    endWithoutStart: (d) => [
      `Coaching-Ende am ${formatDate(d, 'de', 'long')}, aber es läuft kein Coaching.`,
      `Coaching ended on ${formatDate(d, 'en', 'long')}, but no coaching was running.`,
    ],
    endBeforeStart: (d, s) => [
      `Das Coaching kann nicht enden (${formatDate(d, 'de', 'long')}), bevor es begonnen hat (${formatDate(s, 'de', 'long')}).`,
      `Coaching cannot end (${formatDate(d, 'en', 'long')}) before it started (${formatDate(s, 'en', 'long')}).`,
    ],
    secondStart: (d, s) => [
      `Am ${formatDate(d, 'de', 'long')} läuft bereits ein Coaching${s ? ` (seit ${formatDate(s, 'de', 'long')})` : ''}; ein zweites kann nicht beginnen.`,
      `On ${formatDate(d, 'en', 'long')} a coaching process is already running${s ? ` (since ${formatDate(s, 'en', 'long')})` : ''}; a second cannot start.`,
    ],
  },
  {
    start: 'analysis_started',
    end: 'analysis_completed',
    name: 'analysis',
    endWithoutStart: (d) => [
      `Sicherheitsanalyse abgeschlossen am ${formatDate(d, 'de', 'long')}, aber keine wurde begonnen.`,
      `Security analysis completed on ${formatDate(d, 'en', 'long')}, but none was started.`,
    ],
    endBeforeStart: (d, s) => [
      `Die Sicherheitsanalyse kann nicht abgeschlossen werden (${formatDate(d, 'de', 'long')}), bevor sie begonnen hat (${formatDate(s, 'de', 'long')}).`,
      `The security analysis cannot be completed (${formatDate(d, 'en', 'long')}) before it started (${formatDate(s, 'en', 'long')}).`,
    ],
    secondStart: (d, s) => [
      `Am ${formatDate(d, 'de', 'long')} läuft bereits eine Sicherheitsanalyse${s ? ` (seit ${formatDate(s, 'de', 'long')})` : ''}.`,
      `On ${formatDate(d, 'en', 'long')} a security analysis is already under way${s ? ` (since ${formatDate(s, 'en', 'long')})` : ''}.`,
    ],
  },
  {
    start: 'withdrawn',
    end: 'resumed',
    name: 'withdrawal',
    endWithoutStart: (d) => [
      `Wiederaufnahme am ${formatDate(d, 'de', 'long')} ohne vorherigen Austritt oder Pause.`,
      `Resumption on ${formatDate(d, 'en', 'long')} without a previous withdrawal or pause.`,
    ],
    endBeforeStart: (d, s) => [
      `Die Wiederaufnahme (${formatDate(d, 'de', 'long')}) liegt vor dem Austritt oder der Pause (${formatDate(s, 'de', 'long')}).`,
      `The resumption (${formatDate(d, 'en', 'long')}) lies before the withdrawal or pause (${formatDate(s, 'en', 'long')}).`,
    ],
    secondStart: (d, s) => [
      `Die Kommune ist am ${formatDate(d, 'de', 'long')} bereits ausgetreten oder pausiert${s ? ` (seit ${formatDate(s, 'de', 'long')})` : ''}.`,
      `The municipality has already withdrawn or paused on ${formatDate(d, 'en', 'long')}${s ? ` (since ${formatDate(s, 'en', 'long')})` : ''}.`,
    ],
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
      return {
        refs: laterStart ? [blamed.ref, laterStart.ref] : [blamed.ref],
        field: laterStart ? 'date' : 'type',
        code: laterStart ? `${f.name}_end_before_start` : `${f.name}_end_without_start`,
        de,
        en,
      };
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
  // A pre-agreement ends with a cooperation agreement signed on or after it, or with a withdrawal
  // or pause dated on or after it (decision 005).
  const endings = events
    .filter((e) => (e.type === 'agreement_signed' && (e.agreementKind ?? 'cooperation') === 'cooperation') || e.type === 'withdrawn')
    .map((e) => e.date);
  for (let i = 1; i < pres.length; i++) {
    const p1 = pres[i - 1]!;
    const p2 = pres[i]!;
    if (!endings.some((a) => a >= p1.date && a <= p2.date)) {
      return {
        refs: [p2.ref, p1.ref],
        field: 'type',
        code: 'pre_agreement_in_force',
        de: `Am ${formatDate(p2.date, 'de', 'long')} gilt bereits eine Vorvereinbarung (vom ${formatDate(p1.date, 'de', 'long')}).`,
        en: `On ${formatDate(p2.date, 'en', 'long')} a pre-agreement (of ${formatDate(p1.date, 'en', 'long')}) is already in force.`,
      };
    }
  }
  return null;
}

function checkAgreements<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  const ids = [...new Set(events.filter((e) => e.agreementId !== null && e.type.startsWith('agreement_')).map((e) => e.agreementId!))].sort(
    (a, b) => a - b,
  );
  for (const id of ids) {
    const of = (t: EventType) => events.filter((e) => e.agreementId === id && e.type === t).sort(byDate);
    const signed = of('agreement_signed');
    const amended = of('agreement_amended');
    const terminated = of('agreement_terminated');
    if (signed.length > 1) {
      return {
        refs: [signed[1]!.ref, signed[0]!.ref],
        field: 'agreementId',
        code: 'already_party',
        de: `Die Kommune ist der Vereinbarung Nr. ${id} bereits am ${formatDate(signed[0]!.date, 'de', 'long')} beigetreten.`,
        en: `The municipality already joined agreement no. ${id} on ${formatDate(signed[0]!.date, 'en', 'long')}.`,
      };
    }
    if (terminated.length > 1) {
      return {
        refs: [terminated[1]!.ref, terminated[0]!.ref],
        field: 'type',
        code: 'already_terminated',
        de: `Die Vereinbarung Nr. ${id} ist für diese Kommune bereits am ${formatDate(terminated[0]!.date, 'de', 'long')} beendet.`,
        en: `Agreement no. ${id} was already terminated for this municipality on ${formatDate(terminated[0]!.date, 'en', 'long')}.`,
      };
    }
    const sign = signed[0];
    const orphan = !sign ? (terminated[0] ?? amended[0]) : undefined;
    if (orphan) {
      return {
        refs: [orphan.ref],
        field: 'agreementId',
        code: 'not_party',
        de: `Die Kommune hat die Vereinbarung Nr. ${id} nicht unterzeichnet; sie kann für sie nicht geändert oder beendet werden.`,
        en: `The municipality did not sign agreement no. ${id}; it cannot be amended or terminated for it.`,
      };
    }
    if (!sign) continue;
    const end = terminated[0];
    if (end && end.date <= sign.date) {
      return {
        refs: [end.ref, sign.ref],
        field: 'date',
        code: 'terminated_before_signed',
        de: `Die Vereinbarung kann nicht am ${formatDate(end.date, 'de', 'long')} beendet werden: sie wurde erst am ${formatDate(sign.date, 'de', 'long')} unterzeichnet.`,
        en: `The agreement cannot be terminated on ${formatDate(end.date, 'en', 'long')}: it was only signed on ${formatDate(sign.date, 'en', 'long')}.`,
      };
    }
    for (const a of amended) {
      if (a.date < sign.date) {
        return {
          refs: [a.ref, sign.ref],
          field: 'date',
          code: 'amended_before_signed',
          de: `Eine Änderung am ${formatDate(a.date, 'de', 'long')} liegt vor der Unterzeichnung am ${formatDate(sign.date, 'de', 'long')}.`,
          en: `An amendment on ${formatDate(a.date, 'en', 'long')} lies before the signing on ${formatDate(sign.date, 'en', 'long')}.`,
        };
      }
      if (end && a.date >= end.date) {
        return {
          refs: [a.ref, end.ref],
          field: 'date',
          code: 'amended_after_termination',
          de: `Eine Änderung am ${formatDate(a.date, 'de', 'long')} ist nicht möglich: die Vereinbarung endete am ${formatDate(end.date, 'de', 'long')}.`,
          en: `An amendment on ${formatDate(a.date, 'en', 'long')} is not possible: the agreement ended on ${formatDate(end.date, 'en', 'long')}.`,
        };
      }
    }
  }
  return null;
}

/**
 * At no date may a municipality have two cooperation agreements in force (decision 005): a second
 * one is recorded explicitly as an amendment or an additional agreement, which counts nowhere. An
 * agreement terminated on D is no longer in force at D, so a new one may be signed that day.
 */
function checkSingleAgreement<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  const spans: { id: number; sign: TimelineEvent<R>; end: string | null }[] = [];
  for (const e of events) {
    if (e.type !== 'agreement_signed' || e.agreementId === null || (e.agreementKind ?? 'cooperation') !== 'cooperation') continue;
    const end = events.find((t) => t.type === 'agreement_terminated' && t.agreementId === e.agreementId)?.date ?? null;
    spans.push({ id: e.agreementId, sign: e, end });
  }
  spans.sort((a, b) => byDate(a.sign, b.sign) || a.id - b.id);
  for (let j = 1; j < spans.length; j++) {
    const later = spans[j]!;
    const earlier = spans.slice(0, j).find((a) => a.end === null || a.end > later.sign.date);
    if (!earlier) continue;
    const d = later.sign.date;
    return {
      refs: [later.sign.ref, earlier.sign.ref],
      field: 'agreementId',
      code: 'agreement_in_force',
      de: `Am ${formatDate(d, 'de', 'long')} ist bereits die Kooperationsvereinbarung Nr. ${earlier.id} (unterzeichnet am ${formatDate(earlier.sign.date, 'de', 'long')}) in Kraft. Eine weitere Vereinbarung ist nur als Änderungs- oder Zusatzvereinbarung möglich.`,
      en: `On ${formatDate(d, 'en', 'long')} cooperation agreement no. ${earlier.id} (signed on ${formatDate(earlier.sign.date, 'en', 'long')}) is already in force. A further agreement can only be recorded as an amending or additional agreement.`,
    };
  }
  return null;
}

/** The first contradiction in one municipality's active events, or null when the history is consistent. */
export function findContradiction<R>(events: TimelineEvent<R>[]): Contradiction<R> | null {
  for (const f of FAMILIES) {
    const c = checkFamily(events, f);
    if (c) return c;
  }
  return checkPreAgreements(events) ?? checkAgreements(events) ?? checkSingleAgreement(events);
}

/** Checks one date against the allowed range: not before 1990, not after today. */
export function dateOutOfRange(date: string, today: string, earliest: string): { code: string; de: string; en: string } | null {
  if (date > today) {
    return {
      code: 'date_in_future',
      de: `Das Datum ${formatDate(date, 'de', 'long')} liegt in der Zukunft (heute ist der ${formatDate(today, 'de', 'long')}).`,
      en: `The date ${formatDate(date, 'en', 'long')} lies in the future (today is ${formatDate(today, 'en', 'long')}).`,
    };
  }
  if (date < earliest) {
    return {
      code: 'date_too_early',
      de: `Das Datum ${formatDate(date, 'de', 'long')} liegt vor dem ${formatDate(earliest, 'de', 'long')}.`,
      en: `The date ${formatDate(date, 'en', 'long')} lies before ${formatDate(earliest, 'en', 'long')}.`,
    };
  }
  return null;
}
