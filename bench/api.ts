/*
 * Signed-in reads under a crowd, as the web app makes them, on a Saxony-sized alliance
 * (bench/_alliance-seed.ts; 418 municipalities, 20,000 events), 32 connections, every answer
 * taken as a browser takes it (brotli or gzip). The server runs in its own process
 * (bench/_api-server.ts), the load generator in this one. Measured in the same run:
 * - the baseline: GET /api/health/live (constant JSON) with the same session cookie, measured in
 *   rounds that alternate with the route's (the mean of each), so that a machine that gets busier
 *   or quieter during the run favours neither;
 * - the municipality status list as the dashboard's map asks for it (all all rows, by name);
 * - the directory list (police, scoped, 50 rows; decision 014);
 * - the mixed read set of the dashboard: figures, series, fact box, status list, directory list.
 * Targets (issue 13): the status list ≥ 40 % of the signed-in baseline on SQLite, ≥ 25 % on
 * PostgreSQL; the mixed set ≥ 30 % and ≥ 20 %. A run in which any answer is not 2xx is refused.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../src/server/db/database.ts';
import { DIALECTS } from '../src/server/test/databases.ts';
import { AT, MUNICIPALITIES } from './_alliance-seed.ts';
import { alternate, BROWSER, loadPaths, verdict } from './_reads.ts';
import { load, type LoadResult, printLoad, startBenchServer } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const STATUS_LIST = `/api/alliance/municipalities?at=${AT}&sort=name&page=1&pageSize=500`;
const DIRECTORY = '/api/municipalities?pageSize=50';
const MIXED = [
  `/api/alliance/figures?at=${AT}`,
  `/api/alliance/figures/series?to=${AT}`,
  `/api/alliance/figures/fact-box?at=${AT}`,
  STATUS_LIST,
  DIRECTORY,
];
const TARGETS: Record<Dialect, { status: number; mixed: number }> = {
  sqlite: { status: 0.4, mixed: 0.3 },
  postgres: { status: 0.25, mixed: 0.2 },
};

// Rounds of baseline and route, alternating, 3 s each.
const ROUNDS = 3;

async function measure(dialect: Dialect) {
  const server = (await startBenchServer(path.join(here, '_api-server.ts'), [dialect])) as Awaited<ReturnType<typeof startBenchServer>> & {
    cookies: { police: string };
  };
  try {
    const signedIn = { ...BROWSER, cookie: server.cookies.police };
    const list = await fetch(`${server.url}${STATUS_LIST}`, { headers: signedIn });
    const body = (await list.json()) as { total: number; items: unknown[] };
    // The harness's standard territory (3 municipalities) comes on top of the seeded alliance.
    if (list.status !== 200 || body.total < MUNICIPALITIES || body.items.length !== body.total)
      throw new Error(`status list answered ${list.status} with ${body.items?.length} rows`);
    const directory = (await (await fetch(`${server.url}${DIRECTORY}`, { headers: signedIn })).json()) as { total: number };
    // The police directorate holds 3 of the 13 districts: its scope is a part of the state, not all of it.
    if (!(directory.total > 0 && directory.total < MUNICIPALITIES / 3))
      throw new Error(`the police scope holds ${directory.total} municipalities`);
    for (const p of MIXED) {
      const res = await fetch(`${server.url}${p}`, { headers: signedIn });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    }
    const health = `${server.url}/api/health/live`;
    await load('warm-up', health, { seconds: 2, headers: signedIn });
    await loadPaths('warm-up', server.url, MIXED, { seconds: 2, headers: signedIn });

    const baseline = () => load(`${dialect}: GET /api/health/live with session`, health, { seconds: 3, headers: signedIn });
    const status = await alternate(ROUNDS, baseline, () =>
      load(`${dialect}: GET status list (police, all rows, by name)`, `${server.url}${STATUS_LIST}`, { seconds: 3, headers: signedIn }),
    );
    const mixed = await alternate(ROUNDS, baseline, () =>
      loadPaths(`${dialect}: mixed set of five signed-in reads`, server.url, MIXED, { seconds: 3, headers: signedIn }),
    );
    const dir = await alternate(ROUNDS, baseline, () =>
      load(`${dialect}: GET /api/municipalities (police, scoped, 50 rows)`, `${server.url}${DIRECTORY}`, { seconds: 3, headers: signedIn }),
    );
    return { status, mixed, dir };
  } finally {
    await server.stop();
  }
}

export default async function run(): Promise<void> {
  const all: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const { status, mixed, dir } = await measure(dialect);
    all.push(status.baseline, status.route, mixed.baseline, mixed.route, dir.baseline, dir.route);
    const t = TARGETS[dialect];
    process.stdout.write(`${verdict(`${dialect}: status list`, status.route, status.baseline, t.status)}\n`);
    process.stdout.write(`${verdict(`${dialect}: mixed set of five reads`, mixed.route, mixed.baseline, t.mixed)}\n`);
    process.stdout.write(
      `${dialect}: directory list (decision 014) at ${((dir.route.requestsPerSec / dir.baseline.requestsPerSec) * 100).toFixed(0)} % of its baseline\n`,
    );
  }
  printLoad(all);
}
