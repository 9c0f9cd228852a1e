import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../test/harness.ts';
import { REAL_FILES, REPO_ROOT, sharedDataFile } from '../test/shared-data.ts';

/*
 * Another process writes to the SQLite file while the server takes writes: a CLI import or backup
 * beside `praevis serve`. Here the other process holds the write lock for 300 ms at a time, again
 * and again, the way an import writing in batches does. The server's transactions read before they
 * write; they begin with BEGIN IMMEDIATE (db/transaction.ts), so they wait for the lock (busy
 * timeout) instead of failing with "database is locked".
 */
const HOLDER = `
const Database = require('better-sqlite3');
const [file, cycles, holdMs, gapMs] = process.argv.slice(1);
const db = new Database(file);
db.pragma('busy_timeout = 10000');
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
const insert = db.prepare('insert into other_process_ticks (n) values (?)');
for (let i = 0; i < Number(cycles); i++) {
  db.exec('begin immediate');
  insert.run(i);
  if (i === 0) process.stdout.write('holding\\n');
  pause(holdMs);
  db.exec('commit');
  pause(gapMs);
}
db.close();
`;

describe('SQLite: the server writes while another process holds the write lock', () => {
  let dir: string;
  let ctx: TestContext;
  let coordinator: Client;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-writers-'));
    const file = path.join(dir, 'praevis.db');
    ctx = await createTestContext('sqlite', { DATABASE_URL: file });
    coordinator = await ctx.as('coordinator');
    const other = new SQLite(file);
    other.exec('create table other_process_ticks (n integer not null)');
    other.close();
  });
  afterAll(async () => {
    await ctx?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('no write fails: each waits for the lock', async () => {
    const file = path.join(dir, 'praevis.db');
    const holder = spawn(process.execPath, ['-e', HOLDER, file, '10', '300', '150'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    holder.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout.once('data', () => resolve());
      holder.once('exit', () => reject(new Error(`the other process ended early: ${stderr}`)));
    });
    let running = true;
    void exited.then(() => {
      running = false;
    });

    const outcomes: { status: number; ms: number; body: string }[] = [];
    const worker = async (w: number) => {
      for (let i = 0; running; i += 1) {
        const t = performance.now();
        const res = await coordinator.post('/api/organisations', {
          ags: ctx.territory.annaberg,
          name: `Schreiber ${w}-${i}`,
          type: 'police',
          street: 'Markt 1',
          postcode: '09456',
          city: 'Annaberg-Buchholz',
        });
        outcomes.push({ status: res.statusCode, ms: performance.now() - t, body: res.statusCode === 201 ? '' : res.body });
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(await exited, stderr).toBe(0);

    const failed = outcomes.filter((o) => o.status !== 201);
    expect(failed.length, `failed: ${JSON.stringify(failed.slice(0, 2))}`).toBe(0);
    expect(outcomes.length).toBeGreaterThan(10);
    const longest = Math.max(...outcomes.map((o) => o.ms));
    process.stdout.write(`[sqlite writers] ${outcomes.length} writes beside another writer, 0 failed, longest ${Math.round(longest)} ms\n`);
    const stored = await ctx.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(outcomes.length);
  }, 60_000);
});

/** Runs a `praevis` command on the SQLite file in a process of its own; resolves with its exit code and output. */
function praevis(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/praevis.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: file, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('SQLite: the server writes while the whole German directory is imported and a backup is taken', () => {
  const source = sharedDataFile(REAL_FILES.gv100ad);
  let dir: string;
  let ctx: TestContext;
  let coordinator: Client;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-writers-cli-'));
    ctx = await createTestContext('sqlite', { DATABASE_URL: path.join(dir, 'praevis.db') });
    coordinator = await ctx.as('coordinator');
  });
  afterAll(async () => {
    await ctx?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!source)(
    'praevis import gv100ad --state all, then praevis backup, in a second process: no write fails',
    async () => {
      const file = path.join(dir, 'praevis.db');
      const backup = path.join(dir, 'sicherung.db');
      let running = true;
      const commands = (async () => {
        try {
          const imported = await praevis(file, ['import', 'gv100ad', source!, '--state', 'all']);
          const saved = await praevis(file, ['backup', backup]);
          return { imported, saved };
        } finally {
          running = false;
        }
      })();

      const outcomes: { status: number; ms: number; body: string }[] = [];
      const worker = async (w: number) => {
        for (let i = 0; running; i += 1) {
          const t = performance.now();
          const res = await coordinator.post('/api/organisations', {
            ags: ctx.territory.annaberg,
            name: `Neben dem Import ${w}-${i}`,
            type: 'police',
            street: 'Markt 1',
            postcode: '09456',
            city: 'Annaberg-Buchholz',
          });
          outcomes.push({ status: res.statusCode, ms: performance.now() - t, body: res.statusCode === 201 ? '' : res.body });
        }
      };
      await Promise.all([0, 1, 2, 3].map(worker));
      const { imported, saved } = await commands;
      expect(imported.code, imported.output).toBe(0);
      expect(saved.code, saved.output).toBe(0);

      const failed = outcomes.filter((o) => o.status !== 201);
      expect(failed.length, `failed: ${JSON.stringify(failed.slice(0, 2))}`).toBe(0);
      expect(outcomes.length).toBeGreaterThan(0);
      const longest = Math.max(...outcomes.map((o) => o.ms));
      process.stdout.write(
        `[sqlite writers] ${outcomes.length} writes beside the whole German import and a backup, 0 failed, longest ${Math.round(longest)} ms\n`,
      );

      // Every acknowledged write is stored, the directory is complete, and the backup is a readable database.
      const stored = await ctx.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'like', 'Neben dem Import %')
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(outcomes.length);
      const municipalities = await ctx.db
        .selectFrom('municipalities')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(municipalities.n)).toBeGreaterThan(10_000);
      const copy = new SQLite(backup, { readonly: true });
      try {
        const n = copy.prepare('select count(*) as n from municipalities').get() as { n: number };
        expect(n.n).toBe(Number(municipalities.n));
      } finally {
        copy.close();
      }
    },
    180_000,
  );
});
