import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_READY } from './support/accounts.ts';
import { chromiumMissingReason } from './support/chromium.ts';
import { realDataMissingReason } from './support/real-data.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Waits for the server's ready line and returns its URL. */
function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`e2e server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(new RegExp(`${E2E_READY} (\\S+)`));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
      process.stderr.write(c);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e server exited with code ${code}:\n${output}`));
    });
  });
}

/**
 * Builds the web app if stale, then starts a server on a fresh temporary SQLite database and a free
 * port. Tests find it in PRAEVIS_E2E_BASE_URL. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Without a browser or the real data files (outside CI) every test skips; there is nothing to serve.
  // With CI=true a missing file fails here, not silently later.
  const missingData = realDataMissingReason();
  if (missingData && process.env.CI === 'true')
    throw new Error(`Browser tests need the real data: ${missingData}. CI=true, so they must not be skipped.`);
  if ((chromiumMissingReason() || missingData) && process.env.CI !== 'true') {
    if (missingData) process.stdout.write(`\n  Browser-Tests werden übersprungen / browser tests are skipped: ${missingData}\n\n`);
    return async () => {};
  }
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-stale.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'e2e/support/start-server.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: path.join(dir, 'praevis.db'), WEB_DIST: path.join(root, 'dist/web'), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForReady(child, 60_000);
  process.env.PRAEVIS_E2E_BASE_URL = url;

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
