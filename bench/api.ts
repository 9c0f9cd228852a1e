/*
 * API throughput: an authenticated, row-scoped, database-backed read (GET /api/municipalities as a
 * police user, scoped to its directorate, first page of 50 on a Saxony-sized directory) against the
 * baseline of a constant-JSON route (GET /api/health/live) on the same server, 32 connections, same
 * run. The server runs in its own process (bench/_api-server.ts), the load generator in this one.
 * Target: the real route reaches at least 40 % of the baseline's throughput on SQLite.
 * Each request resolves the session and reads the directory's change counter from the database;
 * the page itself is served from the answer cached for that counter and scope (decision 014).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../src/server/db/database.ts';
import { DIALECTS } from '../src/server/test/databases.ts';
import { load, printLoad, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const startServer = (dialect: Dialect) => startBenchServer(path.join(here, '_api-server.ts'), [dialect]);

async function measure(dialect: Dialect): Promise<{ baseline: LoadResult; real: LoadResult; small: LoadResult }> {
  const server = await startServer(dialect);
  try {
    const headers = { cookie: server.cookie };
    const check = await fetch(`${server.url}/api/municipalities?pageSize=50`, { headers });
    const body = (await check.json()) as { total: number; items: unknown[] };
    if (check.status !== 200 || body.total !== 96 || body.items.length !== 50)
      throw new Error(`scoped route answered ${check.status} with ${body.total} rows`);
    await load('warm-up', `${server.url}/api/municipalities?pageSize=50`, { seconds: 1, headers });
    const baseline = await load(`${dialect}: GET /api/health/live (constant JSON)`, `${server.url}/api/health/live`);
    const real = await load(
      `${dialect}: GET /api/municipalities (police, scoped, 50 rows)`,
      `${server.url}/api/municipalities?pageSize=50`,
      { headers },
    );
    // For reference: the same route with a page of 10, to show how the figure depends on the rows returned.
    const small = await load(
      `${dialect}: GET /api/municipalities (police, scoped, 10 rows)`,
      `${server.url}/api/municipalities?pageSize=10`,
      { headers },
    );
    for (const r of [baseline, real, small]) {
      if (r.errors > 0 || r.non2xx > 0)
        throw new Error(`${r.label}: ${r.errors} errors, ${r.non2xx} answers other than 2xx – the figures would not be valid`);
    }
    return { baseline, real, small };
  } finally {
    await server.stop();
  }
}

export default async function run(): Promise<void> {
  const rows: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const { baseline, real, small } = await measure(dialect);
    rows.push(baseline, real, small);
    const ratio = real.requestsPerSec / baseline.requestsPerSec;
    process.stdout.write(
      `${dialect}: real route at ${(ratio * 100).toFixed(0)} % of baseline throughput${dialect === 'sqlite' ? ` (target ≥ 40 %: ${ratio >= 0.4 ? 'met' : 'NOT met'})` : ''}; with 10 rows ${((small.requestsPerSec / baseline.requestsPerSec) * 100).toFixed(0)} %\n`,
    );
  }
  printLoad(rows);
}
