import { describe, expect, it } from 'vitest';
import { findInvariantViolations } from './alliance.consistency.ts';

/*
 * The counting invariant's guard (decision 026): it holds by construction of the figures, so no
 * data can break it; the guard itself is checked here with planted figures of each kind of area.
 */
describe('the counting invariant guard of praevis check', () => {
  const area = (key: string, covered: number, pre: number, total: number) => ({
    key,
    name: { de: key, en: key },
    c: { communesCoveredByAgreements: covered, preAgreements: pre, inCollaboration: total },
  });

  it('reports nothing while covered + with a pre-agreement = in collaboration', () => {
    expect(findInvariantViolations([area('statewide', 48, 12, 60), area('district:14521', 5, 0, 5)], '2026-12-06')).toEqual([]);
  });

  it('reports every area where it fails, with its figures and a link to the dashboard at that date', () => {
    const found = findInvariantViolations(
      [area('statewide', 48, 13, 60), area('district:14521', 5, 0, 5), area('directorate:3', 2, 1, 4)],
      '2026-12-06',
    );
    expect(found.map((c) => [c.kind, c.recordId])).toEqual([
      ['figures_invariant', 'statewide'],
      ['figures_invariant', 'directorate:3'],
    ]);
    expect(found[0]).toMatchObject({ recordType: 'figures', link: '/dashboard?at=2026-12-06', date: '2026-12-06' });
    expect(found[0]!.de).toContain('48 Kommunen mit Vereinbarung + 13 mit Vorvereinbarung ≠ 60 in Zusammenarbeit');
  });
});
