import { spawn } from 'node:child_process';
import path from 'node:path';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { ADMIN } from './support/accounts.ts';
import { addSessionCookie } from './support/api.ts';
import { startOwnServer } from './support/servers.ts';

// On a server of its own: before `praevis demo` the dashboard shows no demo notice; after it the
// dashboard says "Demo-Daten"; after `praevis demo --remove --yes` the notice is gone again.
test.describe.configure({ timeout: 360_000 });

const BIN = path.resolve(import.meta.dirname, '../bin/praevis.mjs');

function praevis(args: string[], databaseUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end();
  });
}

test('the dashboard says "Demo-Daten" while demo data exist', async ({ page }) => {
  const server = await startOwnServer();
  try {
    await addSessionCookie(page.context(), ADMIN, server.url);
    const openDashboard = async () => {
      await page.goto(`${server.url}/`);
      await goToSection(page, 'Übersicht');
      await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
    };
    await openDashboard();
    await expect(page.getByText('Demo-Daten', { exact: true })).toHaveCount(0);

    const demo = await praevis(['demo'], server.databaseUrl);
    expect(demo.code, demo.output).toBe(0);
    await openDashboard();
    await expect(page.getByText('Demo-Daten', { exact: true })).toBeVisible();
    await expect(page.getByText(/frei erfundene Beispieldaten/)).toBeVisible();
    await expectAccessible(page, 'Übersicht mit Demo-Daten');

    const removed = await praevis(['demo', '--remove', '--yes'], server.databaseUrl);
    expect(removed.code, removed.output).toBe(0);
    await openDashboard();
    await expect(page.getByText(/frei erfundene Beispieldaten/)).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
