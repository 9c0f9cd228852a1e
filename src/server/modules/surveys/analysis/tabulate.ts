import { type ClassSums, emptyClassSums } from './linearise.ts';

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

/**
 * Counts per weighting class and value of every tabulated variable: perClass[k · total + offsets[j] + v]
 * (v = 0 collects missing answers). Weights are constant within a class, so weighted sums follow
 * by multiplying once per class, and the linearised variances need exactly these counts.
 */
export interface Tally {
  /** Start of variable j in a class's row; its values 0 … sizes[j] follow. */
  offsets: Int32Array;
  /** Number of categories of variable j (0 = not tabulated, e.g. numbers). */
  sizes: Int32Array;
  /** Length of one class's row. */
  total: number;
  classes: number;
  perClass: Float64Array;
}

/** Tabulates all variables per class in one pass; a value above the variable's size counts as missing. */
export function tallyVariables(m: ResponseMatrix, classOf: Int32Array, classes: number, sizes: Int32Array): Tally {
  const cols = m.cols;
  const offsets = new Int32Array(cols);
  let total = 0;
  for (let j = 0; j < cols; j += 1) {
    offsets[j] = total;
    total += sizes[j]! + 1;
  }
  const data = m.data;
  const used: number[] = [];
  for (let j = 0; j < cols; j += 1) if (sizes[j]! > 0) used.push(j);
  const usedCols = Int32Array.from(used);
  const usedOffsets = Int32Array.from(used, (j) => offsets[j]!);
  const usedSizes = Int32Array.from(used, (j) => sizes[j]!);
  const u = usedCols.length;
  const counts = new Uint32Array(classes * total);
  for (let i = 0; i < m.rows; i += 1) {
    const at0 = classOf[i]! * total;
    const base = i * cols;
    for (let t = 0; t < u; t += 1) {
      const v = data[base + usedCols[t]!]!;
      counts[at0 + usedOffsets[t]! + (v > usedSizes[t]! ? 0 : v)]! += 1;
    }
  }
  return { offsets, sizes, total, classes, perClass: Float64Array.from(counts) };
}

/** Per-class sums of a number variable (stored as value + 1; 0 = missing): n, Σx, Σx². */
export function summariseNumber(m: ResponseMatrix, classOf: Int32Array, classes: number, j: number): ClassSums {
  const s = emptyClassSums(classes);
  for (let i = 0; i < m.rows; i += 1) {
    const v = m.data[i * m.cols + j]!;
    if (v === 0) continue;
    const x = v - 1;
    const k = classOf[i]!;
    s.n[k]! += 1;
    s.sy[k]! += x;
    s.syy[k]! += x * x;
  }
  return s;
}

/** A two-way tally per class: index k · size + r · (colSize + 1) + c, r in 0 … rowSize, c in 0 … colSize (0 = missing). */
export interface CrossTally {
  rowSize: number;
  colSize: number;
  size: number;
  classes: number;
  perClass: Float64Array;
}

export function tallyCrosstab(
  m: ResponseMatrix,
  classOf: Int32Array,
  classes: number,
  row: number,
  rowSize: number,
  col: number,
  colSize: number,
): CrossTally {
  const stride = colSize + 1;
  const size = (rowSize + 1) * stride;
  const counts = new Uint32Array(classes * size);
  const data = m.data;
  const cols = m.cols;
  for (let i = 0; i < m.rows; i += 1) {
    const base = i * cols;
    let r = data[base + row]!;
    let c = data[base + col]!;
    if (r > rowSize) r = 0;
    if (c > colSize) c = 0;
    counts[classOf[i]! * size + r * stride + c]! += 1;
  }
  return { rowSize, colSize, size, classes, perClass: Float64Array.from(counts) };
}
