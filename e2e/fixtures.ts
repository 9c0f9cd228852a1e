import { test as base, expect } from '@playwright/test';
import { chromiumMissingReason } from './support/chromium.ts';
import { realDataMissingReason } from './support/real-data.ts';

/** The test API with the e2e server's address as baseURL; skips (outside CI) without Chromium or the real data files. */
export const test = base.extend<{ skipWithoutChromium: void }>({
  skipWithoutChromium: [
    async ({}, use, testInfo) => {
      const missing = chromiumMissingReason() ?? realDataMissingReason();
      testInfo.skip(missing !== null && process.env.CI !== 'true', missing ?? '');
      await use();
    },
    { auto: true },
  ],
  baseURL: async ({}, use) => {
    await use(process.env.PRAEVIS_E2E_BASE_URL);
  },
});

export { expect };
