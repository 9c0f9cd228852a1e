/*
 * The council page's API calls for a council with 200 members, 500 meetings (every member invited)
 * and 2,000 tasks: the council with counts and composition, the current members, the next meetings,
 * the past meetings (first page), the unfinished tasks (first page) and the overdue tasks of the
 * home page, each with one connection, beside the foundation's baseline GET /api/health/live
 * (constant JSON, sent with the same session cookie, so both pay the session lookup) on the same
 * server in the same run. The server runs in its own process (bench/_council-server.ts).
 * Target: p50 under 50 ms per call, on SQLite and PostgreSQL.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS } from '../src/server/test/databases.ts';
import { load, printLoad, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET_MS = 50;

export default async function run(): Promise<void> {
  const rows: LoadResult[] = [];
  const verdicts: string[] = [];
  for (const dialect of DIALECTS) {
    const server = await startBenchServer(path.join(here, '_council-server.ts'), [dialect]);
    try {
      const headers = { cookie: server.cookie };
      const id = (server as unknown as { councilId: number }).councilId;
      const calls: [string, string][] = [
        ['council (counts, composition)', `/api/councils/${id}`],
        ['members (180 current of 200)', `/api/councils/${id}/members`],
        ['meetings upcoming', `/api/councils/${id}/meetings?when=upcoming&pageSize=10`],
        ['meetings past, page 1 of 25', `/api/councils/${id}/meetings?when=past&pageSize=20`],
        ['tasks unfinished, page 1', `/api/councils/${id}/tasks?status=unfinished&pageSize=50`],
        ['overdue tasks (home page)', '/api/tasks/overdue'],
      ];
      const check = await fetch(`${server.url}/api/councils/${id}`, { headers });
      const council = (await check.json()) as { counts?: { meetings: number; currentMembers: number } };
      if (check.status !== 200 || council.counts?.meetings !== 500)
        throw new Error(`council route answered ${check.status}: ${JSON.stringify(council).slice(0, 200)}`);
      for (const [, p] of calls) await load('warm-up', `${server.url}${p}`, { seconds: 1, headers, connections: 1 });
      rows.push(
        await load(`${dialect}: GET /api/health/live (baseline, same session cookie)`, `${server.url}/api/health/live`, {
          headers,
          connections: 1,
          seconds: 3,
        }),
      );
      for (const [label, p] of calls) {
        const r = await load(`${dialect}: ${label}`, `${server.url}${p}`, { headers, connections: 1, seconds: 3 });
        rows.push(r);
        verdicts.push(
          `${dialect}: ${label} p50 ${r.p50.toFixed(1)} ms (target < ${TARGET_MS} ms: ${r.p50 < TARGET_MS ? 'met' : 'NOT met'})`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  printLoad(rows);
  for (const v of verdicts) process.stdout.write(`${v}\n`);
}
