/*
 * Budget overview of one programme year over 5,000 applications and 50,000 cost items:
 * GET /api/funding/programmes/:id/overview (budget, requested, committed, paid, reclaimed, free;
 * per field of action with quotas, and per district), signed in as the ministry, beside the
 * foundation's baseline GET /api/health/live (constant JSON, sent with the same session cookie, so
 * both pay the session lookup) on the same server in the same run.
 * The server runs in its own process (bench/_funding-server.ts). Target: p50 under 50 ms.
 * SQLite always; PostgreSQL when it answers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS } from '../src/server/test/databases.ts';
import { load, printLoad, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export default async function run(): Promise<void> {
  const rows: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const server = await startBenchServer(path.join(here, '_funding-server.ts'), [dialect]);
    const info = server as unknown as { programmeId: number; applications: number; costItems: number };
    try {
      const headers = { cookie: server.cookie };
      const url = `${server.url}/api/funding/programmes/${info.programmeId}/overview`;
      const check = await fetch(url, { headers });
      const body = (await check.json()) as { totals: { applications: number }; byField: unknown[]; byDistrict: unknown[] };
      if (check.status !== 200 || body.byDistrict.length !== 13 || body.byField.length !== 6)
        throw new Error(`overview answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`);
      process.stdout.write(
        `${dialect}: ${info.applications} applications, ${info.costItems} cost items, ${body.totals.applications} submitted or later\n`,
      );
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
      const real = await load(`${dialect}: GET /api/funding/programmes/:id/overview (5,000 applications)`, url, {
        headers,
        connections: 1,
        seconds: 5,
      });
      const funded = await load(
        `${dialect}: GET /api/funding/programmes/:id/funded (list of funded projects)`,
        `${server.url}/api/funding/programmes/${info.programmeId}/funded`,
        { headers, connections: 1, seconds: 3 },
      );
      rows.push(baseline, real, funded);
      process.stdout.write(
        `${dialect}: budget overview p50 ${real.p50.toFixed(1)} ms (target < 50 ms: ${real.p50 < 50 ? 'met' : 'NOT met'}), baseline p50 ${baseline.p50.toFixed(1)} ms\n`,
      );
    } finally {
      await server.stop();
    }
  }
  printLoad(rows);
}
