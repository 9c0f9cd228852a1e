import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { DIALECTS, PG_URL } from '../../test/databases.ts';
import { buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { THROTTLE } from './auth.service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const LIMIT = 60;

/** Starts one server process on the database; resolves with its URL once it listens. */
function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'server.test-support.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: String(LIMIT), TEST_CLOCK: '2030-03-04T10:20:30.000Z' },
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

/*
 * Two server processes, each with its own pool, on one PostgreSQL database: the sign-in lock and
 * the request rate limit must hold for both together, not once per process.
 */
describe.runIf(DIALECTS.includes('postgres'))('limits shared by two server processes on one PostgreSQL database', () => {
  const name = `praevis_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  let handle: DatabaseHandle;
  const servers: { url: string; child: ChildProcess }[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    handle = openDatabase(url.toString());
    await migrateToLatest(handle.db);
    servers.push(...(await Promise.all([startServer(url.toString()), startServer(url.toString())])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      servers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.removeAllListeners('exit');
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await handle?.destroy();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }, 60_000);

  const call = (i: number, p: string, init: { method?: string; body?: unknown; address: string; cookie?: string }) =>
    fetch(`${servers[i % 2]!.url}${p}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-forwarded-for': init.address,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: `praevis_session=${init.cookie}` } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });

  it('40 parallel wrong passwords over both servers: exactly 5 are checked before the lock', { timeout: 120_000 }, async () => {
    const user = await buildUser(handle.db, 'lpr');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(i, '/api/auth/login', { method: 'POST', body: { email: user.email, password: `wrong guess ${i}` }, address: `10.8.0.${i}` }),
      ),
    );
    const codes = responses.map((r) => r.status);
    // A 401 is answered only after the password was checked; the others were refused before.
    expect(codes.filter((c) => c === 401)).toHaveLength(THROTTLE.accountFailures);
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - THROTTLE.accountFailures);
    const right = await call(1, '/api/auth/login', {
      method: 'POST',
      body: { email: user.email, password: TEST_PASSWORD },
      address: '10.8.1.1',
    });
    expect(right.status).toBe(429);
  });

  it('700 anonymous requests with random cookies over both servers share one limit', { timeout: 120_000 }, async () => {
    const codes: number[] = [];
    for (let i = 0; i < 700; i += 35) {
      const batch = await Promise.all(
        Array.from({ length: 35 }, (_, j) =>
          call(i + j, '/api/auth/options', { address: '10.9.0.1', cookie: crypto.randomBytes(32).toString('base64url') }),
        ),
      );
      codes.push(...batch.map((r) => r.status));
    }
    expect(codes.filter((c) => c === 200)).toHaveLength(LIMIT);
    expect(codes.filter((c) => c === 429)).toHaveLength(700 - LIMIT);
  });
});
