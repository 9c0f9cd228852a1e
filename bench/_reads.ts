/*
 * Helpers of the read benchmarks (bench/api.ts, bench/figures.ts): a load of several paths in turn
 * (a page's set of reads), the headers a browser sends, and the refusal of a run in which any
 * answer was not 2xx.
 */
import autocannon from 'autocannon';
import type { LoadResult } from './_support.ts';

/** What a browser sends with every read: it takes brotli and gzip. */
export const BROWSER = { 'accept-encoding': 'gzip, deflate, br' } as const;

/** Fires the paths in turn on every connection for a few seconds (the mixed read set of a page). */
export async function loadPaths(
  label: string,
  base: string,
  paths: readonly string[],
  opts: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const r = await autocannon({
    url: base,
    connections: opts.connections ?? 32,
    duration: opts.seconds ?? 5,
    headers: opts.headers,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return { label, requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** Throws unless every answer of every load, baselines included, was 2xx: else the figures measure refusals. */
export function refuseBadAnswers(rows: readonly LoadResult[]): void {
  for (const r of rows) {
    if (r.errors > 0 || r.non2xx > 0)
      throw new Error(`${r.label}: ${r.errors} errors, ${r.non2xx} answers other than 2xx – the figures would not be valid`);
  }
}

/** The ratio of a route's throughput to its baseline's, in percent, with the target's verdict. */
export function verdict(label: string, route: LoadResult, baseline: LoadResult, target: number): string {
  const ratio = route.requestsPerSec / baseline.requestsPerSec;
  return `${label}: ${(ratio * 100).toFixed(0)} % of the baseline (target ≥ ${(target * 100).toFixed(0)} %: ${ratio >= target ? 'met' : 'NOT met'})`;
}

/**
 * Measures a route and its baseline in alternating rounds (baseline, route, baseline, route, …)
 * and returns the mean of each: on a shared machine whose load changes during the run, neither
 * side gets the quieter seconds.
 */
export async function alternate(
  rounds: number,
  baseline: (round: number) => Promise<LoadResult>,
  route: (round: number) => Promise<LoadResult>,
): Promise<{ baseline: LoadResult; route: LoadResult; all: LoadResult[] }> {
  const all: LoadResult[] = [];
  const b: LoadResult[] = [];
  const r: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await baseline(i));
    r.push(await route(i));
  }
  all.push(...b, ...r);
  refuseBadAnswers(all);
  return { baseline: meanOf(`${b[0]!.label} (mean of ${rounds})`, b), route: meanOf(`${r[0]!.label} (mean of ${rounds})`, r), all };
}

/** The mean of several loads of the same route. */
export function meanOf(label: string, rows: readonly LoadResult[]): LoadResult {
  const avg = (f: (r: LoadResult) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  return {
    label,
    requestsPerSec: avg((r) => r.requestsPerSec),
    p50: avg((r) => r.p50),
    p99: avg((r) => r.p99),
    errors: rows.reduce((s, r) => s + r.errors, 0),
    non2xx: rows.reduce((s, r) => s + r.non2xx, 0),
  };
}
