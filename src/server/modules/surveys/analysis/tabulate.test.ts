import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyCrosstab, tallyVariables } from './tabulate.ts';

/*
 * The tallies against a plain loop over objects: counts, Σw and Σw² per value, with few distinct
 * weights (the per-class path) and with many (the direct path), and unweighted.
 */
function plain(rows: number[][], weights: number[] | null, sizes: number[]) {
  const out = sizes.map((k) => Array.from({ length: k + 1 }, () => ({ n: 0, w: 0, w2: 0 })));
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      if (sizes[j] === 0) return;
      const cell = out[j]![v > sizes[j]! ? 0 : v]!;
      const w = weights ? weights[i]! : 1;
      cell.n += 1;
      cell.w += w;
      cell.w2 += w * w;
    }),
  );
  return out;
}

describe('tallies', () => {
  it('agree with a plain loop for class, direct and unweighted paths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom('classes', 'many', 'none'),
        fc.integer(),
        (sizes, n, mode, seed) => {
          let s = seed >>> 0;
          const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
          const rows = Array.from({ length: n }, () => sizes.map((k) => Math.floor(next() * (k + 3))));
          const many = mode === 'many' ? 5000 : 4;
          const weights =
            mode === 'none'
              ? null
              : Array.from({ length: n }, (_, i) => (mode === 'many' ? 0.5 + i / many : [0.5, 1, 1.5, 2.25][Math.floor(next() * 4)]!));
          const m = { rows: n, cols: sizes.length, data: Uint16Array.from(rows.flat()) };
          const t = tallyVariables(m, weights ? Float64Array.from(weights) : null, Int32Array.from(sizes));
          const p = plain(rows, weights, sizes);
          sizes.forEach((k, j) => {
            for (let v = 0; v <= k; v += 1) {
              const at = t.offsets[j]! + v;
              expect(t.counts[at]).toBe(p[j]![v]!.n);
              expect(t.sumW[at]).toBeCloseTo(p[j]![v]!.w, 9);
              expect(t.sumW2[at]).toBeCloseTo(p[j]![v]!.w2, 9);
            }
          });
          if (sizes.length >= 2) {
            const c = tallyCrosstab(m, weights ? Float64Array.from(weights) : null, 0, sizes[0]!, 1, sizes[1]!);
            const expected = rows.filter((r) => (r[0]! > sizes[0]! ? 0 : r[0]) === 1 && (r[1]! > sizes[1]! ? 0 : r[1]) === 0).length;
            if (sizes[0]! >= 1) expect(c.counts[1 * (sizes[1]! + 1) + 0]).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
