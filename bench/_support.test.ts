import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, timeProcess } from './_support.ts';

/*
 * A bench refuses a run whose answers are not 2xx (or 304 where asked): a tiny server answers
 * each path with one status, or with a 429 every tenth request.
 */
describe('load refuses runs with answers that are not 2xx', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    let n = 0;
    server = http.createServer((req, res) => {
      n += 1;
      const status = req.url === '/ok' ? 200 : req.url === '/not-modified' ? 304 : req.url === '/some-limited' && n % 10 ? 200 : 429;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 304 ? undefined : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const quick = { connections: 2, seconds: 1 };

  it('measures a route that answers 200', async () => {
    const r = await load('ok', `${url}/ok`, quick);
    expect(r.requestsPerSec).toBeGreaterThan(0);
    expect(r.non2xx).toBe(0);
  });

  it('refuses a route that sometimes answers 429, naming the status', async () => {
    await expect(load('limited', `${url}/some-limited`, quick)).rejects.toThrow(/bench run refused: "limited".* × 429/);
  });

  it('accepts 304 only where asked', async () => {
    await expect(load('etag', `${url}/not-modified`, quick)).rejects.toThrow(/× 304/);
    const r = await load('etag', `${url}/not-modified`, { ...quick, accept304: true });
    expect(r.requestsPerSec).toBeGreaterThan(0);
  });

  it('refuses a run in which nothing answered', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(load('gone', `http://127.0.0.1:${port}/`, quick)).rejects.toThrow(/bench run refused: "gone".*errors [1-9]/);
  });
});

describe('timeProcess', () => {
  it('times a process to its exit and refuses one that fails', async () => {
    expect(await timeProcess(['-e', '0'])).toBeGreaterThan(0);
    await expect(timeProcess(['-e', 'console.error("no such file"); process.exit(3)'])).rejects.toThrow(/exited with 3: no such file/);
  });
});
