import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyCrosstab, tallyVariables } from './tabulate.ts';

/*
 * The per-class tallies against a plain loop over objects: counts per class and value, a value
 * above the variable's size counted as missing, variables of size 0 left out, and one crosstab cell.
 */
describe('tallies', () => {
  it('agree with a plain loop', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (sizes, n, classes, seed) => {
          let s = seed >>> 0;
          const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
          const rows = Array.from({ length: n }, () => sizes.map((k) => Math.floor(next() * (k + 3))));
          const classOf = Int32Array.from({ length: n }, () => Math.floor(next() * classes));
          const m = { rows: n, cols: sizes.length, data: Uint16Array.from(rows.flat()) };
          const t = tallyVariables(m, classOf, classes, Int32Array.from(sizes));
          sizes.forEach((k, j) => {
            if (k === 0) return; // not tabulated (numbers, free texts)
            for (let c = 0; c < classes; c += 1)
              for (let v = 0; v <= k; v += 1) {
                const expected = rows.filter((r, i) => classOf[i] === c && (r[j]! > k ? 0 : r[j]) === v).length;
                expect(t.perClass[c * t.total + t.offsets[j]! + v]).toBe(expected);
              }
          });
          if (sizes.length >= 2 && sizes[0]! >= 1) {
            const x = tallyCrosstab(m, classOf, classes, 0, sizes[0]!, 1, sizes[1]!);
            for (let c = 0; c < classes; c += 1) {
              const expected = rows.filter(
                (r, i) => classOf[i] === c && (r[0]! > sizes[0]! ? 0 : r[0]) === 1 && (r[1]! > sizes[1]! ? 0 : r[1]) === 0,
              ).length;
              expect(x.perClass[c * x.size + 1 * (sizes[1]! + 1) + 0]).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
