import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSuppression, type SuppressionPlan } from './suppression.ts';

/** Every line (row + total, column + total, totals + grand total) as its hidden flags. */
function lines(counts: number[][], plan: SuppressionPlan): boolean[][] {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  const out: boolean[][] = [];
  for (let r = 0; r < rows; r++) out.push([...plan.cells[r]!.map((m) => m !== null), plan.rowTotals[r] !== null]);
  for (let c = 0; c < cols; c++) out.push([...plan.cells.map((row) => row[c] !== null), plan.colTotals[c] !== null]);
  if (rows > 1) out.push([...plan.rowTotals.map((m) => m !== null), plan.total !== null]);
  if (cols > 1) out.push([...plan.colTotals.map((m) => m !== null), plan.total !== null]);
  return out;
}

describe('suppression', () => {
  it('hides a small cell and a complement in a one-way table', () => {
    // 3 < 5 is primary; with the total 53 shown it would be 53 − 20 − 30 = 3, so the smallest
    // other positive cell (20) is hidden as well.
    const plan = planSuppression([[20, 3, 30, 0]], 5);
    expect(plan.cells[0]).toEqual(['secondary', 'primary', null, null]);
    expect(plan.rowTotals[0]).toBeNull();
  });

  it('leaves a table without small cells alone, and zeros visible', () => {
    const plan = planSuppression([[20, 0, 30]], 5);
    expect(plan.cells[0]).toEqual([null, null, null]);
  });

  it('hides a whole group smaller than k, and a complementary group', () => {
    // Column 2 has 4 respondents: hidden entirely (also its zero); since the column totals
    // add up to the grand total, a second column (the smallest other, 12) is hidden too, and the
    // rows then need their own complements.
    const counts = [
      [10, 6, 4],
      [30, 6, 0],
    ];
    const plan = planSuppression(counts, 5);
    expect(plan.colTotals).toEqual([null, 'secondary', 'primary']);
    expect(plan.cells.map((r) => r[2])).toEqual(['primary', 'secondary']);
    for (const line of lines(counts, plan)) expect(line.filter(Boolean).length === 0 || line.filter(Boolean).length >= 2).toBe(true);
  });

  it('hides everything when the whole table has fewer than k answers', () => {
    const plan = planSuppression(
      [
        [1, 2],
        [0, 1],
      ],
      5,
    );
    expect(plan.total).toBe('primary');
    expect(plan.cells.flat().every((m) => m !== null)).toBe(true);
  });

  it('property: no shown count is 1…k−1 and no line has exactly one hidden item', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 6 }).chain((rows) =>
          fc.integer({ min: 1, max: 6 }).chain((cols) =>
            fc.array(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), {
                minLength: cols,
                maxLength: cols,
              }),
              { minLength: rows, maxLength: rows },
            ),
          ),
        ),
        (k, counts) => {
          const plan = planSuppression(counts, k);
          const small = (n: number) => n > 0 && n < k;
          counts.forEach((row, r) =>
            row.forEach((n, c) => {
              if (small(n)) expect(plan.cells[r]![c]).not.toBeNull();
            }),
          );
          counts.forEach((row, r) => {
            if (small(row.reduce((a, b) => a + b, 0))) expect(plan.rowTotals[r]).not.toBeNull();
          });
          counts[0]!.forEach((_, c) => {
            if (small(counts.reduce((a, row) => a + row[c]!, 0))) expect(plan.colTotals[c]).not.toBeNull();
          });
          for (const line of lines(counts, plan)) {
            const hidden = line.filter(Boolean).length;
            expect(hidden === 0 || hidden >= 2).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
