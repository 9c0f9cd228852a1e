import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_PATH, chromiumMissingReason } from './e2e/support/chromium.ts';

// Playwright's own browser downloads are not used: the tests drive Debian's Chromium.
const missing = chromiumMissingReason();
const inCi = process.env.CI === 'true';
if (missing) {
  if (inCi) throw new Error(`Browser tests need Chromium: ${missing}. CI=true, so they must not be skipped.`);
  process.stdout.write(`\n  Browser-Tests werden übersprungen / browser tests are skipped: ${missing}\n\n`);
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // Every test sets up its own data (e2e/support/*-setup.ts) or runs on a server of its own
  // (fixtures.ts, ownServer), so tests run in any order, two at a time; a failure is never retried
  // away, in CI or not.
  workers: 2,
  fullyParallel: true,
  forbidOnly: inCi,
  retries: 0,
  // Generous for a busy machine (other work keeps both cores busy): an assertion waits for its
  // condition, it never sleeps, and a test's budget (set per spec) is not a measure of speed.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: inCi ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    locale: 'de-DE',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-dev-shm-usage',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
