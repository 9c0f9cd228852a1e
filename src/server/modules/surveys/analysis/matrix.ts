import os from 'node:os';
import type { CodebookVariable } from '../../../../shared/survey-questionnaire.ts';
import type { ResponseMatrix } from './tabulate.ts';

/*
 * Builds the response matrix in the codebook of the analysed (current) questionnaire from stored
 * answer vectors of any questionnaire version. Variables are matched by name and values by option
 * code, so reordered options, added or removed questions keep their meaning; a variable the
 * response's version did not have is missing (0). Vectors of the current version are copied
 * byte for byte (the storage format is little-endian 16-bit, as the matrix on this machine).
 */

export interface VersionMapping {
  /** The stored vector can be copied as it is. */
  identity: boolean;
  /** Length of the stored vector of this version. */
  width: number;
  /** For each current variable: its index in the stored vector, or −1. */
  source: Int32Array;
  /** For each current variable: stored value → current value (null = same numbers). */
  values: Array<Uint16Array | null>;
}

const LITTLE_ENDIAN = os.endianness() === 'LE';

export function mapVersion(current: readonly CodebookVariable[], stored: readonly CodebookVariable[]): VersionMapping {
  const byName = new Map(stored.map((v) => [v.name, v]));
  const source = new Int32Array(current.length).fill(-1);
  const values: Array<Uint16Array | null> = current.map(() => null);
  let identity = current.length === stored.length;
  current.forEach((v, j) => {
    const s = byName.get(v.name);
    if (!s || s.kind !== v.kind) {
      identity = false;
      return;
    }
    source[j] = s.index;
    if (s.index !== j) identity = false;
    if (v.kind === 'number') return;
    const map = new Uint16Array(Math.max(0, ...s.values.map((x) => x.value)) + 1);
    let same = s.values.length === v.values.length;
    for (const sv of s.values) {
      const cv = v.values.find((x) => x.code === sv.code);
      map[sv.value] = cv ? cv.value : 0;
      if (!cv || cv.value !== sv.value) same = false;
    }
    if (!same) {
      values[j] = map;
      identity = false;
    }
  });
  return { identity, width: stored.length, source, values };
}

/** Collects stored vectors into a growing row-major Uint16Array. */
export class MatrixBuilder {
  private data: Uint16Array;
  private bytes: Uint8Array;
  private rows = 0;

  constructor(
    private readonly cols: number,
    capacity: number,
  ) {
    this.data = new Uint16Array(Math.max(1, capacity) * cols);
    this.bytes = new Uint8Array(this.data.buffer);
  }

  private ensure(): void {
    if ((this.rows + 1) * this.cols > this.data.length) this.grow((this.rows + 1) * this.cols);
  }

  /** Adds one stored vector (little-endian bytes) of the version described by `mapping`. */
  add(stored: Uint8Array, mapping: VersionMapping): void {
    this.ensure();
    const base = this.rows * this.cols;
    this.rows += 1;
    if (mapping.identity && LITTLE_ENDIAN && stored.length === this.cols * 2) {
      this.bytes.set(stored, base * 2);
      return;
    }
    const width = Math.min(mapping.width, stored.length >> 1);
    for (let j = 0; j < this.cols; j += 1) {
      const s = mapping.source[j]!;
      if (s < 0 || s >= width) continue;
      const raw = stored[s * 2]! | (stored[s * 2 + 1]! << 8);
      const map = mapping.values[j];
      this.data[base + j] = map ? (raw < map.length ? map[raw]! : 0) : raw;
    }
  }

  /** Adds `count` stored vectors of `width` variables each, concatenated in `block`. */
  addBlock(block: Uint8Array, count: number, mapping: VersionMapping): void {
    const stride = mapping.width * 2;
    if (mapping.identity && LITTLE_ENDIAN && stride === this.cols * 2) {
      while ((this.rows + count) * this.cols > this.data.length) this.grow((this.rows + count) * this.cols);
      this.bytes.set(block.subarray(0, count * stride), this.rows * this.cols * 2);
      this.rows += count;
      return;
    }
    for (let i = 0; i < count; i += 1) this.add(block.subarray(i * stride, (i + 1) * stride), mapping);
  }

  private grow(min: number): void {
    const next = new Uint16Array(Math.max(this.data.length * 2, min));
    next.set(this.data);
    this.data = next;
    this.bytes = new Uint8Array(next.buffer);
  }

  finish(): ResponseMatrix {
    return { rows: this.rows, cols: this.cols, data: this.data.subarray(0, this.rows * this.cols) };
  }
}
