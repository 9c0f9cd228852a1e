/*
 * Indicator query over 400 districts × 10 years (the real 2022 T01 file and nine years scaled from
 * it): GET /api/crime-stats/districts?state=all (cases, HZ, clearance, change, 5-year trend, state
 * and national comparison, ranks for all 400 districts), beside the foundation's baseline
 * GET /api/health/live (constant JSON, sent with the same session cookie, so both pay the session
 * lookup) on the same server in the same run. The server runs in its own process
 * (bench/_crime-server.ts). Target: p50 under 30 ms per request.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../src/server/db/database.ts';
import { DIALECTS } from '../src/server/test/databases.ts';
import { REAL_FILES, sharedDataFile } from '../src/server/test/shared-data.ts';
import { load, printLoad, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const startServer = (dialect: Dialect) => startBenchServer(path.join(here, '_crime-server.ts'), [dialect]);

export default async function run(): Promise<void> {
  if (!sharedDataFile(REAL_FILES.pksT01)) return;
  const rows: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const server = await startServer(dialect);
    try {
      const headers = { cookie: server.cookie };
      const url = `${server.url}/api/crime-stats/districts?state=all&year=2022`;
      const check = await fetch(url, { headers });
      const body = (await check.json()) as { items: unknown[]; years: number[] };
      if (check.status !== 200 || body.items.length !== 400 || body.years.length !== 10)
        throw new Error(`indicator route answered ${check.status} with ${body.items?.length} districts, ${body.years?.length} years`);
      await load('warm-up', url, { seconds: 1, headers, connections: 1 });
      const baseline = await load(
        `${dialect}: GET /api/health/live (constant JSON, same session cookie)`,
        `${server.url}/api/health/live`,
        {
          headers,
          connections: 1,
          seconds: 3,
        },
      );
      const real = await load(`${dialect}: GET /api/crime-stats/districts (400 districts, 10 years)`, url, {
        headers,
        connections: 1,
        seconds: 5,
      });
      const detail = await load(
        `${dialect}: GET /api/crime-stats/districts/14511 (series, 10 years)`,
        `${server.url}/api/crime-stats/districts/14511`,
        { headers, connections: 1, seconds: 3 },
      );
      rows.push(baseline, real, detail);
      process.stdout.write(
        `${dialect}: indicator query p50 ${real.p50.toFixed(1)} ms (target < 30 ms: ${real.p50 < 30 ? 'met' : 'NOT met'}), baseline p50 ${baseline.p50.toFixed(1)} ms\n`,
      );
    } finally {
      await server.stop();
    }
  }
  printLoad(rows);
}
