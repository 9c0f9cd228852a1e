import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../http/problem.ts';
import { fetchUrl, isAllowedAddress } from './url-fetch.ts';

/*
 * Every address used here is loopback (127.0.0.0/8 or ::1); refused addresses must never see a
 * connection attempt. The allowed test server listens on 127.0.0.2 and is let through by the
 * allow-list; 127.0.0.1 is not on it.
 */

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

function listen(handler: http.RequestListener, host: string): Promise<{ server: http.Server; base: string; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve({ server, base: `http://${host}:${(server.address() as AddressInfo).port}`, hits: () => hits })),
  );
}

describe('isAllowedAddress', () => {
  it('admits public unicast addresses only, IPv4-mapped IPv6 judged as IPv4', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd00:ec2::254',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      'not an address',
    ]) {
      expect(isAllowedAddress(a), a).toBe(false);
    }
    for (const a of ['193.99.144.80', '2a00:1450:4001::1', '::ffff:193.99.144.80']) expect(isAllowedAddress(a), a).toBe(true);
  });

  it('admits what the allow-list names, as an address or a range', () => {
    expect(isAllowedAddress('10.20.3.4', ['10.20.0.0/16'])).toBe(true);
    expect(isAllowedAddress('10.21.3.4', ['10.20.0.0/16'])).toBe(false);
    expect(isAllowedAddress('127.0.0.2', ['127.0.0.2'])).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.2', ['127.0.0.2'])).toBe(true);
    expect(isAllowedAddress('127.0.0.1', ['127.0.0.2'])).toBe(false);
  });
});

describe('fetchUrl', () => {
  let allowed: Awaited<ReturnType<typeof listen>>;
  let loopback: Awaited<ReturnType<typeof listen>>;
  const limits = { maxBytes: 1000, timeoutMs: 5000, allow: ['127.0.0.2'] };

  beforeAll(async () => {
    loopback = await listen((_req, res) => res.end('internal'), '127.0.0.1');
    allowed = await listen((req, res) => {
      if (req.url === '/file.csv') {
        res.setHeader('content-type', 'text/csv');
        res.end('a;b\n1;2\n');
        return;
      }
      if (req.url === '/to-loopback') {
        res.statusCode = 302;
        res.setHeader('location', `${loopback.base}/`);
        res.end();
        return;
      }
      if (req.url === '/hop') {
        res.statusCode = 301;
        res.setHeader('location', '/file.csv');
        res.end();
        return;
      }
      if (req.url === '/loop') {
        res.statusCode = 302;
        res.setHeader('location', '/loop');
        res.end();
        return;
      }
      if (req.url === '/big') {
        res.end(Buffer.alloc(5000, 0x41));
        return;
      }
      if (req.url === '/slow') return; // never answers
      res.statusCode = 404;
      res.end('not here');
    }, '127.0.0.2');
  });
  afterAll(async () => {
    for (const s of [allowed?.server, loopback?.server]) {
      s?.closeAllConnections();
      await new Promise((resolve) => s?.close(resolve));
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('downloads from an allowed address, following a redirect on the same host', async () => {
    const request = vi.spyOn(http, 'request');
    expect(await fetchUrl(`${allowed.base}/file.csv`, limits)).toEqual({
      name: `file.csv (${allowed.base}/file.csv)`,
      data: Buffer.from('a;b\n1;2\n'),
    });
    expect((await fetchUrl(`${allowed.base}/hop`, limits)).data.toString()).toBe('a;b\n1;2\n');
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('refuses loopback, private and other internal addresses before any connection, with one message', async () => {
    const request = vi.spyOn(http, 'request');
    const urls = [
      'http://127.0.0.1:5432/',
      'http://10.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
      'http://2130706433/',
      'file:///etc/passwd',
      'ftp://127.0.0.2/x',
      'gopher://127.0.0.2/',
      'not a url',
      `http://user:pw@127.0.0.2:${new URL(allowed.base).port}/file.csv`,
    ];
    const details = new Set<string>();
    for (const url of urls) {
      const err = await refusal(() => fetchUrl(url, limits));
      expect(err.kind, url).toBe('import-url-refused');
      expect(err.fieldErrors, url).toEqual([{ field: 'url', code: 'refused', message: err.detail }]);
      details.add(JSON.stringify(err.detail));
    }
    expect(details.size).toBe(1);
    expect(request).not.toHaveBeenCalled();
    expect(loopback.hits()).toBe(0);
  });

  it('checks every redirect hop: a redirect from an allowed server to loopback is refused without following it', async () => {
    const before = allowed.hits();
    const err = await refusal(() => fetchUrl(`${allowed.base}/to-loopback`, limits));
    expect(err.kind).toBe('import-url-refused');
    expect(allowed.hits()).toBe(before + 1);
    expect(loopback.hits()).toBe(0);
  });

  it('answers error statuses, closed ports, endless redirects and timeouts with the same message', async () => {
    const expected = (await refusal(() => fetchUrl('http://10.0.0.1/', limits))).detail;
    const port = new URL(allowed.base).port;
    for (const url of [`${allowed.base}/missing`, 'http://127.0.0.2:1/', `${allowed.base}/loop`]) {
      const err = await refusal(() => fetchUrl(url, limits));
      expect(err.kind, url).toBe('import-url-refused');
      expect(err.detail, url).toEqual(expected);
      expect(JSON.stringify(err.detail)).not.toMatch(/404|ECONNREFUSED|refused the connection|redirect/i);
    }
    const slow = await refusal(() => fetchUrl(`http://127.0.0.2:${port}/slow`, { ...limits, timeoutMs: 300 }));
    expect(slow.detail).toEqual(expected);
  });

  it('refuses a body over the size limit while it streams in', async () => {
    const err = await refusal(() => fetchUrl(`${allowed.base}/big`, limits));
    expect(err.fieldErrors).toEqual([expect.objectContaining({ field: 'url', code: 'too_big' })]);
  });
});
