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
  workers: 1,
  fullyParallel: false,
  forbidOnly: inCi,
  retries: inCi ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
