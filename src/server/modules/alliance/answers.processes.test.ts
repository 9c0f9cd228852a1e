import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { DIALECTS, PG_URL } from '../../test/databases.ts';
import { buildDirectorate, buildDistrict, buildMunicipality, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { todayBerlin } from '../../../shared/time.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// The generic server process of the cross-process tests: builds the app on DATABASE_URL and listens.
const SERVER = path.join(here, '../auth/server.test-support.ts');

function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      env: { ...process.env, DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A fresh, migrated database of the dialect that two processes can open: a file, or a PostgreSQL database. */
async function createSharedDatabase(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-answers-'));
    return { url: path.join(dir, 'praevis.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `praevis_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/*
 * Two server processes on one database, each with its own answer cache: a write through one of
 * them, or by plain SQL from a third connection, changes the very next answer of the other. No
 * answer older than the last committed write is served, and an old ETag is not confirmed.
 */
describe.each(DIALECTS)('cached answers across two server processes on %s', (dialect) => {
  let shared: { url: string; drop: () => Promise<void> };
  let handle: DatabaseHandle;
  const servers: { url: string; child: ChildProcess }[] = [];
  const session = { cookie: '', csrf: '' };
  const admin = { cookie: '', csrf: '' };
  const today = todayBerlin();
  const ags = { annaberg: '14521035', aue: '14521040', dresden: '14612000' };

  const call = async (
    server: number,
    p: string,
    init: { method?: string; body?: unknown; as?: { cookie: string; csrf: string }; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.as) {
      headers.cookie = `praevis_session=${init.as.cookie}`;
      if (init.method && init.method !== 'GET') headers['x-csrf-token'] = init.as.csrf;
    }
    return fetch(`${servers[server]!.url}${p}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };

  const signIn = async (email: string) => {
    const res = await call(0, '/api/auth/login', { method: 'POST', body: { email, password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = /praevis_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };

  const record = async (server: number, municipality: string, date: string) => {
    const res = await call(server, `/api/alliance/municipalities/${municipality}/events`, {
      method: 'POST',
      body: { type: 'consultation', date },
      as: session,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };

  const figures = async (server: number, etag?: string) =>
    call(server, `/api/alliance/figures?at=${today}`, { as: session, headers: etag ? { 'if-none-match': etag } : {} });
  const advised = async (res: Response) => ((await res.json()) as { statewide: { advised: number } }).statewide.advised;
  const statuses = async (server: number) => {
    const res = await call(server, '/api/alliance/municipalities?pageSize=100', { as: session });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { ags: string; name: string; status: string }[] };
    return Object.fromEntries(body.items.map((r) => [r.ags, `${r.name}: ${r.status}`]));
  };

  beforeAll(async () => {
    shared = await createSharedDatabase(dialect);
    handle = openDatabase(shared.url);
    await migrateToLatest(handle.db);
    const db = handle.db;
    await db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
    await buildDistrict(db, { ags: '14521', name: 'Erzgebirgskreis', type_code: '44' });
    await buildDistrict(db, { ags: '14612', name: 'Dresden, Stadt', type_code: '41' });
    await buildMunicipality(db, { ags: ags.annaberg, district_ags: '14521', name: 'Annaberg-Buchholz' });
    await buildMunicipality(db, { ags: ags.aue, district_ags: '14521', name: 'Aue-Bad Schlema' });
    await buildMunicipality(db, { ags: ags.dresden, district_ags: '14612', name: 'Dresden' });
    await buildDirectorate(db, 'Chemnitz', ['14521']);
    await buildDirectorate(db, 'Dresden', ['14612']);
    const lpr = await buildUser(db, 'lpr');
    const adminUser = await buildUser(db, 'admin');
    servers.push(...(await Promise.all([startServer(shared.url), startServer(shared.url)])));
    Object.assign(session, await signIn(lpr.email));
    Object.assign(admin, await signIn(adminUser.email));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map(({ child }) => stopServer(child)));
    await handle?.destroy();
    await shared?.drop();
  }, 60_000);

  it('a write through one process changes the next answer of the other', { timeout: 120_000 }, async () => {
    // Both processes have the answer cached (the second ask of each is a 304 for the first's ETag).
    const first = await figures(1);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(await advised(first)).toBe(0);
    expect((await figures(1, etag)).status).toBe(304);
    expect((await figures(0, etag)).status).toBe(304);
    expect(await statuses(1)).toMatchObject({ [ags.annaberg]: 'Annaberg-Buchholz: none' });

    await record(0, ags.annaberg, '2024-01-10');

    const after = await figures(1, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await advised(after)).toBe(1);
    expect(await statuses(1)).toMatchObject({ [ags.annaberg]: 'Annaberg-Buchholz: advised' });

    // And the other way round, back to back.
    await record(1, ags.aue, '2024-02-10');
    expect(await advised(await figures(0))).toBe(2);
    expect(await statuses(0)).toMatchObject({ [ags.aue]: 'Aue-Bad Schlema: advised' });
  });

  it('a change of the directory by plain SQL shows at once in both processes', { timeout: 120_000 }, async () => {
    expect(await statuses(0)).toMatchObject({ [ags.dresden]: 'Dresden: none' });
    expect(await statuses(1)).toMatchObject({ [ags.dresden]: 'Dresden: none' });
    await sql`update municipalities set name = 'Dresden, Landeshauptstadt' where ags = ${ags.dresden}`.execute(handle.db);
    expect(await statuses(0)).toMatchObject({ [ags.dresden]: 'Dresden, Landeshauptstadt: none' });
    expect(await statuses(1)).toMatchObject({ [ags.dresden]: 'Dresden, Landeshauptstadt: none' });
  });

  it('the public page follows the switch and the events of the other process', { timeout: 120_000 }, async () => {
    const publicFigures = (server: number, etag?: string) =>
      call(server, `/api/public/alliance/figures?at=${today}`, { headers: etag ? { 'if-none-match': etag } : {} });
    expect((await publicFigures(1)).status).toBe(404);

    const current = (await (await call(0, '/api/alliance/settings', { as: admin })).json()) as { version: number };
    const enabled = await call(0, '/api/alliance/settings', {
      method: 'PATCH',
      body: { version: current.version, publicPage: true },
      as: admin,
    });
    expect(enabled.status).toBe(200);

    const open = await publicFigures(1);
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('public, no-cache');
    const etag = open.headers.get('etag')!;
    const before = await advised(open);
    expect((await publicFigures(1, etag)).status).toBe(304);

    await record(0, ags.dresden, '2024-03-10');
    const changed = await publicFigures(1, etag);
    expect(changed.status).toBe(200);
    expect(await advised(changed)).toBe(before + 1);
  });
});
