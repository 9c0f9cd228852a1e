import { test as base, expect } from '@playwright/test';
import { addSessionCookie } from './support/api.ts';
import { chromiumMissingReason } from './support/chromium.ts';
import { realDataMissingReason } from './support/real-data.ts';
import { startOwnServer } from './support/servers.ts';

interface Fixtures {
  skipWithoutChromium: void;
  /** With `test.use({ ownServer: true })` each test gets a server of its own on a fresh copy of the seeded database. */
  ownServer: boolean;
  /**
   * Signs the account in through the API, sets its session cookie in the page's browser context
   * and opens the home page, greeted by name (the sign-in form itself is tested in first-sign-in
   * and user-management).
   */
  signInAs: (account: { email: string; password: string; name: string }) => Promise<void>;
}

/**
 * The test API with the e2e server's address as baseURL (the shared server, or the test's own);
 * skips (outside CI) without Chromium or the real data files.
 */
export const test = base.extend<Fixtures>({
  skipWithoutChromium: [
    async ({}, use, testInfo) => {
      const missing = chromiumMissingReason() ?? realDataMissingReason();
      testInfo.skip(missing !== null && process.env.CI !== 'true', missing ?? '');
      await use();
    },
    { auto: true },
  ],
  ownServer: [false, { option: true }],
  baseURL: async ({ ownServer }, use) => {
    if (!ownServer) return use(process.env.PRAEVIS_E2E_BASE_URL);
    const server = await startOwnServer();
    try {
      await use(server.url);
    } finally {
      await server.stop();
    }
  },
  signInAs: async ({ page, baseURL }, use) => {
    await use(async (account) => {
      await page.context().clearCookies();
      await addSessionCookie(page.context(), account, baseURL);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${account.name}` })).toBeVisible();
    });
  },
});

export { expect };
