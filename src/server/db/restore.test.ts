import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Crash and restore with real processes: a server killed with SIGKILL leaves its -wal behind;
 * `praevis restore` must put the backup in place without replaying that -wal onto it, and
 * `praevis serve` must refuse a damaged file.
 */

const BIN = path.resolve('bin/praevis.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-restore-'));
const dbFile = path.join(dir, 'data', 'praevis.db');
const baseEnv = { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'silent', WEB_DIST: path.join(dir, 'no-web') };

function praevis(args: string[], env: NodeJS.ProcessEnv = baseEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    child.stdin.end();
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `praevis serve`; resolves once it answers, or rejects with its output when it exits first. */
async function serve(env: NodeJS.ProcessEnv = baseEnv): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`praevis serve exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health/live`);
      if (res.ok) return { child, port };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Row counts of every table, read while a server may be running. */
function counts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

async function createUser(email: string): Promise<void> {
  const r = await praevis(['user', 'create', '--email', email, '--role', 'lpr']);
  expect(r.code, r.stderr).toBe(0);
}

describe('praevis backup, restore and the start check on SQLite', () => {
  beforeAll(async () => {
    const r = await praevis(['db', 'migrate']);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('restores a backup after the server was killed: the old -wal is not replayed, and the counts equal the backup', async () => {
    let server = await serve();
    try {
      const backup = path.join(dir, 'backups', 'praevis-1.db');
      const b = await praevis(['backup', backup]);
      expect(b.code, b.stderr).toBe(0);
      expect(fs.readdirSync(path.dirname(backup))).toEqual(['praevis-1.db']); // no temporary file left
      const expected = counts(backup);
      expect(expected.users).toBe(1); // the first admin

      // Work after the backup, committed to the -wal the running server keeps open.
      await createUser('nach-der-sicherung@example.org');
      expect(counts(dbFile).users).toBe(2);

      const busy = await praevis(['restore', backup]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/server holds the database/);

      await kill9(server.child);
      expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);

      const r = await praevis(['restore', backup]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/restored/);
      expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
      expect(fs.existsSync(`${dbFile}-shm`)).toBe(false);
      // The replaced database is kept beside it, with its -wal: nothing is thrown away.
      const previous = fs.readdirSync(path.dirname(dbFile)).find((f) => f.startsWith('praevis.db.before-restore-') && !f.includes('-wal'));
      expect(previous).toBeTruthy();
      expect(counts(path.join(path.dirname(dbFile), previous!)).users).toBe(2);

      server = await serve();
      expect(counts(dbFile)).toEqual(expected);
      const db = new SQLite(dbFile, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      await kill9(server.child);
    }
  }, 240_000);

  it('refuses a backup that is damaged, not a Praevis database, or from a newer version', async () => {
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'kein SQLite');
    const g = await praevis(['restore', garbage]);
    expect(g.code).toBe(1);
    expect(g.stderr).toMatch(/backup/);

    const other = path.join(dir, 'other.db');
    new SQLite(other).exec('create table t (x)').close();
    const o = await praevis(['restore', other]);
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/not a Praevis backup/);

    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(dbFile, newer);
    const n = new SQLite(newer);
    n.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
      '2999_01_01_0000_from_the_future',
      '2026-01-01T00:00:00.000Z',
    );
    n.close();
    const before = counts(dbFile);
    const r = await praevis(['restore', newer]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer Praevis version/);
    expect(counts(dbFile)).toEqual(before); // the database was left alone
    expect(fs.readdirSync(path.dirname(dbFile)).filter((f) => f.includes('.restore-'))).toEqual([]);
  }, 120_000);

  it('refuses to serve a damaged database and says how to restore', async () => {
    const damaged = path.join(dir, 'damaged', 'praevis.db');
    fs.mkdirSync(path.dirname(damaged), { recursive: true });
    fs.copyFileSync(dbFile, damaged);
    // Overwrite the pages after the schema page with garbage, as a disk fault would.
    const fd = fs.openSync(damaged, 'r+');
    const pageSize = 4096;
    for (let page = 2; page < 10; page++) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);

    const env = { ...baseEnv, DATABASE_URL: damaged };
    let refused: { code: number | null; output: string };
    try {
      const started = await serve(env);
      await kill9(started.child);
      refused = { code: 0, output: 'started' };
    } catch (err) {
      refused = { code: 1, output: (err as Error).message };
    }
    expect(refused.output).toMatch(/quick_check/);
    expect(refused.output).toMatch(/praevis restore/);
  }, 120_000);
});
