// The compiled server and CLI (decision 019), built in a copy of the repository's sources so that
// the test may change sources and folders freely.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, serverStaleReason } from './build-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-build-'));
const out = path.join(dir, 'dist', 'server');
const bin = path.join(dir, 'bin', 'praevis.mjs');
const sourceMigrations = () =>
  fs
    .readdirSync(path.join(dir, 'src/server/db/migrations'))
    .filter((f) => /^\d{4}_.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

// Prints every package a process imports (bare specifiers) on stderr as `LOAD <name>`.
const TRACE_PACKAGES = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (!/^(node:|\\\\.|\\\\/|file:|data:)/.test(specifier)) process.stderr.write('LOAD ' + specifier + '\\\\n');
  return next(specifier, context);
}\`));
`)}`;

function praevis(args, { env = {}, nodeArgs = [] } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const packagesLoaded = (stderr) => [...new Set([...stderr.matchAll(/^LOAD (\S+)$/gm)].map((m) => m[1]))].sort();

describe('the compiled server and CLI', () => {
  beforeAll(() => {
    for (const p of ['src/server', 'src/shared', 'bin', 'scripts/build-server.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      fs.cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds dist/server, which then is current and migrates from its own migrations folder', async () => {
    expect(serverStaleReason(dir)).toMatch(/dist\/server fehlt \/ is missing/);
    await buildServer(dir);
    expect(serverStaleReason(dir)).toBeNull();
    expect(fs.readdirSync(path.join(out, 'migrations')).sort()).toEqual(sourceMigrations().map((m) => `${m}.js`));

    const r = await praevis(['db', 'migrate'], { env: { DATABASE_URL: path.join(dir, 'a.db') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/building the server/);
    const applied = [...r.stdout.matchAll(/^Success: (\S+)$/gm)].map((m) => m[1]);
    expect(applied).toEqual(sourceMigrations());
  });

  it('answers --help with commander alone, and creates an account without loading the web server', async () => {
    const help = await praevis(['--help'], { nodeArgs: ['--import', TRACE_PACKAGES] });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: praevis/);
    expect(help.stdout).toMatch(/import .*reference data/);
    expect(packagesLoaded(help.stderr)).toEqual(['commander']);

    const user = await praevis(['user', 'create', '--email', 'konto@praevis.example', '--role', 'lpr'], {
      nodeArgs: ['--import', TRACE_PACKAGES],
      env: { DATABASE_URL: path.join(dir, 'user.db') },
    });
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/one-time password: \S{20}/);
    const loaded = packagesLoaded(user.stderr);
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', '@node-rs/argon2']));
    for (const heavy of ['fastify', '@fastify/swagger', 'pdfkit', 'echarts']) expect(loaded).not.toContain(heavy);
    // Compiled into the bundle, not loaded file by file from node_modules.
    for (const bundled of ['kysely', 'date-fns', '@date-fns/tz']) expect(loaded).not.toContain(bundled);
  });

  it('is stale when a source it read changes or a migration is added; a rebuild drops a removed migration', async () => {
    fs.appendFileSync(path.join(dir, 'src/server/config.ts'), '// edited\n');
    expect(serverStaleReason(dir)).toBe('src/server/config.ts ist geändert / has changed');
    await buildServer(dir);
    expect(serverStaleReason(dir)).toBeNull();
    // A time set back (a checkout of an older file) counts as a change too.
    const past = new Date(Date.now() - 86_400_000);
    fs.utimesSync(path.join(dir, 'src/server/app.ts'), past, past);
    expect(serverStaleReason(dir)).toBe('src/server/app.ts ist geändert / has changed');
    await buildServer(dir);

    const name = '2099_01_01_0000_add_nothing';
    const file = path.join(dir, 'src/server/db/migrations', `${name}.ts`);
    fs.writeFileSync(file, 'export async function up(): Promise<void> {}\nexport async function down(): Promise<void> {}\n');
    expect(serverStaleReason(dir)).toBe('src/server/db/migrations ist geändert / has changed');
    // bin/praevis.mjs builds by itself, then runs the new migration.
    const r = await praevis(['db', 'migrate'], { env: { DATABASE_URL: path.join(dir, 'a.db') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/building the server/);
    expect(r.stdout.trim()).toBe(`Success: ${name}`);

    fs.rmSync(file);
    await buildServer(dir);
    expect(fs.existsSync(path.join(out, 'migrations', `${name}.js`))).toBe(false);
  });

  it('is built by several commands at once without one of them failing', async () => {
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    const runs = await Promise.all(
      [1, 2, 3].map((n) => praevis(['db', 'migrate'], { env: { DATABASE_URL: path.join(dir, `together-${n}.db`) } })),
    );
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect([...r.stdout.matchAll(/^Success: (\S+)$/gm)].map((m) => m[1])).toEqual(sourceMigrations());
    }
    expect(serverStaleReason(dir)).toBeNull();
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.build-'))).toEqual([]);
  });

  it('runs from the sources through tsx when it cannot build', async () => {
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(out, 'not a folder');
    const r = await praevis(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/build failed, running from source/);
    expect(r.stdout).toMatch(/Usage: praevis/);
  });
});
