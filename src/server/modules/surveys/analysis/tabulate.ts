/*
 * Tallies over the response matrix: one pass over typed arrays, no objects per respondent.
 * The matrix holds one row per response and one column per codebook variable (0 = missing,
 * value codes as in `compileCodebook`), row-major in a Uint16Array; weights are a Float64Array.
 */

export interface ResponseMatrix {
  rows: number;
  cols: number;
  data: Uint16Array;
}

export function emptyMatrix(cols: number): ResponseMatrix {
  return { rows: 0, cols, data: new Uint16Array(0) };
}

/** Counts, weight sums and squared-weight sums per value of every tabulated variable. */
export interface Tally {
  /** Start of variable j in the flat arrays; its values 0 … sizes[j] follow. */
  offsets: Int32Array;
  /** Number of categories of variable j (0 = not tabulated, e.g. numbers). */
  sizes: Int32Array;
  counts: Float64Array;
  sumW: Float64Array;
  sumW2: Float64Array;
}

/** Tabulates all variables in one pass; a value above the variable's size counts as missing. */
export function tallyVariables(m: ResponseMatrix, weights: Float64Array | null, sizes: Int32Array): Tally {
  const cols = m.cols;
  const offsets = new Int32Array(cols);
  let total = 0;
  for (let j = 0; j < cols; j += 1) {
    offsets[j] = total;
    total += sizes[j]! + 1;
  }
  const counts = new Float64Array(total);
  const sumW = new Float64Array(total);
  const sumW2 = new Float64Array(total);
  const data = m.data;
  const used: number[] = [];
  for (let j = 0; j < cols; j += 1) if (sizes[j]! > 0) used.push(j);
  const usedCols = Int32Array.from(used);
  const usedOffsets = Int32Array.from(used, (j) => offsets[j]!);
  const usedSizes = Int32Array.from(used, (j) => sizes[j]!);
  const u = usedCols.length;

  // Raked weights take few distinct values (one per combination of weighting cells): count per
  // weight class in integers, then multiply once per class. Many distinct weights: sum directly.
  const classes = weightClasses(weights, m.rows);
  if (classes) {
    const { classOf, values } = classes;
    const perClass = new Uint32Array(values.length * total);
    for (let i = 0; i < m.rows; i += 1) {
      const at0 = classOf[i]! * total;
      const base = i * cols;
      for (let t = 0; t < u; t += 1) {
        const v = data[base + usedCols[t]!]!;
        perClass[at0 + usedOffsets[t]! + (v > usedSizes[t]! ? 0 : v)]! += 1;
      }
    }
    values.forEach((w, c) => {
      for (let a = 0; a < total; a += 1) {
        const k = perClass[c * total + a]!;
        if (k === 0) continue;
        counts[a]! += k;
        sumW[a]! += k * w;
        sumW2[a]! += k * w * w;
      }
    });
    return { offsets, sizes, counts, sumW, sumW2 };
  }
  for (let i = 0; i < m.rows; i += 1) {
    const w = weights ? weights[i]! : 1;
    const w2 = w * w;
    const base = i * cols;
    for (let t = 0; t < u; t += 1) {
      const v = data[base + usedCols[t]!]!;
      const at = usedOffsets[t]! + (v > usedSizes[t]! ? 0 : v);
      counts[at]! += 1;
      sumW[at]! += w;
      sumW2[at]! += w2;
    }
  }
  return { offsets, sizes, counts, sumW, sumW2 };
}

const MAX_WEIGHT_CLASSES = 4096;

/** The distinct weights and each respondent's index among them, or null when there are too many. */
export function weightClasses(weights: Float64Array | null, n: number): { classOf: Uint16Array; values: number[] } | null {
  const classOf = new Uint16Array(n);
  if (!weights) return { classOf, values: [1] };
  const ids = new Map<number, number>();
  const values: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const w = weights[i]!;
    let id = ids.get(w);
    if (id === undefined) {
      if (values.length >= MAX_WEIGHT_CLASSES) return null;
      id = values.length;
      ids.set(w, id);
      values.push(w);
    }
    classOf[i] = id;
  }
  return { classOf, values };
}

/** Sufficient statistics of a number variable (stored as value + 1; 0 = missing). */
export interface NumberStats {
  n: number;
  sumW: number;
  sumW2: number;
  sumWx: number;
  sumWx2: number;
}

export function summariseNumber(m: ResponseMatrix, weights: Float64Array | null, j: number): NumberStats {
  const s: NumberStats = { n: 0, sumW: 0, sumW2: 0, sumWx: 0, sumWx2: 0 };
  for (let i = 0; i < m.rows; i += 1) {
    const v = m.data[i * m.cols + j]!;
    if (v === 0) continue;
    const x = v - 1;
    const w = weights ? weights[i]! : 1;
    s.n += 1;
    s.sumW += w;
    s.sumW2 += w * w;
    s.sumWx += w * x;
    s.sumWx2 += w * x * x;
  }
  return s;
}

/** A two-way tally: index (r · (cols + 1) + c) with r in 0 … rowSize and c in 0 … colSize (0 = missing). */
export interface CrossTally {
  rowSize: number;
  colSize: number;
  counts: Float64Array;
  sumW: Float64Array;
  sumW2: Float64Array;
}

export function tallyCrosstab(
  m: ResponseMatrix,
  weights: Float64Array | null,
  row: number,
  rowSize: number,
  col: number,
  colSize: number,
): CrossTally {
  const stride = colSize + 1;
  const size = (rowSize + 1) * stride;
  const counts = new Float64Array(size);
  const sumW = new Float64Array(size);
  const sumW2 = new Float64Array(size);
  const data = m.data;
  const cols = m.cols;
  for (let i = 0; i < m.rows; i += 1) {
    const base = i * cols;
    let r = data[base + row]!;
    let c = data[base + col]!;
    if (r > rowSize) r = 0;
    if (c > colSize) c = 0;
    const at = r * stride + c;
    const w = weights ? weights[i]! : 1;
    counts[at]! += 1;
    sumW[at]! += w;
    sumW2[at]! += w * w;
  }
  return { rowSize, colSize, counts, sumW, sumW2 };
}
