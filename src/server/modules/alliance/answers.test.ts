import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { resetClock, setClock } from '../../../shared/time.ts';
import { clearAlliance } from './test-support.ts';

/*
 * The cached answers of the alliance routes as a client sees them: ETag and 304, Cache-Control,
 * the encodings, one answer per scope, per date and per query, and a fresh answer after a write.
 */
describe.each(DIALECTS)('cached alliance answers on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let admin: Client;
  let coordinator: Client;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    admin = await ctx.as('admin');
    coordinator = await ctx.as('coordinator');
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(async () => {
    await clearAlliance(ctx.db);
  });
  afterEach(() => resetClock());

  const record = async (ags: string, date: string) => {
    const res = await lpr.post(`/api/alliance/municipalities/${ags}/events`, { type: 'consultation', date });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('answers a matching If-None-Match with 304 until the data change', async () => {
    const first = await lpr.get('/api/alliance/figures?at=2024-06-30');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toContain('accept-encoding');

    const again = await lpr.get('/api/alliance/figures?at=2024-06-30', { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // A list of tags, and the strong form of the same tag, match too; another date does not.
    expect(
      (await lpr.get('/api/alliance/figures?at=2024-06-30', { headers: { 'if-none-match': `"x", ${etag.slice(2)}` } })).statusCode,
    ).toBe(304);
    expect((await lpr.get('/api/alliance/figures?at=2024-06-29', { headers: { 'if-none-match': etag } })).statusCode).toBe(200);

    await record(ctx.territory.annaberg, '2024-01-10');
    const changed = await lpr.get('/api/alliance/figures?at=2024-06-30', { headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().statewide.advised).toBe(1);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('sends brotli or gzip as the client accepts, each the same JSON, and small answers as they are', async () => {
    await record(ctx.territory.annaberg, '2024-01-10');
    const url = '/api/alliance/municipalities?at=2024-06-30&pageSize=100';
    const plain = await lpr.get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await lpr.get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    const gz = await lpr.get(url, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.headers.etag).toBe(plain.headers.etag);
    expect((await lpr.get(url, { headers: { 'accept-encoding': 'identity' } })).headers['content-encoding']).toBeUndefined();

    const small = await lpr.get('/api/alliance/figures/fact-box?at=2024-06-30', { headers: { 'accept-encoding': 'br' } });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the JSON of routes outside the cache too', async () => {
    const doc = await ctx.anonymous.get('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(doc.rawPayload).toString('utf8'))).toHaveProperty('openapi');
  });

  it('keeps one answer per scope: the status list tells each caller which records it may open', async () => {
    const url = '/api/alliance/municipalities?at=2024-06-30&pageSize=100';
    const seen = async (client: Client) =>
      (await client.get(url)).json().items.flatMap((r: { ags: string; canSeeDetail: boolean }) => (r.canSeeDetail ? [r.ags] : []));
    expect(await seen(lpr)).toHaveLength(3);
    expect(await seen(coordinator)).toEqual([ctx.territory.annaberg]);
    expect(await seen(lpr)).toHaveLength(3);
    const ministry = await ctx.as('ministry');
    expect(await seen(ministry)).toEqual([]);
    // Another coordinator of another commune does not get the first one's answer.
    const other = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    expect(await seen(other)).toEqual([ctx.territory.dresdenCity]);
  });

  it('answers "today" by the Berlin calendar day: the answer moves on at midnight in Berlin', async () => {
    setClock('2025-03-09T22:30:00Z', { frozen: true }); // 23:30 in Berlin
    await record(ctx.territory.annaberg, '2025-03-09');
    expect((await lpr.get('/api/alliance/figures')).json().at).toBe('2025-03-09');
    setClock('2025-03-09T23:30:00Z', { frozen: true }); // 00:30 on the 10th in Berlin
    const next = await lpr.get('/api/alliance/figures');
    expect(next.json().at).toBe('2025-03-10');
    expect(next.json().statewide.advised).toBe(1);
  });

  it('serves the public page only while it is enabled, cacheable by anyone', async () => {
    expect((await ctx.anonymous.get('/api/public/alliance/figures?at=2024-06-30')).statusCode).toBe(404);
    const settings = (await admin.get('/api/alliance/settings')).json();
    expect((await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: true })).statusCode).toBe(200);
    try {
      for (const path of ['/api/public/alliance/figures', '/api/public/alliance/fact-box', '/api/public/alliance/members']) {
        const res = await ctx.anonymous.get(`${path}?at=2024-06-30`);
        expect(res.statusCode, path).toBe(200);
        expect(res.headers['cache-control']).toBe('public, no-cache');
        expect(
          (await ctx.anonymous.get(`${path}?at=2024-06-30`, { headers: { 'if-none-match': res.headers.etag as string } })).statusCode,
        ).toBe(304);
      }
      const info = await ctx.anonymous.get('/api/public/alliance');
      expect(info.json().enabled).toBe(true);
    } finally {
      const now = (await admin.get('/api/alliance/settings')).json();
      expect((await admin.patch('/api/alliance/settings', { version: now.version, publicPage: false })).statusCode).toBe(200);
    }
    expect((await ctx.anonymous.get('/api/public/alliance/figures?at=2024-06-30')).statusCode).toBe(404);
    expect((await ctx.anonymous.get('/api/public/alliance')).json().enabled).toBe(false);
  });
});
