import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection, navigationLinks, signIn } from './helpers.ts';
import { NAVIGATION } from './support/navigation.ts';
import { ADMIN } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';

/** An account of council staff as the admin creates it: still with its one-time password. */
async function createNewcomer(): Promise<{ email: string; name: string; oneTimePassword: string }> {
  const admin = await apiAs();
  try {
    const tag = uniqueTag();
    const newcomer = { email: `neu.${tag}@praevis.test`, name: `Nora Neu ${tag}` };
    const created = await admin.post<{ oneTimePassword: string }>('/api/users', {
      email: newcomer.email,
      displayName: newcomer.name,
      role: 'lpr',
      communes: [],
      directorateId: null,
      locale: 'de',
    });
    return { ...newcomer, oneTimePassword: created.oneTimePassword };
  } finally {
    await admin.dispose();
  }
}

test('first sign-in with a one-time password leads through the password change to the home page', async ({ page }) => {
  const newcomer = await createNewcomer();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page).toHaveTitle('Anmelden – Praevis');
  await expectAccessible(page, 'login');

  // Empty form: the errors stand next to the fields and in an announced summary.
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toBeVisible();
  await expect(field(page, 'E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'login with field errors');

  // A wrong password and an unknown account get the same message: no account enumeration.
  await signIn(page, newcomer.email, 'falsches-passwort-123');
  const wrong = page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' });
  await expect(wrong).toBeVisible();
  await signIn(page, 'niemand@praevis.test', 'falsches-passwort-123');
  await expect(wrong).toBeVisible();

  await signIn(page, newcomer.email, newcomer.oneTimePassword);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Passwort ändern' })).toBeVisible();
  // Until the password is replaced there is nowhere else to go.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toHaveCount(0);
  await page.goto('/municipalities');
  await expect(page).toHaveURL(/\/change-password$/);
  await expectAccessible(page, 'forced password change');

  await field(page, 'Einmalpasswort').fill(newcomer.oneTimePassword);
  await field(page, 'Neues Passwort').fill('zu kurz');
  await field(page, 'Neues Passwort wiederholen').fill('anders');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(field(page, 'Neues Passwort')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Mindestens 12 Zeichen.');
  await expect(page.getByRole('alert')).toContainText('Die beiden Passwörter stimmen nicht überein.');
  await expectAccessible(page, 'password change with field errors');

  const mine = 'Mein eigenes sicheres Passwort';
  await field(page, 'Neues Passwort').fill(mine);
  await field(page, 'Neues Passwort wiederholen').fill(mine);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${newcomer.name}` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Passwort wurde geändert.' })).toBeVisible();
  await expect(page).toHaveTitle('Startseite – Praevis');
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.lpr]);
  await expectAccessible(page, 'home (lpr)');

  // The new password works on the next sign-in; the one-time password does not.
  await page.getByRole('button', { name: `Benutzermenü: ${newcomer.name}` }).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sie wurden abgemeldet.' })).toBeVisible();
  await signIn(page, newcomer.email, newcomer.oneTimePassword);
  await expect(page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' })).toBeVisible();
  await signIn(page, newcomer.email, mine);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${newcomer.name}` })).toBeVisible();
});

test('a refused single sign-on is explained on the login page', async ({ page }) => {
  await page.goto('/login?sso_error=account-disabled');
  const alert = page.getByRole('alert').filter({ hasText: 'Die Anmeldung mit Single Sign-on ist fehlgeschlagen.' });
  await expect(alert).toContainText('Ihr Praevis-Konto ist deaktiviert.');
  // Without an identity provider configured, no single sign-on button is offered.
  await expect(page.getByRole('link', { name: 'Mit Single Sign-on anmelden' })).toHaveCount(0);
  await expectAccessible(page, 'login after refused single sign-on');
});

test('the sign-in page, an entry of its own, returns to the page that asked for it, never to another site', async ({ page, signInAs }) => {
  // A page opened without a session: the sign-in page loads in full and comes back to it.
  await page.goto('/users');
  await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  // The password can be shown and hidden again.
  await field(page, 'Passwort').fill(ADMIN.password);
  const reveal = page.getByRole('button', { name: 'Passwort anzeigen' });
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#login-password')).toHaveAttribute('type', 'text');
  await reveal.click();
  await expect(page.locator('#login-password')).toHaveAttribute('type', 'password');
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/users');

  // An expired session: the next call answers 401, the sign-in page says why and returns to the page.
  await signInAs(ADMIN);
  await page.context().clearCookies();
  await goToSection(page, 'Benutzer');
  await expect(page.getByRole('status').filter({ hasText: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.' })).toBeVisible();
  await expect(page).toHaveURL(
    (url) => url.pathname === '/login' && url.searchParams.get('next') === '/users' && !url.searchParams.has('ended'),
  );
  await expectAccessible(page, 'login after an expired session');
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();

  // A return address of another site is ignored: the sign-in goes home.
  await page.context().clearCookies();
  await page.goto(`/login?next=${encodeURIComponent('//evil.example/steal')}`);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/' && url.host !== 'evil.example');

  // A signed-in visitor of the sign-in page goes on at once.
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
});
