import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * The form control labelled exactly `label`. Required fields show " *" in their label (hidden from
 * screen readers, but part of the label text Playwright matches), so the asterisk is optional here.
 * `scope` is the page or a part of it (a dialog, a fieldset).
 */
export function field(scope: Page | Locator, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Fills and sends the login form (on the sign-in page already open, which keeps the page to return to). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url(), 'http://localhost').pathname !== '/login') await page.goto('/login');
  await field(page, 'E-Mail-Adresse').fill(email);
  await field(page, 'Passwort').fill(password);
  // Wait for the answer, so a navigation right after cannot overtake the session cookie.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const answer = await answered;
  // Signed in, the page loads the app in full (or the password change): wait until it has left,
  // so a navigation of the test right after is not interrupted by the page's own.
  if (answer.ok()) await page.waitForURL((url) => url.pathname !== '/login', { waitUntil: 'load' });
}

/** On the forced password change page: replaces the one-time password and lands on the home page. */
export async function replaceOneTimePassword(page: Page, oneTimePassword: string, newPassword: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Passwort ändern' })).toBeVisible();
  await field(page, 'Einmalpasswort').fill(oneTimePassword);
  await field(page, 'Neues Passwort').fill(newPassword);
  await field(page, 'Neues Passwort wiederholen').fill(newPassword);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Passwort wurde geändert.' })).toBeVisible();
}

/** The main navigation (German or English). */
export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: /^(Hauptnavigation|Main navigation)$/ }).first();
}

/** The main navigation's link names, in order, those inside closed groups included. */
export async function navigationLinks(page: Page): Promise<string[]> {
  await expect(mainNavigation(page)).toBeVisible();
  const texts = await mainNavigation(page).getByRole('link', { includeHidden: true }).allTextContents();
  return texts.map((t) => t.trim());
}

/**
 * Opens a section from the main navigation as a user does: clicks its link, opening the group it
 * sits in first when that group is closed.
 */
export async function goToSection(page: Page, name: string): Promise<void> {
  const nav = mainNavigation(page);
  const link = nav.getByRole('link', { name, exact: true, includeHidden: true });
  await expect(link).toHaveCount(1);
  if (!(await link.isVisible())) {
    const group = nav.locator('li.nav-group').filter({ has: page.getByRole('link', { name, exact: true, includeHidden: true }) });
    await group.getByRole('button').click();
  }
  await link.click();
}

/** Rows of the table with this caption, without the header row. */
export function dataRows(page: Page, caption: string) {
  return page
    .getByRole('table', { name: caption })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}
