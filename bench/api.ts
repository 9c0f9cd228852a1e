/*
 * API throughput: an authenticated, row-scoped, database-backed read (GET /api/municipalities as a
 * police user, scoped to its directorate, on a Saxony-sized directory) against the baseline of a
 * constant-JSON route (GET /api/health/live) on the same server, 32 connections, same run.
 * Target: the real route reaches at least 40 % of the baseline's throughput on SQLite.
 */
import type { AddressInfo } from 'node:net';
import type { Dialect } from '../src/server/db/database.ts';
import { createTestContext, DIALECTS } from '../src/server/test/harness.ts';
import { buildDirectorate, buildDistrict, buildMunicipality } from '../src/server/test/factories.ts';
import { load, printLoad } from './_support.ts';

async function measure(dialect: Dialect) {
  const ctx = await createTestContext(dialect);
  try {
    // 13 districts with 32 municipalities each (≈ Saxony's 418), spread over 5 directorates.
    const districts: string[] = [];
    for (let d = 0; d < 13; d++) districts.push((await buildDistrict(ctx.db, { ags: `14${String(700 + d)}` })).ags);
    for (const d of districts) for (let m = 0; m < 32; m++) await buildMunicipality(ctx.db, { district_ags: d, ags: `${d}${String(m + 100)}` });
    const dir = await buildDirectorate(ctx.db, 'Bench', districts.slice(0, 3));
    const police = await ctx.as('police', { directorateId: dir.id });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const cookie = { cookie: `praevis_session=${police.cookie}` };
    const check = await fetch(`${base}/api/municipalities?pageSize=50`, { headers: cookie });
    const body = (await check.json()) as { total: number };
    if (check.status !== 200 || body.total !== 96) throw new Error(`scoped route answered ${check.status} with ${body.total} rows`);
    await load('warm-up', `${base}/api/health/live`, { seconds: 1 });
    const baseline = await load(`${dialect}: GET /api/health/live (constant JSON)`, `${base}/api/health/live`);
    const real = await load(`${dialect}: GET /api/municipalities (police, scoped)`, `${base}/api/municipalities?pageSize=50`, { headers: cookie });
    return { baseline, real };
  } finally {
    await ctx.close();
  }
}

export default async function run(): Promise<void> {
  const rows = [];
  for (const dialect of DIALECTS) {
    const { baseline, real } = await measure(dialect);
    rows.push(baseline, real);
    const ratio = real.requestsPerSec / baseline.requestsPerSec;
    process.stdout.write(`${dialect}: real route at ${(ratio * 100).toFixed(0)} % of baseline throughput${dialect === 'sqlite' ? ` (target ≥ 40 %: ${ratio >= 0.4 ? 'met' : 'NOT met'})` : ''}\n`);
  }
  printLoad(rows);
}
