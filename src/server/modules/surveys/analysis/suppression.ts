/*
 * Cell suppression of a published table (decision 011).
 *
 * A table is a grid of counts with row totals, column totals and a grand total; a one-way table is
 * a grid with one row. Rules:
 * 1. Primary: every cell or total with 1 … k−1 answers is suppressed (value, share, interval and
 *    n hidden). A row or column total below k is a group smaller than k: every cell of it is
 *    hidden too (also its zeros).
 * 2. Complementary: every line of the table – a row with its total, a column with its total, the
 *    row totals with the grand total, the column totals with the grand total – is one equation
 *    total = Σ members. A line with exactly one hidden item would let a reader recompute it by
 *    subtraction, so another item of that line is hidden as well: the member with the smallest
 *    positive count (a zero member only when no positive one is left, the total last). This is
 *    repeated until every line has none or at least two hidden items.
 * Zero cells stay visible: a zero discloses no respondent, and hiding zeros would force hiding
 * real cells in nearly every small table.
 */

export type SuppressionMark = 'primary' | 'secondary' | null;

export interface SuppressionPlan {
  cells: SuppressionMark[][];
  rowTotals: SuppressionMark[];
  colTotals: SuppressionMark[];
  total: SuppressionMark;
}

const small = (n: number, k: number) => n > 0 && n < k;

/** Plans which cells of a count table (rows × columns) are suppressed for the threshold k. */
export function planSuppression(counts: readonly (readonly number[])[], k: number): SuppressionPlan {
  const rows = counts.length;
  const cols = rows > 0 ? counts[0]!.length : 0;
  const rowTotal = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotal = Array.from({ length: cols }, (_, c) => counts.reduce((a, r) => a + r[c]!, 0));
  const grand = rowTotal.reduce((a, b) => a + b, 0);

  const cells: SuppressionMark[][] = counts.map((r) => r.map((n) => (small(n, k) ? 'primary' : null)));
  const rowMarks: SuppressionMark[] = rowTotal.map((n) => (small(n, k) ? 'primary' : null));
  const colMarks: SuppressionMark[] = colTotal.map((n) => (small(n, k) ? 'primary' : null));
  let totalMark: SuppressionMark = small(grand, k) ? 'primary' : null;

  // A group smaller than k shows nothing at all.
  for (let r = 0; r < rows; r += 1) if (rowMarks[r]) for (let c = 0; c < cols; c += 1) cells[r]![c] ??= 'secondary';
  for (let c = 0; c < cols; c += 1) if (colMarks[c]) for (let r = 0; r < rows; r += 1) cells[r]![c] ??= 'secondary';
  if (totalMark) {
    for (let r = 0; r < rows; r += 1) {
      rowMarks[r] ??= 'secondary';
      for (let c = 0; c < cols; c += 1) cells[r]![c] ??= 'secondary';
    }
    for (let c = 0; c < cols; c += 1) colMarks[c] ??= 'secondary';
  }

  /** A line: getters/setters of its members (with their counts) and its total. */
  interface Item {
    n: number;
    get: () => SuppressionMark;
    set: () => void;
  }
  const lines: Array<{ members: Item[]; total: Item }> = [];
  const cellItem = (r: number, c: number): Item => ({
    n: counts[r]![c]!,
    get: () => cells[r]![c]!,
    set: () => {
      cells[r]![c] = 'secondary';
    },
  });
  const rowItem = (r: number): Item => ({
    n: rowTotal[r]!,
    get: () => rowMarks[r]!,
    set: () => {
      rowMarks[r] = 'secondary';
    },
  });
  const colItem = (c: number): Item => ({
    n: colTotal[c]!,
    get: () => colMarks[c]!,
    set: () => {
      colMarks[c] = 'secondary';
    },
  });
  const totalItem: Item = {
    n: grand,
    get: () => totalMark,
    set: () => {
      totalMark = 'secondary';
    },
  };
  for (let r = 0; r < rows; r += 1) lines.push({ members: Array.from({ length: cols }, (_, c) => cellItem(r, c)), total: rowItem(r) });
  for (let c = 0; c < cols; c += 1) lines.push({ members: Array.from({ length: rows }, (_, r) => cellItem(r, c)), total: colItem(c) });
  if (rows > 1) lines.push({ members: Array.from({ length: rows }, (_, r) => rowItem(r)), total: totalItem });
  if (cols > 1) lines.push({ members: Array.from({ length: cols }, (_, c) => colItem(c)), total: totalItem });

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const items = [...line.members, line.total];
      const hidden = items.filter((i) => i.get() !== null).length;
      if (hidden !== 1) continue;
      const open = line.members.filter((i) => i.get() === null);
      const positive = open.filter((i) => i.n > 0).sort((a, b) => a.n - b.n);
      const pick = positive[0] ?? open[0] ?? (line.total.get() === null ? line.total : undefined);
      if (pick) {
        pick.set();
        changed = true;
      }
    }
  }
  return { cells, rowTotals: rowMarks, colTotals: colMarks, total: totalMark };
}
