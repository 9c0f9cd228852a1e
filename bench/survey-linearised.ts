/*
 * Speed of the survey statistics (issue 18): weighted shares of every option of every item with
 * linearised standard errors, logit intervals and design effects, plus one crosstab with linearised
 * column intervals, over 1,000,000 responses × 41 codebook variables (bench/_survey-analysis-data.ts)
 * raked to age group × sex and area – in memory, the matrix already loaded, as the results route
 * computes them once the matrix is cached. Baseline from the same run: the plain unweighted
 * counting pass over the same matrix (one count per item and value, no weights, no variances).
 * Target: under 3 s for raking + shares with SEs + crosstab. Median of three runs each.
 */
import os from 'node:os';
import {
  buildCrosstab,
  buildVariableResults,
  categoryCount,
  marginsFromInput,
  weightResponses,
} from '../src/server/modules/surveys/analysis/results.ts';
import { benchAnswers, benchCodebook, benchMargins, RESPONSES } from './_survey-analysis-data.ts';

const TARGET_MS = 3000;
const K = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function run(): Promise<void> {
  const codebook = benchCodebook();
  const matrix = { rows: RESPONSES, cols: codebook.length, data: benchAnswers(codebook) };
  const margins = marginsFromInput(benchMargins());
  const sizes = Int32Array.from(codebook, categoryCount);
  const row = codebook.find((v) => v.name === 'sicher_nachts')!;
  const col = codebook.find((v) => v.name === 'altersgruppe')!;

  // Baseline: the plain unweighted counting pass.
  const baseline: number[] = [];
  let checksum = 0;
  for (let r = 0; r < 3; r += 1) {
    const t = performance.now();
    const offsets = new Int32Array(codebook.length);
    let total = 0;
    sizes.forEach((s, j) => {
      offsets[j] = total;
      total += s + 1;
    });
    const counts = new Uint32Array(total);
    const { data, cols } = matrix;
    for (let i = 0; i < matrix.rows; i += 1) {
      const base = i * cols;
      for (let j = 0; j < cols; j += 1) {
        const s = sizes[j]!;
        if (s === 0) continue;
        const v = data[base + j]!;
        counts[offsets[j]! + (v > s ? 0 : v)]! += 1;
      }
    }
    baseline.push(performance.now() - t);
    checksum = counts[offsets[row.index]! + 1]!;
  }

  const runs: Array<{ rake: number; shares: number; crosstab: number; total: number }> = [];
  let options = 0;
  let withSe = 0;
  for (let r = 0; r < 3; r += 1) {
    let t = performance.now();
    const weighting = weightResponses(codebook, matrix, margins, K, 'de');
    const rake = performance.now() - t;
    t = performance.now();
    const vars = buildVariableResults(codebook, matrix, weighting, K, 'de');
    const shares = performance.now() - t;
    t = performance.now();
    const cross = buildCrosstab(row, col, matrix, weighting.design, K, 'de');
    const crosstab = performance.now() - t;
    runs.push({ rake, shares, crosstab, total: rake + shares + crosstab });
    options = vars.reduce((s, v) => s + v.categories.length, 0);
    withSe = vars.reduce((s, v) => s + v.categories.filter((c) => c.se !== null).length, 0);
    if (!weighting.report.applied || !weighting.report.converged) throw new Error('the bench data were not raked');
    if (vars.find((v) => v.name === 'sicher_nachts')!.categories[0]!.n !== checksum)
      throw new Error('the counts disagree with the baseline');
    if (cross.cells.flat().every((c) => c.colSe === null)) throw new Error('the crosstab has no standard errors');
  }
  const pick = (k: keyof (typeof runs)[number]) => median(runs.map((x) => x[k]));
  const lines = [
    ['baseline: plain unweighted counting pass (no weights, no variances)', median(baseline)],
    ['raking to age group × sex and area', pick('rake')],
    [`shares of ${options} options with linearised SEs, logit intervals, design effects`, pick('shares')],
    ['one crosstab (sicher_nachts × altersgruppe) with linearised column intervals', pick('crosstab')],
    ['total: raking + shares + crosstab', pick('total')],
  ] as const;
  const width = Math.max(...lines.map((l) => l[0].length));
  process.stdout.write(`${RESPONSES.toLocaleString('en')} responses × ${codebook.length} variables, median of 3 runs\n`);
  for (const [label, ms] of lines) process.stdout.write(`${label.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms\n`);
  process.stdout.write(
    `${withSe} options with a standard error (the rest fixed by weighting or suppressed); target total < ${TARGET_MS} ms: ${pick('total') < TARGET_MS ? 'met' : 'NOT met'}\n`,
  );
  process.stdout.write(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min) – timings scale with it\n`,
  );
}
