import fs from 'node:fs';

/** Debian's Chromium (apt-get install -y chromium); PRAEVIS_E2E_CHROMIUM overrides it, e.g. to test the skip. */
export const CHROMIUM_PATH = process.env.PRAEVIS_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Outside CI the browser tests skip without Chromium; with CI=true they must run. */
export function chromiumMissingReason(): string | null {
  return fs.existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} fehlt / is missing (apt-get install -y chromium)`;
}
