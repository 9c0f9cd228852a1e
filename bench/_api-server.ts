/*
 * The server under test for bench/api.ts, in its own process so that the load generator does not
 * share its event loop: a Saxony-sized directory (13 districts × 32 municipalities) and a police
 * user scoped to three districts. Prints one JSON line with the URL and the session cookie.
 */
import type { AddressInfo } from 'node:net';
import type { Dialect } from '../src/server/db/database.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { buildDirectorate, buildDistrict, buildMunicipality } from '../src/server/test/factories.ts';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
// The rate limit per session would cut the run short: a bench measures throughput, not the limiter.
const ctx = await createTestContext(dialect, { RATE_LIMIT_PER_MINUTE: '1000000000' });
const districts: string[] = [];
for (let d = 0; d < 13; d++) districts.push((await buildDistrict(ctx.db, { ags: `14${String(700 + d)}` })).ags);
for (const d of districts) for (let m = 0; m < 32; m++) await buildMunicipality(ctx.db, { district_ags: d, ags: `${d}${String(m + 100)}` });
const dir = await buildDirectorate(ctx.db, 'Bench', districts.slice(0, 3));
const police = await ctx.as('police', { directorateId: dir.id });
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: `praevis_session=${police.cookie}` })}\n`);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
