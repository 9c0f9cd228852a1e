/*
 * The server under test for bench/api.ts and bench/figures.ts, in its own process so that the load
 * generator does not share its event loop: a Saxony-sized alliance (bench/_alliance-seed.ts) with
 * the public page enabled, and signed-in users (police scoped to one directorate of three
 * districts, the ministry, LPR staff). Prints one JSON line with the URL and the session cookies.
 *
 * The request rate limit is configured, not switched off: RATE_LIMIT_PER_MINUTE is set high enough
 * that one address (the load generator's) and one session are never refused during a run, so that
 * the figures measure the routes, not the limiter's 429 (which still counts every request).
 */
import type { AddressInfo } from 'node:net';
import type { Dialect } from '../src/server/db/database.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { seedAlliance } from './_alliance-seed.ts';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const ctx = await createTestContext(dialect, { RATE_LIMIT_PER_MINUTE: '1000000000' });
const { directorates } = await seedAlliance(ctx.db);
const settings = (await (await ctx.as('admin')).patch('/api/alliance/settings', { version: 1, publicPage: true })).statusCode;
if (settings !== 200) throw new Error(`enabling the public page answered ${settings}`);
const police = await ctx.as('police', { directorateId: directorates[0]! });
const ministry = await ctx.as('ministry');
const lpr = await ctx.as('lpr');
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
const cookie = (c: { cookie?: string }) => `praevis_session=${c.cookie}`;
process.stdout.write(
  `${JSON.stringify({ url, cookie: cookie(police), cookies: { police: cookie(police), ministry: cookie(ministry), lpr: cookie(lpr) } })}\n`,
);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
