import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field } from './helpers.ts';
import { NAVIGATION } from './support/navigation.ts';
import { ADMIN } from './support/accounts.ts';

test('the language switch changes the UI text, the html lang and the server messages, and is remembered', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Sign in – Praevis');

  // Problem details from the server come in the chosen language (Accept-Language).
  await field(page, 'Email address').fill(ADMIN.email);
  await field(page, 'Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email address or password is wrong.');
  await expectAccessible(page, 'login (English)');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await field(page, 'Email address').fill(ADMIN.email);
  await field(page, 'Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  const mainNav = page.getByRole('navigation', { name: 'Main navigation' });
  await mainNav.getByRole('button', { name: 'Administration' }).click();
  await expect(mainNav.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(mainNav.getByRole('link', { name: 'Audit log' })).toBeHidden();
  await expectAccessible(page, 'home (English)');

  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});

test('the skip link is the first focusable element and moves focus to the main content', async ({ page, signInAs }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // Signed in, with the navigation in between, the same holds; the next Tab lands inside main.
  await signInAs(ADMIN);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  // The first focusable element of the page's content (a card's link, whatever the home page shows first).
  expect(
    await page.evaluate(
      () => document.activeElement !== document.querySelector('main') && document.activeElement?.closest('main') !== null,
    ),
  ).toBe(true);
});

test('at 375 px the navigation sits behind a menu button and nothing scrolls sideways', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(ADMIN);
  const menu = page.getByRole('button', { name: 'Menü', exact: true });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('link')).toHaveText([...NAVIGATION.admin]);
  // The user menu stays in the header, also on a narrow screen.
  await expect(page.getByRole('button', { name: `Benutzermenü: ${ADMIN.name}` })).toBeVisible();
  await expectAccessible(page, 'mobile menu open');
  await nav.getByRole('link', { name: 'Benutzer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'users list at 375 px');
});
