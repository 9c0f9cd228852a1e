/*
 * The server under test for bench/crime-indicators.ts, in its own process: the real T01 file of
 * 2022 and nine synthetic years derived from it by scaling (400 districts × 41 keys × 10 years),
 * and a ministry user. Prints one JSON line with the URL and the session cookie.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR } from '../src/server/auth/principal.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { importPks } from '../src/server/modules/crime-stats/crime-stats.service.ts';
import { scaledT01 } from '../src/server/modules/crime-stats/test-support.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { REAL_FILES, sharedDataFile } from '../src/server/test/shared-data.ts';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const ctx = await createTestContext(dialect);
const real = fs.readFileSync(sharedDataFile(REAL_FILES.pksT01)!);
for (let year = 2013; year <= 2022; year++) {
  const data = year === 2022 ? real : scaledT01(real, 0.8 + (year - 2013) * 0.02 + ((year * 7) % 5) * 0.01);
  await ctx.db
    .transaction()
    .execute((trx) => importPks(trx, SYSTEM_ACTOR, { name: `t01-${year}.csv`, data }, { year, dryRun: false, maxBytes: 100_000_000 }));
}
const ministry = await ctx.as('ministry');
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: `praevis_session=${ministry.cookie}` })}\n`);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
