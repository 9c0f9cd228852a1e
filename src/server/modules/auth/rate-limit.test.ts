import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../../shared/time.ts';
import { databaseStore, leaseCapOf } from '../../auth/rate-limit.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';

const LIMIT = 50;

describe.each(DIALECTS)('request rate limit on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect, { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  // One fixed minute for every test: the window never turns over while a test runs.
  beforeEach(() => setClock('2030-03-04T10:20:30.000Z', { frozen: true }));
  afterEach(() => resetClock());

  async function burst(url: string, address: string, cookie: () => string | undefined, count = 700): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < count; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, () => {
          const c = cookie();
          return ctx.app.inject({ method: 'GET', url, remoteAddress: address, headers: c ? { cookie: `praevis_session=${c}` } : {} });
        }),
      );
      codes.push(...batch.map((r) => r.statusCode));
    }
    return codes;
  }
  const served = (codes: number[]) => codes.filter((c) => c !== 429).length;

  it('700 anonymous requests with random cookies meet the same limit as without a cookie', async () => {
    const random = () => crypto.randomBytes(32).toString('base64url');
    const withCookies = await burst('/api/auth/options', '10.7.0.1', random);
    const without = await burst('/api/auth/options', '10.7.0.2', () => undefined);
    expect(served(withCookies)).toBe(LIMIT);
    expect(served(without)).toBe(LIMIT);
    expect(withCookies.filter((c) => c === 429)).toHaveLength(700 - LIMIT);
  });

  it('counts refused requests too: 401s to a signed-in route are limited per address', async () => {
    const codes = await burst('/api/users', '10.7.0.3', () => crypto.randomBytes(32).toString('base64url'), 120);
    expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT);
    expect(codes.filter((c) => c === 429)).toHaveLength(120 - LIMIT);
    const refused = await ctx.app.inject({ method: 'GET', url: '/api/users', remoteAddress: '10.7.0.3' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBe(30);
  });

  it('limits a signed-in user per session: an exhausted address does not stop them, their own limit does', async () => {
    const address = '10.7.0.4';
    await burst('/api/auth/options', address, () => undefined, LIMIT + 5);
    const client = await ctx.as('lpr');
    const cookie = () => client.cookie;
    const codes = await burst('/api/auth/session', address, cookie, LIMIT + 10);
    expect(codes.filter((c) => c === 200)).toHaveLength(LIMIT);
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
    // The next minute starts afresh.
    setClock('2030-03-04T10:21:30.000Z', { frozen: true });
    expect((await burst('/api/auth/session', address, cookie, 1))[0]).toBe(200);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('request rate limit leased from PostgreSQL', () => {
  const MAX = 600;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('postgres', { RATE_LIMIT_PER_MINUTE: String(MAX) });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => setClock('2030-03-04T10:20:30.000Z', { frozen: true }));
  afterEach(() => resetClock());

  it('a busy session leases its numbers in growing blocks instead of writing once per request', async () => {
    const client = await ctx.as('lpr');
    for (let i = 0; i < 100; i += 1) expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    const rows = await ctx.db.selectFrom('rate_limits').select(['key', 'count']).where('key', 'like', 's:%').execute();
    expect(rows).toHaveLength(1);
    // Blocks of 1, 2, 4, 8, 16 and then 30 (a twentieth of 600): 8 writes for 100 requests.
    expect(leaseCapOf(MAX)).toBe(30);
    expect(rows[0]!.count).toBe(1 + 2 + 4 + 8 + 16 + 30 + 30 + 30);
  });

  it('two processes leasing from one table admit exactly the limit between them, under concurrency', async () => {
    const limit = 50;
    const stores = [databaseStore(ctx.db, limit), databaseStore(ctx.db, limit)];
    const window = '2030-03-04T10:20:00.000Z';
    const counts = await Promise.all(Array.from({ length: 400 }, (_, i) => stores[i % 2]!.hit('a:two-processes', window)));
    const admitted = counts.filter((c) => c <= limit).sort((a, b) => a - b);
    // Every number up to the limit admitted exactly once, across both processes.
    expect(admitted).toEqual(Array.from({ length: limit }, (_, i) => i + 1));
  });
});
