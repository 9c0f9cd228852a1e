import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/praevis.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-cli-'));
const dbFile = path.join(dir, 'praevis.db');
const env = { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'silent' };

function praevis(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    child.stdin.end(input ?? '');
  });
}

describe('praevis command', () => {
  beforeAll(async () => {
    await run(process.execPath, [BIN, 'db', 'migrate'], { env });
    // A small territory so that scoped accounts can be created.
    const db = new SQLite(dbFile);
    db.exec(`insert into districts (ags, name, type_code, state_ags, active, status_date) values ('14521', 'Erzgebirgskreis', '44', '14', 1, '2021-11-30');
      insert into municipalities (ags, ars, name, type_code, district_ags, active, status_date, updated_at) values ('14521035', '145215211035', 'Annaberg-Buchholz', '63', '14521', 1, '2021-11-30', '2021-11-30T00:00:00Z');
      insert into police_directorates (name) values ('Chemnitz');`);
    db.close();
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates and reports an up-to-date database', async () => {
    const r = await praevis(['db', 'migrate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/aktuell|up to date/);
  });

  it('creates a coordinator for a commune and prints a one-time password', async () => {
    const r = await praevis([
      'user',
      'create',
      '--email',
      'Koordination@Annaberg.example',
      '--role',
      'coordinator',
      '--commune',
      '14521035',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Einmalpasswort \/ one-time password: [A-Za-z0-9]{20}/);
    const db = new SQLite(dbFile, { readonly: true });
    const row = db
      .prepare(
        "select u.role, u.must_change_password, c.ags from users u join user_communes c on c.user_id = u.id where u.email = 'koordination@annaberg.example'",
      )
      .get();
    db.close();
    expect(row).toEqual({ role: 'coordinator', must_change_password: 1, ags: '14521035' });
  });

  it('creates a police account for a directorate with a password from stdin', async () => {
    const r = await praevis(
      ['user', 'create', '--email', 'pd@polizei.example', '--role', 'police', '--directorate', 'chemnitz', '--password-stdin'],
      'ein sehr langes Passwort\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/Einmalpasswort/);
    // A password given on stdin is still an initial one: it must be changed at first sign-in.
    expect(r.stdout).toMatch(/must be changed at first sign-in/);
    const db = new SQLite(dbFile, { readonly: true });
    const row = db.prepare("select must_change_password from users where email = 'pd@polizei.example'").get();
    db.close();
    expect(row).toEqual({ must_change_password: 1 });
  });

  it('creates a service account whose password from stdin need not be changed, only with --password-stdin', async () => {
    const r = await praevis(
      ['user', 'create', '--email', 'export@dienst.example', '--role', 'lpr', '--password-stdin', '--no-change-required'],
      'ein Dienstkonto mit langem Passwort\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/must be changed/);
    const db = new SQLite(dbFile, { readonly: true });
    const row = db.prepare("select must_change_password from users where email = 'export@dienst.example'").get();
    db.close();
    expect(row).toEqual({ must_change_password: 0 });
    const without = await praevis(['user', 'create', '--email', 'export2@dienst.example', '--role', 'lpr', '--no-change-required']);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/--password-stdin/);
  });

  it('refuses a trivial or common password from stdin with the reason', async () => {
    const repeated = await praevis(['user', 'create', '--email', 'r@example.org', '--role', 'lpr', '--password-stdin'], 'aaaaaaaaaaaa\n');
    expect(repeated.code).toBe(1);
    expect(repeated.stderr).toMatch(/wiederholten Zeichen/);
    const common = await praevis(['user', 'create', '--email', 'c@example.org', '--role', 'lpr', '--password-stdin'], 'Passwort1234!\n');
    expect(common.code).toBe(1);
    expect(common.stderr).toMatch(/häufig verwendeter Passwörter/);
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    const role = await praevis(['user', 'create', '--email', 'x@example.org', '--role', 'emperor']);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/role/);
    const commune = await praevis(['user', 'create', '--email', 'y@example.org', '--role', 'coordinator', '--commune', '14999999']);
    expect(commune.code).toBe(1);
    expect(commune.stderr).toContain('14999999');
    const dir2 = await praevis(['user', 'create', '--email', 'z@example.org', '--role', 'police', '--directorate', 'Atlantis']);
    expect(dir2.stderr).toContain('Atlantis');
    const shortPw = await praevis(['user', 'create', '--email', 'w@example.org', '--role', 'lpr', '--password-stdin'], 'short');
    expect(shortPw.code).toBe(1);
  });

  it('writes a consistent backup that opens as a database with the same accounts', async () => {
    const target = path.join(dir, 'backup', 'copy.db');
    const r = await praevis(['backup', target]);
    expect(r.code).toBe(0);
    const copy = new SQLite(target, { readonly: true });
    expect(copy.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const source = new SQLite(dbFile, { readonly: true });
    const accounts = (source.prepare('select count(*) as n from users').get() as { n: number }).n;
    source.close();
    expect(accounts).toBeGreaterThan(0);
    expect((copy.prepare('select count(*) as n from users').get() as { n: number }).n).toBe(accounts);
    copy.close();
    const again = await praevis(['backup', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists/);
  });

  it('prints the OpenAPI document', async () => {
    const r = await praevis(['openapi']);
    expect(JSON.parse(r.stdout).openapi).toBe('3.1.0');
  });

  it('creates the first admin with a one-time password when serving an empty database', async () => {
    const emptyEnv = { ...env, DATABASE_URL: path.join(dir, 'fresh.db'), PORT: '0', WEB_DIST: path.join(dir, 'no-web') };
    const child = spawn(process.execPath, [BIN, 'serve'], { env: emptyEnv });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first-admin output: ${out}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (/one-time password: \S{20}/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(out).toContain('admin@praevis.local');
    const db = new SQLite(emptyEnv.DATABASE_URL, { readonly: true });
    expect(db.prepare('select role, must_change_password from users').all()).toEqual([{ role: 'admin', must_change_password: 1 }]);
    expect((db.prepare('pragma journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.close();
  });
});
