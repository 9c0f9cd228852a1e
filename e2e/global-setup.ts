import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumMissingReason } from './support/chromium.ts';
import { CLAIMS_ENV } from './support/claims.ts';
import { realDataMissingReason } from './support/real-data.ts';
import { startE2eServer, TEMPLATE_ENV } from './support/servers.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Builds the web app if stale, then starts the shared server on a fresh temporary SQLite database
 * and a free port. Tests find it in PRAEVIS_E2E_BASE_URL; the seeded database it leaves behind
 * (PRAEVIS_E2E_TEMPLATE) starts a test's own server, and PRAEVIS_E2E_CLAIMS is the folder of the
 * run's claims (support/claims.ts). Returns the teardown.
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

  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-e2e-run-'));
  const template = path.join(run, 'seeded.db');
  fs.mkdirSync(path.join(run, 'claims'));
  const server = await startE2eServer(template);
  process.env.PRAEVIS_E2E_BASE_URL = server.url;
  process.env[TEMPLATE_ENV] = template;
  process.env[CLAIMS_ENV] = path.join(run, 'claims');

  return async () => {
    await server.stop();
    fs.rmSync(run, { recursive: true, force: true });
  };
}
