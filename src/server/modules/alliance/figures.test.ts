import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_FIGURES, type EventType, FACT_BOX_FIGURES, type FigureCounts } from '../../../shared/alliance.schema.ts';
import { findContradiction, type TimelineEvent } from './alliance.rules.ts';
import {
  aggregateEvents,
  communeStates,
  type CompactEvent,
  factBoxText,
  monthlyPoints,
  monthsBetween,
  rankWithinDistricts,
} from './figures.ts';

const ev = (type: EventType, date: string, agreementId: number | null = null, ref: unknown = `${type}@${date}`): TimelineEvent => ({
  ref,
  type,
  date,
  agreementId,
});

describe('dates', () => {
  it("builds monthly points: each month's last day, the last point the end date itself", () => {
    expect(monthlyPoints('2019-02-06', '2019-04-15')).toEqual([
      { month: '2019-02', at: '2019-02-28' },
      { month: '2019-03', at: '2019-03-31' },
      { month: '2019-04', at: '2019-04-15' },
    ]);
    expect(monthlyPoints('2020-01-01', '2020-02-29').at(-1)).toEqual({ month: '2020-02', at: '2020-02-29' });
    expect(monthsBetween('2019-02-06', '2026-11-26')).toBe(94);
  });
});

describe('contradiction rules', () => {
  it('accepts a consistent history whatever order it was entered in', () => {
    const history = [
      ev('consultation', '2019-03-01'),
      ev('pre_agreement_signed', '2019-05-01'),
      ev('agreement_signed', '2019-09-01', 1),
      ev('coaching_started', '2019-10-01'),
      ev('coaching_ended', '2020-10-01'),
      ev('coaching_started', '2020-10-01'),
      ev('analysis_started', '2020-01-01'),
      ev('analysis_completed', '2020-05-20'),
      ev('agreement_amended', '2021-01-01', 1),
      ev('withdrawn', '2022-01-01'),
      ev('resumed', '2022-06-01'),
      ev('agreement_terminated', '2023-01-01', 1),
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }),
        (shuffled) => findContradiction(shuffled) === null,
      ),
    );
  });

  it('names the field and blames the later event', () => {
    expect(findContradiction([ev('coaching_ended', '2020-01-01', null, 'end')])).toMatchObject({
      field: 'type',
      code: 'coaching_end_without_start',
      refs: ['end'],
    });
    expect(
      findContradiction([ev('coaching_started', '2020-02-01', null, 's'), ev('coaching_ended', '2020-01-01', null, 'e')]),
    ).toMatchObject({ field: 'date', code: 'coaching_end_before_start', refs: ['e', 's'] });
    expect(
      findContradiction([ev('coaching_started', '2020-01-01', null, 'a'), ev('coaching_started', '2020-03-01', null, 'b')]),
    ).toMatchObject({ field: 'date', code: 'coaching_already_running', refs: ['b', 'a'] });
    expect(
      findContradiction([ev('agreement_signed', '2020-02-01', 4, 's'), ev('agreement_terminated', '2020-02-01', 4, 't')]),
    ).toMatchObject({ field: 'date', code: 'terminated_before_signed', refs: ['t', 's'] });
    expect(findContradiction([ev('agreement_terminated', '2020-02-01', 4, 't')])).toMatchObject({
      field: 'agreementId',
      code: 'not_party',
    });
    expect(findContradiction([ev('resumed', '2020-02-01')])).toMatchObject({ field: 'type', code: 'withdrawal_end_without_start' });
  });

  it('allows a start and an end on the same day, and a new start on the day the last one ended', () => {
    expect(
      findContradiction([
        ev('coaching_started', '2020-01-01', null, 1),
        ev('coaching_ended', '2020-01-01', null, 2),
        ev('coaching_started', '2020-01-01', null, 3),
      ]),
    ).toBeNull();
  });
});

describe('states and figures from events', () => {
  const e = (
    ags: string,
    type: EventType,
    date: string,
    agreementId: number | null = null,
    kind: CompactEvent['kind'] = null,
  ): CompactEvent => ({ ags, type, date, agreementId, kind });

  it('folds events up to the date only', () => {
    const events = [e('1', 'consultation', '2020-01-01'), e('1', 'consultation', '2020-02-01'), e('1', 'consultation', '2021-01-01')];
    expect(aggregateEvents(events, '2020-06-30')).toEqual([
      { ags: '1', type: 'consultation', agreementId: null, kind: null, count: 2, firstDate: '2020-01-01', lastDate: '2020-02-01' },
    ]);
  });

  it('derives the status with withdrawal first, then agreement, pre-agreement, collaboration, former, advised', () => {
    const states = communeStates(
      aggregateEvents(
        [
          e('a', 'agreement_signed', '2020-01-01', 1),
          e('a', 'withdrawn', '2021-01-01', null, 'withdrawal'),
          e('b', 'agreement_signed', '2020-01-01', 2),
          e('b', 'agreement_terminated', '2021-01-01', 2),
          e('c', 'consultation', '2020-01-01'),
          e('c', 'coaching_started', '2020-02-01'),
          e('d', 'pre_agreement_signed', '2020-01-01'),
        ],
        '2022-01-01',
      ),
    );
    expect(Object.fromEntries([...states].map(([k, v]) => [k, v.status]))).toEqual({
      a: 'withdrawn',
      b: 'former',
      c: 'collaboration',
      d: 'pre_agreement',
    });
    expect(states.get('a')).toMatchObject({ coveredByAgreement: true, inCollaboration: false });
  });

  it('ranks by first signing within the district, ties by AGS', () => {
    const states = communeStates(
      aggregateEvents(
        [
          e('14521040', 'agreement_signed', '2020-01-01', 1),
          e('14521035', 'agreement_signed', '2020-01-01', 2),
          e('14521010', 'agreement_signed', '2019-05-01', 3),
          e('14612000', 'agreement_signed', '2021-01-01', 4),
        ],
        '2022-01-01',
      ),
    );
    const places = ['14521040', '14521035', '14521010', '14612000', '14521099'].map((ags) => ({
      ags,
      name: ags,
      districtAgs: ags.slice(0, 5),
      directorateId: null,
      active: true,
    }));
    expect(Object.fromEntries(rankWithinDistricts(places, states))).toEqual({ 14521010: 1, 14521035: 2, 14521040: 3, 14612000: 1 });
  });

  it('writes singular and plural correctly in the fact box', () => {
    const zero = {
      municipalities: 3,
      advised: 1,
      preAgreements: 0,
      agreementsInForce: 0,
      communesCoveredByAgreements: 0,
      agreementsSigned: 0,
      coachingRunning: 0,
      analysesUnderWay: 0,
      analysesCompleted: 0,
      inCollaboration: 0,
      withdrawn: 0,
    };
    const t = factBoxText({
      at: '2019-03-01',
      programmeName: 'Allianz Sichere Sächsische Kommunen',
      programmeStart: '2019-02-06',
      counts: zero,
    });
    expect(t.de).toContain('wurde 1 Kommune beraten und 0 Kooperationsvereinbarungen geschlossen.');
    expect(t.de).toContain('0 Coachingprozesse laufen, 0 Sicherheitsanalysen wurden abgeschlossen.');
    const big = factBoxText({
      at: '2023-02-23',
      programmeName: 'KOMPASS',
      programmeStart: '2017-01-01',
      counts: { ...zero, advised: 1133 },
    });
    expect(big.de).toContain('Seit dem Start des Programms KOMPASS am 1. Januar 2017 wurden 1.133 Kommunen beraten');
  });

  it('the fact box names exactly the figures FACT_BOX_FIGURES lists, in that order (each linked below it)', () => {
    // Distinct counts (two-digit, none a part of another or of a date) show which figure a number is.
    const counts = Object.fromEntries(ALL_FIGURES.map((k, i) => [k, 11 * (i + 2)])) as unknown as FigureCounts;
    const t = factBoxText({ at: '2024-06-30', programmeName: 'Allianz Sichere Sächsische Kommunen', programmeStart: '2019-02-06', counts });
    for (const text of [t.de, t.en]) {
      const named = [...text.matchAll(/\b(\d+)\b/g)]
        .map((m) => ALL_FIGURES.find((k) => counts[k] === Number(m[1])))
        .filter((k) => k !== undefined);
      expect(named).toEqual([...FACT_BOX_FIGURES]);
    }
  });
});
