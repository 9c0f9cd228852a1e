import type { ConsoleMessage, Page } from '@playwright/test';
import { ROLES, type Role } from '../src/shared/roles.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection, mainNavigation } from './helpers.ts';
import { ADMIN, LPR_STAFF, MINISTRY } from './support/accounts.ts';
import { type Account, apiAs, createReadyAccount } from './support/api.ts';
import { councilWithMembers } from './support/councils-setup.ts';
import { NAVIGATION, NAVIGATION_PAGES } from './support/navigation.ts';

// Every page of every role's navigation, on a laptop (1280×800) and a phone (390×844): nothing
// runs off the side, the user menu with sign-out is one click away, the language switch is there,
// the page has no axe violation and the browser console stays free of errors.
test.describe.configure({ timeout: 600_000 });

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Signable = { email: string; password: string; name: string };

/** The account of a role the test signs in with: the seeded ones, or a fresh coordinator (with a council) and police officer. */
async function accountOf(role: Role): Promise<Signable> {
  if (role === 'admin') return ADMIN;
  if (role === 'lpr') return LPR_STAFF;
  if (role === 'ministry') return MINISTRY;
  if (role === 'coordinator') return (await councilWithMembers()).coordinator;
  const admin = await apiAs();
  try {
    const police: Account = await createReadyAccount(admin, { role: 'police', directorate: 'Chemnitz' });
    return police;
  } finally {
    await admin.dispose();
  }
}

/** Collects what the page writes to the console as an error, and uncaught exceptions. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

/** Waits until the page's heading is shown and nothing in the main content is loading any more. */
async function settledPage(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
}

/** The page is no wider than the window, and the user menu opens with sign-out in it. */
async function expectFitsWithUserMenu(page: Page, account: Signable, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${what} is ${widths.scroll} px wide in a ${widths.inner} px window`).toBeLessThanOrEqual(widths.inner);
  await expect(page.getByRole('button', { name: /^(English|Deutsch)$/ })).toBeInViewport();
  const userMenu = page.getByRole('button', { name: `Benutzermenü: ${account.name}` });
  await expect(userMenu).toBeInViewport();
  await userMenu.click();
  await expect(page.getByRole('menuitem', { name: 'Abmelden' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: 'Abmelden' })).toBeHidden();
}

for (const viewport of VIEWPORTS) {
  for (const role of ROLES) {
    test(`${role} on a ${viewport.name} (${viewport.width} px): every page of the navigation fits, keeps the user menu and passes axe`, async ({
      page,
      signInAs,
    }) => {
      const account = await accountOf(role);
      const errors = watchConsole(page);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await signInAs(account);
      await settledPage(page);
      await expectFitsWithUserMenu(page, account, 'home page');

      const menuButton = page.getByRole('button', { name: 'Menü', exact: true });
      if (viewport.width < 1024) {
        // The navigation sits behind the menu button; open, it lists every section of the role.
        await expect(menuButton).toBeVisible();
        await menuButton.click();
        await expect(mainNavigation(page).getByRole('link')).toHaveText([...NAVIGATION[role]]);
        await expectAccessible(page, `${role}: compact menu open`);
        await page.keyboard.press('Escape');
        await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
        await expect(menuButton).toBeFocused();
      } else {
        await expect(menuButton).toBeHidden();
      }

      for (const { label, path } of NAVIGATION_PAGES[role]) {
        if (viewport.width < 1024) {
          const previousHeading = (await page.getByRole('main').getByRole('heading', { level: 1 }).textContent()) ?? '';
          const previousPath = new URL(page.url()).pathname;
          await menuButton.click();
          const link = mainNavigation(page).getByRole('link', { name: label, exact: true });
          await link.click();
          await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
          await expect(page).toHaveURL((url) => url.pathname === path);
          // The address changes first; the new page replaces the old one when its code has loaded.
          // Only then is the menu reopened (a menu opened over the old page closes when the new one arrives).
          if (previousPath !== path)
            await expect(page.getByRole('main').getByRole('heading', { level: 1 })).not.toHaveText(previousHeading);
          await settledPage(page);
          await menuButton.click();
          await expect(link).toHaveAttribute('aria-current', 'page');
          await page.keyboard.press('Escape');
          await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
        } else {
          await goToSection(page, label);
          await expect(page).toHaveURL((url) => url.pathname === path);
          await expect(mainNavigation(page).getByRole('link', { name: label, exact: true, includeHidden: true })).toHaveAttribute(
            'aria-current',
            'page',
          );
        }
        await settledPage(page);
        await expectFitsWithUserMenu(page, account, label);
        await expectAccessible(page, `${role}: ${label} at ${viewport.width} px`);
      }
      expect(errors, 'console errors').toEqual([]);
    });
  }
}

test('the pages without a session log no console error, and the browser finds the icon and the manifest', async ({ page, request }) => {
  const errors = watchConsole(page);
  for (const [url, heading] of [
    ['/login', 'Anmelden'],
    ['/befragung', /befragung/i],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
    const icons = await page
      .locator('head link[rel="icon"], head link[rel="manifest"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length, url).toBe(3);
    for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
  }
  expect((await request.get('/favicon.ico')).headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
  expect(errors, 'console errors').toEqual([]);
});

test('the navigation groups open and close with the keyboard', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(ADMIN);
  const nav = mainNavigation(page);
  const group = nav.getByRole('button', { name: 'Verwaltung' });
  const users = nav.getByRole('link', { name: 'Benutzer', exact: true });
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(users).toBeHidden();

  await group.focus();
  await page.keyboard.press('Enter');
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expect(users).toBeVisible();
  await expectAccessible(page, 'navigation group open');
  // The links follow their button in the tab order; Escape closes the group and returns to its button.
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Import', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(group).toBeFocused();

  // Opening another group closes the first; leaving a group with Tab closes it.
  await page.keyboard.press('Space');
  await expect(users).toBeVisible();
  await nav.getByRole('button', { name: 'Netzwerk' }).click();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Kommunen', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Personen', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('button', { name: 'Netzwerk' })).toHaveAttribute('aria-expanded', 'false');

  // A link inside a group opens its page; the group's button then marks the current section.
  await group.click();
  await users.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Benutzer', includeHidden: true })).toHaveAttribute('aria-current', 'page');
});

test("a coordinator's communes on the home page are links to their records", async ({ page, signInAs }) => {
  const { municipality, coordinator } = await councilWithMembers();
  await signInAs(coordinator);
  const scope = page.getByRole('heading', { level: 2, name: 'Ihre Kommunen' });
  await expect(scope).toBeVisible();
  await page.getByRole('link', { name: `${municipality.name} (${municipality.ags})` }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/municipalities/${municipality.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: municipality.name })).toBeVisible();
});

test('on a phone, a menu opened while a page loads stays open when it arrives, and back closes it', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(LPR_STAFF);
  await settledPage(page);
  // The next page's code is held back until the menu has been opened again.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/.+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const menuButton = page.getByRole('button', { name: 'Menü', exact: true });
  await menuButton.click();
  await mainNavigation(page).getByRole('link', { name: 'Coaching', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/coaching');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  release();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Coaching' })).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(mainNavigation(page).getByRole('link', { name: 'Coaching', exact: true })).toBeVisible();
  await page.unroute(/\/assets\/.+\.js$/);

  // Back in the browser's history closes it.
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
});
