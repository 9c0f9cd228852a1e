/*
 * The JavaScript a user's browser transfers to open a page (issue 13), measured in Chromium against
 * the built web app (dist/web, built first when stale) served by a listening Praevis server:
 * - the sign-in page (a visitor), target ≤ 150 KB gzipped;
 * - the citizen survey's questionnaire (/befragung), target ≤ 100 KB;
 * - the alliance's public page (/oeffentlich, published), target ≤ 150 KB (scripts only, so
 *   without the map geometry, which is JSON);
 * - the dashboard after sign-in, before charts (the chart modules and the chart library, which load
 *   with the first chart, are counted apart), target ≤ 300 KB.
 * Each page opens in a fresh browser context (empty cache). For every script response: the bytes
 * Chromium received (it accepts brotli, so the precompressed .br), and the same file gzipped at
 * level 9 (the targets' unit). Baseline in the same run: React itself (react, react-dom, scheduler:
 * the `react` chunk), gzipped, which every React entry must load; a React page cannot weigh less.
 * The citizen survey and sign-in are light entries in Preact (decision 040) and load no React at all;
 * the public page's React components run on preact/compat in its own build (also decision 040).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { type BrowserContext, chromium, type Page, type Response } from '@playwright/test';
import { CHROMIUM_PATH } from '../e2e/support/chromium.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/principal.ts';
import { createUser } from '../src/server/modules/users/users.service.ts';
import { createTestContext } from '../src/server/test/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB_DIST = path.join(ROOT, 'dist', 'web');
const ADMIN = { email: 'bench-admin@example.org', password: 'Bench-Passwort-2026!' };
/** The chart modules of the pages and the chart library: loaded when the first chart renders. */
const CHART_SCRIPT = /\/assets\/(echarts|echart|[a-z-]*-chart)-[\w-]+\.js$/;

interface Script {
  url: string;
  transferred: number;
  gzip: number;
}

interface PageWeight {
  label: string;
  target: number;
  scripts: Script[];
}

const KB = 1024;
const gzipCache = new Map<string, number>();

/** The gzipped size (level 9) of a built file, by its address. */
function gzipSizeOf(url: string): number {
  const file = path.join(WEB_DIST, decodeURIComponent(new URL(url).pathname));
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** Opens a page in the context and returns its scripts once the page is ready and the network idle. */
async function scriptsOf(context: BrowserContext, url: string, ready: (page: Page) => Promise<void>) {
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') responses.push(r);
  });
  const res = await page.goto(url);
  if (!res?.ok()) throw new Error(`${url}: ${res?.status()}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const scripts: Script[] = [];
  for (const r of responses) {
    if (!r.ok()) throw new Error(`${r.url()}: ${r.status()}`);
    const sizes = await r.request().sizes();
    scripts.push({ url: r.url(), transferred: sizes.responseBodySize, gzip: gzipSizeOf(r.url()) });
  }
  await page.close();
  return scripts;
}

const sum = (scripts: Script[], key: 'transferred' | 'gzip') => scripts.reduce((s, x) => s + x[key], 0);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

export default async function webTransfer(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web-if-stale.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web build failed');
  if (!fs.existsSync(CHROMIUM_PATH)) {
    process.stdout.write(`skipped: ${CHROMIUM_PATH} is missing\n`);
    return;
  }

  const ctx = await createTestContext('sqlite', { WEB_DIST, COOKIE_SECURE: 'false' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  try {
    const created = await createUser(ctx.db, SYSTEM_ACTOR, {
      email: ADMIN.email,
      displayName: 'Bench Admin',
      role: 'admin',
      communes: [],
      directorateId: null,
      locale: 'de',
      password: ADMIN.password,
    });
    await ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', created.user.id).execute();
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor();

    // An admin publishes the public page (through the API, as the dashboard's setting does).
    const admin = await browser.newContext({ baseURL: base, locale: 'de-DE' });
    const login = await admin.request.post('/api/auth/login', { data: ADMIN });
    if (!login.ok()) throw new Error(`sign-in: ${login.status()}`);
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const settings = (await (await admin.request.get('/api/alliance/settings')).json()) as { version: number };
    const publish = await admin.request.patch('/api/alliance/settings', {
      data: { version: settings.version, publicPage: true },
      headers: { 'x-csrf-token': csrf },
    });
    if (!publish.ok()) throw new Error(`publishing the public page: ${publish.status()}`);

    const visit = async (url: string) => {
      const visitor = await browser.newContext({ baseURL: base, locale: 'de-DE' });
      try {
        return await scriptsOf(visitor, url, heading);
      } finally {
        await visitor.close();
      }
    };
    const dashboard = await scriptsOf(admin, '/dashboard', heading);
    await admin.close();

    const pages: PageWeight[] = [
      { label: 'sign-in page (/login)', target: 150 * KB, scripts: await visit('/login') },
      { label: 'citizen survey (/befragung)', target: 100 * KB, scripts: await visit('/befragung') },
      { label: 'public page (/oeffentlich)', target: 150 * KB, scripts: await visit('/oeffentlich') },
      { label: 'dashboard, before charts', target: 300 * KB, scripts: dashboard.filter((s) => !CHART_SCRIPT.test(s.url)) },
    ];
    const charts = dashboard.filter((s) => CHART_SCRIPT.test(s.url));

    const reactChunk = fs.readdirSync(path.join(WEB_DIST, 'assets')).find((f) => /^react-[\w-]+\.js$/.test(f));
    const baseline = reactChunk ? gzipSizeOf(`${base}/assets/${reactChunk}`) : 0;

    const head = ['page', 'scripts', 'gzip', 'target', 'verdict', 'sent (br)', 'vs React alone'];
    const rows = pages.map((p) => {
      const gz = sum(p.scripts, 'gzip');
      return [
        p.label,
        String(p.scripts.length),
        kb(gz),
        `≤ ${kb(p.target)}`,
        gz <= p.target ? 'met' : 'OVER',
        kb(sum(p.scripts, 'transferred')),
        baseline ? `${(gz / baseline).toFixed(2)}×` : '-',
      ];
    });
    rows.push(['baseline: React alone', '1', kb(baseline), '', '', '', '1.00×']);
    rows.push(['dashboard charts (apart)', String(charts.length), kb(sum(charts, 'gzip')), '', '', kb(sum(charts, 'transferred')), '']);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  } finally {
    await browser.close();
    await ctx.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await webTransfer();
