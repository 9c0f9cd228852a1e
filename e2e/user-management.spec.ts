import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test as base } from './fixtures.ts';
import { dataRows, field, goToSection, navigationLinks, replaceOneTimePassword, signIn } from './helpers.ts';
import { type Api, apiAs, uniqueTag } from './support/api.ts';
import { NAVIGATION } from './support/navigation.ts';
import { ADMIN, MUNICIPALITIES } from './support/accounts.ts';

/** The seeded admin's API client, for a test's own setup. */
const test = base.extend<{ admin: Api }>({
  admin: async ({}, use) => {
    const api = await apiAs();
    await use(api);
    await api.dispose();
  },
});

// Each test creates the accounts it needs under addresses and names of its own, so it runs alone,
// in any order and again against the same server.
test.describe.configure({ timeout: 300_000 });

/** An account as the admin just created it: it still has its one-time password. */
interface NewAccount {
  id: number;
  email: string;
  name: string;
  oneTimePassword: string;
}

async function directorateId(admin: Api, name: string): Promise<number> {
  const directorates = await admin.get<{ id: number; name: string }[]>('/api/directorates');
  const found = directorates.find((d) => d.name === name);
  if (!found) throw new Error(`no police directorate named ${name}`);
  return found.id;
}

/** A coordinator of Annaberg-Buchholz under the test's tag, created through the API (one-time password kept). */
async function createCoordinator(admin: Api, tag: string): Promise<NewAccount> {
  const email = `koordination.${tag}@praevis.test`;
  const name = `Kira Koordination ${tag}`;
  const created = await admin.post<{ user: { id: number }; oneTimePassword: string }>('/api/users', {
    email,
    displayName: name,
    role: 'coordinator',
    communes: [MUNICIPALITIES.annaberg.ags],
    locale: 'de',
  });
  return { id: created.user.id, email, name, oneTimePassword: created.oneTimePassword };
}

/** A police account of the Polizeidirektion Chemnitz under the test's tag, created through the API (one-time password kept). */
async function createPoliceAccount(admin: Api, tag: string): Promise<NewAccount> {
  const email = `polizei.${tag}@praevis.test`;
  const name = `Paul Polizei ${tag}`;
  const created = await admin.post<{ user: { id: number }; oneTimePassword: string }>('/api/users', {
    email,
    displayName: name,
    role: 'police',
    directorateId: await directorateId(admin, 'Polizeidirektion Chemnitz'),
    locale: 'de',
  });
  return { id: created.user.id, email, name, oneTimePassword: created.oneTimePassword };
}

/** The "x–y von N" line under a list, and the N it shows. */
function rangeLine(page: Page) {
  return page.getByText(/^\d+–\d+ von [\d.]+$/);
}
async function totalOf(page: Page): Promise<number> {
  const text = await rangeLine(page).innerText();
  return Number(text.split(' von ')[1]!.replace(/\./g, ''));
}

test('admin creates a coordinator for a commune and a police account for a directorate', async ({ page }) => {
  const tag = uniqueTag();
  const coordinator = { email: `koordination.${tag}@praevis.test`, name: 'Kira Koordination' };
  const police = { email: `polizei.${tag}@praevis.test`, name: 'Paul Polizei' };

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.admin]);
  await expectAccessible(page, 'home (admin)');

  await goToSection(page, 'Benutzer');
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeFocused();
  await expect(page).toHaveTitle('Benutzer – Praevis');
  await expectAccessible(page, 'users list');
  const rows = dataRows(page, 'Benutzerkonten');
  await expect(rows.first()).toBeVisible();

  await page.getByRole('link', { name: 'Benutzer anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer anlegen' })).toBeVisible();
  await expect(page).toHaveTitle('Benutzer anlegen – Praevis');

  // Client-side validation with the shared schema: errors beside the fields and in the summary.
  await field(page, 'E-Mail-Adresse').fill('keine-adresse');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' });
  await expect(summary).toContainText('E-Mail-Adresse: Bitte eine gültige E-Mail-Adresse eingeben.');
  await expect(summary).toContainText('Name: Bitte ausfüllen.');
  await expect(field(page, 'E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'create user with errors');

  // A coordinator without a commune: the server's field error appears at the commune field.
  await field(page, 'E-Mail-Adresse').fill(coordinator.email);
  await field(page, 'Name').fill(coordinator.name);
  await expect(field(page, 'Rolle')).toHaveValue('coordinator');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Kommunen: Eine Koordination braucht mindestens eine Kommune.');

  await page.getByRole('combobox', { name: 'Kommunen' }).fill('Anna');
  await page.getByRole('option', { name: `${MUNICIPALITIES.annaberg.name} (${MUNICIPALITIES.annaberg.ags})` }).click();
  await expectAccessible(page, 'create user, commune chosen');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();

  const dialog = page.getByRole('dialog', { name: 'Konto angelegt' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Das Passwort wird nur jetzt angezeigt.');
  await expect(dialog.getByRole('button', { name: 'Kopieren' })).toBeVisible();
  expect(await dialog.getByLabel('Einmalpasswort').inputValue()).toMatch(/^\S{20}$/);
  await expectAccessible(page, 'one-time password dialog');
  await dialog.getByRole('button', { name: 'Fertig' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('status')).toContainText('Das Benutzerkonto wurde angelegt.');

  await page.getByRole('link', { name: 'Benutzer anlegen' }).click();
  await field(page, 'E-Mail-Adresse').fill(police.email);
  await field(page, 'Name').fill(police.name);
  await field(page, 'Rolle').selectOption({ label: 'Polizei' });
  await field(page, 'Polizeidirektion').selectOption({ label: 'Polizeidirektion Chemnitz' });
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const policeDialog = page.getByRole('dialog', { name: 'Konto angelegt' });
  expect(await policeDialog.getByLabel('Einmalpasswort').inputValue()).toMatch(/^\S{20}$/);
  await policeDialog.getByRole('button', { name: 'Fertig' }).click();
  await expect(page).toHaveURL(/\/users$/);

  // The list holds both new accounts (found by this test's tag), with role, scope and the pending password change.
  await field(page, 'Suche').fill(tag);
  await expect(rows).toHaveCount(2);
  const coordinatorRow = rows.filter({ hasText: coordinator.email });
  await expect(coordinatorRow).toContainText(coordinator.name);
  await expect(coordinatorRow).toContainText('Kommunale Koordination');
  await expect(coordinatorRow).toContainText(`1 Kommune: ${MUNICIPALITIES.annaberg.ags}`);
  const policeRow = rows.filter({ hasText: police.email });
  await expect(policeRow).toContainText(police.name);
  await expect(policeRow).toContainText('Polizeidirektion Chemnitz');
});

test('admin edits an account, meets a concurrent change, and filters and sorts the list', async ({ page, context, admin }) => {
  const tag = uniqueTag();
  const coordinator = await createCoordinator(admin, tag);
  const police = await createPoliceAccount(admin, tag);
  const otherName = `Paul Anders ${tag}`;
  const renamed = `Paul Polizist ${tag}`;

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/users?q=${tag}`);
  await page.getByRole('link', { name: police.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benutzer bearbeiten: ${police.name}` })).toBeVisible();
  await expect(field(page, 'Polizeidirektion')).toHaveValue(/\d+/);
  await expectAccessible(page, 'edit user');

  // Someone else saves first (a second tab): this tab's save meets a 409 and offers the current state.
  const other = await context.newPage();
  await other.goto(page.url());
  await field(other, 'Name').fill(otherName);
  await other.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(other.getByRole('status')).toContainText('Die Änderungen wurden gespeichert.');
  await other.close();

  await field(page, 'Name').fill(renamed);
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Der Datensatz wurde inzwischen geändert' })).toBeVisible();
  await expectAccessible(page, 'edit user with conflict');
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await expect(field(page, 'Name')).toHaveValue(otherName);
  await field(page, 'Name').fill(renamed);
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Die Änderungen wurden gespeichert.');
  await expect(page.getByRole('heading', { level: 1, name: `Benutzer bearbeiten: ${renamed}` })).toBeVisible();

  // Consequential actions ask first; cancelling changes nothing.
  await page.getByRole('button', { name: 'Konto deaktivieren' }).click();
  const confirm = page.getByRole('dialog', { name: 'Konto deaktivieren?' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, 'confirm deactivation');
  await confirm.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: 'Passwort zurücksetzen' }).click();
  await expect(page.getByRole('dialog', { name: 'Passwort zurücksetzen?' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Passwort zurücksetzen?' }).getByRole('button', { name: 'Abbrechen' }).click();
  const stored = await admin.get<{ active: boolean; mustChangePassword: boolean; displayName: string }>(`/api/users/${police.id}`);
  expect(stored).toMatchObject({ active: true, mustChangePassword: true, displayName: renamed });

  await page.getByRole('link', { name: 'Zur Benutzerliste' }).click();
  await expect(page).toHaveURL(/\/users$/);
  // Other tests add accounts of their own: totals are taken from the list itself, rows found by this test's tag.
  const rows = dataRows(page, 'Benutzerkonten');
  await expect(rows.first()).toBeVisible();
  const total = await totalOf(page);
  expect(total).toBeGreaterThanOrEqual(6);
  await field(page, 'Suche').fill(renamed);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(renamed);
  await expect(rangeLine(page)).toHaveText('1–1 von 1');
  await field(page, 'Suche').fill('');
  await expect.poll(() => totalOf(page)).toBe(total);
  await field(page, 'Rolle').selectOption({ label: 'Kommunale Koordination' });
  await expect.poll(() => totalOf(page)).toBeLessThan(total);
  await expect(rows.filter({ hasNotText: 'Kommunale Koordination' })).toHaveCount(0);
  await field(page, 'Suche').fill(tag);
  await expect(rows).toHaveCount(1);
  await expect(rows.filter({ hasText: coordinator.name })).toHaveCount(1);
  await expect(rows.filter({ hasText: coordinator.name })).toContainText(`1 Kommune: ${MUNICIPALITIES.annaberg.ags}`);
  await field(page, 'Rolle').selectOption({ label: 'Alle Rollen' });
  await expect(rows).toHaveCount(2);
  await field(page, 'Suche').fill('');
  await expect.poll(() => totalOf(page)).toBe(total);

  // Sorting by name, within this test's two accounts: ascending, then the reverse.
  await field(page, 'Suche').fill(tag);
  await expect(rows).toHaveCount(2);
  const nameHeader = page.getByRole('columnheader', { name: 'Nach Name sortieren' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText(coordinator.name);
  await expect(rows.last()).toContainText(renamed);
  const ascending = await rows.allInnerTexts();
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => rows.allInnerTexts()).toEqual([...ascending].reverse());
  await expect(rows.first()).toContainText(renamed);
  await expectAccessible(page, 'users list, sorted');
});

test('the coordinator changes the one-time password and sees only its commune', async ({ page, admin }) => {
  const coordinator = await createCoordinator(admin, uniqueTag());

  await signIn(page, coordinator.email, coordinator.oneTimePassword);
  await replaceOneTimePassword(page, coordinator.oneTimePassword, 'Kira koordiniert Annaberg 2026');
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${coordinator.name}` })).toBeVisible();
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.coordinator]);
  await expect(page.getByRole('heading', { level: 2, name: 'Ihre Kommunen' })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: `${MUNICIPALITIES.annaberg.name} (${MUNICIPALITIES.annaberg.ags})` }),
  ).toBeVisible();
  await expectAccessible(page, 'home (coordinator)');

  await goToSection(page, 'Kommunen');
  await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
  // First the coordinator's own commune, whose record opens; all others show their status only.
  const rows = dataRows(page, 'Kommunen');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('link', { name: MUNICIPALITIES.annaberg.name })).toBeVisible();
  await expectAccessible(page, 'municipalities (coordinator)');
  await field(page, 'Anzeigen').selectOption({ label: 'Alle Kommunen (nur Status)' });
  await field(page, 'Kommune suchen').fill(MUNICIPALITIES.amtsberg.ags);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(MUNICIPALITIES.amtsberg.name);
  await expect(rows.first().getByRole('link')).toHaveCount(0);
  await page.goto(`/municipalities/${MUNICIPALITIES.amtsberg.ags}`);
  await expect(page.getByRole('alert')).toContainText('Dieser Datensatz liegt außerhalb Ihres Zuständigkeitsbereichs.');

  // The own commune's record: readable, without the forms of the council staff.
  await page.goto(`/municipalities/${MUNICIPALITIES.annaberg.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: MUNICIPALITIES.annaberg.name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Verlauf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ereignis speichern' })).toHaveCount(0);
  await expectAccessible(page, 'municipality page (coordinator)');

  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
});

test('the police user sees only the municipalities of its directorate', async ({ page, admin }) => {
  const police = await createPoliceAccount(admin, uniqueTag());

  await signIn(page, police.email, police.oneTimePassword);
  await replaceOneTimePassword(page, police.oneTimePassword, 'Paul schützt das Erzgebirge');
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.police]);
  await expect(page.getByText('Polizeidirektion Chemnitz')).toBeVisible();
  await expect(page.getByText('Zuständig für: Chemnitz, Stadt, Erzgebirgskreis, Mittelsachsen')).toBeVisible();
  await expectAccessible(page, 'home (police)');

  await goToSection(page, 'Kommunen');
  await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
  // Chemnitz (1), Erzgebirgskreis (59) and Mittelsachsen (53): 113 municipalities, 25 per page.
  await expect(page.getByText('1–25 von 113')).toBeVisible();
  const rows = dataRows(page, 'Kommunen');
  await expect(rows).toHaveCount(25);
  await expect(page.getByRole('combobox', { name: 'Polizeidirektion' })).toHaveCount(0);
  await field(page, 'Kommune suchen').fill('Dresden');
  await expect(page.getByText('Keine Kommune passt zu den Filtern.')).toBeVisible();
  await field(page, 'Kommune suchen').fill('Amts');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('link', { name: MUNICIPALITIES.amtsberg.name })).toBeVisible();
  await expectAccessible(page, 'municipalities (police)');
});

test('the audit log shows the creations and exports them as CSV', async ({ page, admin }) => {
  const tag = uniqueTag();
  const accounts = [await createCoordinator(admin, tag), await createPoliceAccount(admin, tag)];

  await signIn(page, ADMIN.email, ADMIN.password);
  await goToSection(page, 'Protokoll');
  await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
  await expect(page).toHaveTitle('Protokoll – Praevis');

  await field(page, 'Objekttyp').selectOption({ label: 'Benutzer' });
  await field(page, 'Aktion').selectOption({ label: 'angelegt' });
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  const rows = dataRows(page, 'Protokolleinträge');
  // This test's two creations by the admin (newest first, so on the first page), besides the three
  // seeded accounts (admin, LPR staff, ministry; by "system") and any that other tests created.
  for (const account of accounts) {
    await expect(rows.filter({ hasText: ADMIN.email }).filter({ hasText: account.email })).toHaveCount(1);
  }
  await expect(rows.filter({ hasNotText: 'angelegt' })).toHaveCount(0);
  const created = await totalOf(page);
  expect(created).toBeGreaterThanOrEqual(accounts.length + 3);
  await expectAccessible(page, 'audit log');

  const exportLink = page.getByRole('link', { name: 'Als CSV exportieren' });
  await expect(exportLink).toHaveAttribute('href', /entityType=user&.*action=create|action=create&.*entityType=user/);
  const download = page.waitForEvent('download');
  await exportLink.click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(file, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('action');
  // The export holds every matching entry, not just the page shown.
  expect(lines).toHaveLength(created + 1);
  for (const account of accounts) expect(csv).toContain(account.email);

  // Filtered by who acted, chosen by name with the keyboard: only the admin's entries remain, the
  // setup's creations by the system do not.
  const who = page.getByRole('combobox', { name: 'Benutzer/in (wer)' });
  await who.focus();
  await page.keyboard.type(ADMIN.name);
  await expect(page.getByRole('option', { name: `${ADMIN.name} (${ADMIN.email})` })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(who).toHaveValue(`${ADMIN.name} (${ADMIN.email})`);
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  await expect(page).toHaveURL(/actorUserId=\d+/);
  for (const account of accounts) await expect(rows.filter({ hasText: account.email })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: ADMIN.name })).toHaveCount(0);
  await expectAccessible(page, 'audit log filtered by user');
  // After a reload the filter still shows the user by name.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Benutzer/in (wer)' })).toHaveValue(`${ADMIN.name} (${ADMIN.email})`);
});
