import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { WEB_ENTRIES } from '../../shared/web-entries.ts';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from './static.ts';

/*
 * The built web app as the whole server sends it (helmet, hooks and every plugin registered), from a
 * small web root written here as the build writes it: HTML entries, a hashed script with its brotli
 * and gzip copies, and a small file without them. The web root does not depend on the database, so
 * SQLite suffices.
 */
const SCRIPT = `export const greeting = ${JSON.stringify('Guten Tag! '.repeat(400))};\n`;
const html = (entry: string, build: number) =>
  `<!doctype html><title>${entry} ${build}</title><script type="module" src="/assets/${entry}.js"></script>`;

/** The repository's public folder (vite.config.ts `publicDir`) and its HTML entries. */
const REPO = path.resolve(import.meta.dirname, '../../..');
const PUBLIC_DIR = path.join(REPO, 'public');

let dir: string;
let ctx: TestContext;

function writeBuild(build: number): void {
  fs.writeFileSync(path.join(dir, 'index.html'), html('app', build));
  fs.writeFileSync(path.join(dir, 'public-survey.html'), html('survey', build));
  fs.writeFileSync(path.join(dir, 'public-page.html'), html('public', build));
  fs.writeFileSync(path.join(dir, 'sign-in.html'), html('sign-in', build));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  writeBuild(1);
  const script = path.join(dir, 'assets', 'app-3f9a1c.js');
  fs.writeFileSync(script, SCRIPT);
  fs.writeFileSync(`${script}.gz`, zlib.gzipSync(SCRIPT));
  fs.writeFileSync(`${script}.br`, zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(path.join(dir, 'assets', 'tiny-77aa01.js'), 'export {};\n');
  // The icons and the manifest, copied to the root of the build as Vite copies its public folder.
  fs.cpSync(PUBLIC_DIR, dir, { recursive: true });
  ctx = await createTestContext('sqlite', { WEB_DIST: dir });
});

afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

describe('the web app as the server sends it', () => {
  it('sends the brotli or gzip copy the browser accepts, once compressed, cached for a year', async () => {
    const br = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // The body is the build's brotli file as it is: compressed once, not again on the way out.
    expect(br.rawPayload.equals(fs.readFileSync(path.join(dir, 'assets', 'app-3f9a1c.js.br')))).toBe(true);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE_CACHE);

    const plain = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends a file without compressed copies as it is, still immutable', async () => {
    const res = await get('/assets/tiny-77aa01.js', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export {};\n');
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('answers every page address with the HTML of its entry, revalidated on every visit', async () => {
    const expected: [string, string][] = [
      ['/', 'app'],
      ['/dashboard?at=2024-03-14', 'app'],
      ['/surveys/12/results', 'app'],
      ['/befragung', 'survey'],
      ['/befragung/ABCD-EFGH-JKLM', 'survey'],
      ['/oeffentlich?at=2024-03-14', 'public'],
      ['/oeffentlichkeit', 'app'],
      ['/login', 'sign-in'],
      ['/login?next=%2Fsurveys%2F12&ended=sessionExpired', 'sign-in'],
      ['/login/elsewhere', 'app'],
    ];
    for (const [url, entry] of expected) {
      const res = await get(url, { accept: 'text/html', 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], url).toBe(REVALIDATE_CACHE);
      expect(res.body, url).toContain(`<title>${entry} 1</title>`);
    }
  });

  it('serves the new HTML after a rebuild while it runs', async () => {
    expect((await get('/oeffentlich')).body).toContain('<title>public 1</title>');
    writeBuild(2);
    // A build on the same second and of the same length still differs in its modification time.
    const later = new Date(Date.now() + 2000);
    for (const f of ['index.html', 'public-survey.html', 'public-page.html']) fs.utimesSync(path.join(dir, f), later, later);
    expect((await get('/oeffentlich')).body).toContain('<title>public 2</title>');
    expect((await get('/befragung')).body).toContain('<title>survey 2</title>');
    expect((await get('/dashboard')).body).toContain('<title>app 2</title>');
  });

  it('serves the favicon, the SVG icon and the web app manifest with their types, revalidated', async () => {
    const expected: [string, RegExp][] = [
      ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)$/],
      ['/favicon.svg', /^image\/svg\+xml/],
      ['/apple-touch-icon.png', /^image\/png$/],
      ['/icon-192.png', /^image\/png$/],
      ['/icon-512.png', /^image\/png$/],
      ['/manifest.webmanifest', /^application\/manifest\+json/],
    ];
    for (const [url, type] of expected) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(type);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE_CACHE);
    }
    // An ICO directory (reserved 0, type 1) of at least one image.
    const ico = (await get('/favicon.ico')).rawPayload;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(0);
    const manifest = (await get('/manifest.webmanifest')).json() as { name: string; start_url: string; icons: { src: string }[] };
    expect(manifest.start_url).toBe('/');
    for (const icon of manifest.icons) expect((await get(icon.src)).statusCode, icon.src).toBe(200);
  });

  it('links the icons and the manifest from every HTML entry, each to a file of the public folder', () => {
    for (const file of Object.values(WEB_ENTRIES)) {
      const head = fs.readFileSync(path.join(REPO, file), 'utf8');
      const links = [...head.matchAll(/<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
      expect(links.map(([rel]) => rel).sort(), file).toEqual(['apple-touch-icon', 'icon', 'icon', 'manifest']);
      expect(
        links.map(([, href]) => href),
        file,
      ).toContain('/favicon.ico');
      expect(
        links.map(([, href]) => href),
        file,
      ).toContain('/favicon.svg');
      for (const [, href] of links) expect(fs.existsSync(path.join(PUBLIC_DIR, href!)), `${file}: ${href}`).toBe(true);
    }
  });

  it('answers 404 for a missing file, an unknown API path and a path outside the web root', async () => {
    expect((await get('/assets/gone-000000.js')).statusCode).toBe(404);
    const api = await get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    for (const url of ['/..%2f..%2fetc%2fpasswd.txt', '/assets/..%2f..%2fpackage.json', '/%E0%A4%A.js']) {
      const res = await get(url);
      expect([400, 403, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('root:');
    }
  });
});
