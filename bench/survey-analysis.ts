/*
 * Survey analysis as the results page asks for it: a closed survey of 1,000,000 responses × 41
 * items (bench/_survey-analysis-data.ts) in a server process of its own on SQLite
 * (bench/_survey-analysis-server.ts). Signed in (session cookie and CSRF token) as the state
 * prevention council's staff, the bench first sets two margins through the margins editor's route
 * (PUT /api/surveys/:id/margins: age group × sex and the town's areas), then opens the results
 * page: results, indices and comparison, weighted, requested together as the page does, first
 * cold (every response read from the database and raked), then each route and one crosstab warm
 * with autocannon (10 requests each, one connection). Baselines from the same run: a signed-in
 * route with the same session cookie (GET /api/auth/session), and the same weighted shares and
 * crosstab computed in this process from the matrix already in memory (no database, no HTTP).
 * Target: the page's weighted answers, cold, under 2 s.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SurveyCrosstab, SurveyResults } from '../src/shared/survey-results.schema.ts';
import { buildCrosstab, buildVariableResults, marginsFromInput, weightResponses } from '../src/server/modules/surveys/analysis/results.ts';
import { benchAnswers, benchCodebook, benchMargins, RESPONSES } from './_survey-analysis-data.ts';
import { fetchOk, load, printLoad, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET_MS = 2000;
const K = 5;

export default async function run(): Promise<void> {
  const server = await startBenchServer(path.join(here, '_survey-analysis-server.ts'), ['sqlite']);
  const { csrfToken, surveyId } = server as unknown as { csrfToken: string; surveyId: number };
  try {
    const headers = { cookie: server.cookie };
    const api = `${server.url}/api/surveys/${surveyId}`;

    // The margins, as a user saves them in the editor.
    const margins = benchMargins();
    await fetchOk(`${api}/margins`, {
      method: 'PUT',
      headers: { ...headers, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 0, ...margins }),
    });

    // The results page opens: its three weighted requests at once, cold.
    const page = ['results', 'indices', 'comparison'].map((r) => `${api}/${r}?weighted=true`);
    let t = performance.now();
    const [results] = (await Promise.all(page.map(async (u) => (await fetchOk(u, { headers })).json()))) as [SurveyResults];
    const coldMs = performance.now() - t;
    const w = results.weighting;
    if (results.responses !== RESPONSES || !w.applied || !w.converged || w.margins.length !== 2)
      throw new Error(
        `the results are not weighted to both margins: ${JSON.stringify({ responses: results.responses, ...w, margins: w.margins.length })}`,
      );
    const crosstabUrl = `${api}/crosstab?weighted=true&row=sicher_nachts&col=altersgruppe`;
    t = performance.now();
    const cross = (await (await fetchOk(crosstabUrl, { headers })).json()) as SurveyCrosstab;
    const crossMs = performance.now() - t;

    // Warm: the page again, timed as a whole, then each route under load.
    const warm: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      t = performance.now();
      await Promise.all(page.map(async (u) => (await fetchOk(u, { headers })).arrayBuffer()));
      warm.push(performance.now() - t);
    }
    const warmMs = warm.sort((a, b) => a - b)[1]!;
    const rows: LoadResult[] = [
      await load('sqlite: GET /api/auth/session (signed-in baseline)', `${server.url}/api/auth/session`, {
        headers,
        connections: 1,
        seconds: 3,
      }),
    ];
    for (const u of [...page, crosstabUrl])
      rows.push(
        await load(`sqlite: GET ${u.slice(server.url.length).replace(`/${surveyId}/`, '/:id/')}`, u, {
          headers,
          connections: 1,
          // A fixed number of requests: a cold-sized route takes seconds, and a timed window could end empty.
          amount: 10,
          timeoutSeconds: 120,
        }),
      );

    // Baseline: the same weighted shares and crosstab from the matrix in memory.
    const codebook = benchCodebook();
    const matrix = { rows: RESPONSES, cols: codebook.length, data: benchAnswers(codebook) };
    t = performance.now();
    const weighting = weightResponses(codebook, matrix, marginsFromInput(margins), K, 'de');
    const report = weighting.report;
    const baseVars = buildVariableResults(codebook, matrix, weighting, K, 'de');
    const baseCross = buildCrosstab(
      codebook.find((v) => v.name === 'sicher_nachts')!,
      codebook.find((v) => v.name === 'altersgruppe')!,
      matrix,
      weighting.design,
      K,
      'de',
    );
    const baselineMs = performance.now() - t;
    const share = (vars: { name: string; categories: { share: number | null }[] }[]) =>
      vars.find((v) => v.name === 'sicher_nachts')!.categories[0]!.share!;
    if (
      Math.abs(share(results.variables) - share(baseVars)) > 1e-9 ||
      baseCross.total.n !== cross.total.n ||
      report.iterations !== w.iterations
    )
      throw new Error('the server and the in-memory baseline disagree');

    const lines = [
      ['cold: the results page (results + indices + comparison, weighted, together)', coldMs],
      ['      then one crosstab (warm matrix)', crossMs],
      ['warm: the results page again (median of 3)', warmMs],
      ['baseline: in-memory matrix (rake + shares + crosstab, no database, no HTTP)', baselineMs],
    ] as const;
    const width = Math.max(...lines.map((l) => l[0].length));
    for (const [label, ms] of lines) process.stdout.write(`${label.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms\n`);
    printLoad(rows);
    process.stdout.write(
      `raking to ${w.margins.map((m) => m.dimension).join(' and ')}: ${w.iterations} iterations, max deviation ${w.maxRelativeDeviation.toExponential(2)}, design effect of the weights ${w.weightsDesignEffect?.toFixed(2)}; ` +
        `target < ${TARGET_MS} ms for the page's weighted answers (cold): ${coldMs < TARGET_MS ? 'met' : 'NOT met'}\n`,
    );
    process.stdout.write(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1/5/15 min) – timings scale with it\n`,
    );
  } finally {
    await server.stop();
  }
}
