import { describe, expect, it } from 'vitest';
import { pairIntervals } from './historic.ts';

const ev = (id: number, type: 'coaching_started' | 'coaching_ended', date: string, ags = '14521035') => ({ id, ags, type, date });

describe('pairing lifecycle events into processes (historic rows, decision 035)', () => {
  it('pairs starts and ends in date order, per municipality, and keeps an open one', () => {
    const got = pairIntervals(
      [
        ev(3, 'coaching_ended', '2020-05-01'),
        ev(1, 'coaching_started', '2020-01-01'),
        ev(7, 'coaching_started', '2021-01-01', '14521040'),
        ev(9, 'coaching_started', '2022-01-01'),
      ],
      'coaching_started',
      'coaching_ended',
    );
    expect(got).toEqual([
      { ags: '14521035', startEventId: 1, startedOn: '2020-01-01', endEventId: 3, endedOn: '2020-05-01' },
      { ags: '14521040', startEventId: 7, startedOn: '2021-01-01', endEventId: null, endedOn: null },
      { ags: '14521035', startEventId: 9, startedOn: '2022-01-01', endEventId: null, endedOn: null },
    ]);
  });

  it('on one day an end closes the open process before a start opens the next; an end on its own start day closes that start', () => {
    const got = pairIntervals(
      [
        ev(1, 'coaching_started', '2020-01-01'),
        ev(2, 'coaching_started', '2020-03-01'),
        ev(3, 'coaching_ended', '2020-03-01'),
        ev(6, 'coaching_ended', '2020-04-01'),
        ev(4, 'coaching_started', '2020-06-01'),
        ev(5, 'coaching_ended', '2020-06-01'),
      ],
      'coaching_started',
      'coaching_ended',
    );
    expect(got.map((g) => [g.startEventId, g.endEventId])).toEqual([
      [1, 3],
      [2, 6],
      [4, 5],
    ]);
  });
});
