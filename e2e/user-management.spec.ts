import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, navigationLinks, replaceOneTimePassword, signIn } from './helpers.ts';
import { NAVIGATION } from './support/navigation.ts';
import { ADMIN, MUNICIPALITIES } from './support/accounts.ts';

// One story told in order: the admin creates accounts that the later steps sign in with.
test.describe.configure({ mode: 'serial' });

const COORDINATOR = { email: 'koordination.annaberg@praevis.test', name: 'Kira Koordination', password: 'Kira koordiniert Annaberg 2026' };
const POLICE = {
  email: 'polizei.chemnitz@praevis.test',
  name: 'Paul Polizei',
  renamed: 'Paul Polizist',
  password: 'Paul schützt das Erzgebirge',
};
const oneTimePasswords: Record<string, string> = {};

test('admin creates a coordinator for a commune and a police account for a directorate', async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${ADMIN.name}` })).toBeVisible();
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.admin]);
  await expectAccessible(page, 'home (admin)');

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Benutzer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeFocused();
  await expect(page).toHaveTitle('Benutzer – Praevis');
  await expectAccessible(page, 'users list');
  // Other specs may have added accounts through the API; this one adds two.
  await expect(dataRows(page, 'Benutzerkonten').first()).toBeVisible();
  const accountsBefore = await dataRows(page, 'Benutzerkonten').count();

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
  await field(page, 'E-Mail-Adresse').fill(COORDINATOR.email);
  await field(page, 'Name').fill(COORDINATOR.name);
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
  oneTimePasswords.coordinator = await dialog.getByLabel('Einmalpasswort').inputValue();
  expect(oneTimePasswords.coordinator).toMatch(/^\S{20}$/);
  await expectAccessible(page, 'one-time password dialog');
  await dialog.getByRole('button', { name: 'Fertig' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('status')).toContainText('Das Benutzerkonto wurde angelegt.');

  await page.getByRole('link', { name: 'Benutzer anlegen' }).click();
  await field(page, 'E-Mail-Adresse').fill(POLICE.email);
  await field(page, 'Name').fill(POLICE.name);
  await field(page, 'Rolle').selectOption({ label: 'Polizei' });
  await field(page, 'Polizeidirektion').selectOption({ label: 'Polizeidirektion Chemnitz' });
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const policeDialog = page.getByRole('dialog', { name: 'Konto angelegt' });
  oneTimePasswords.police = await policeDialog.getByLabel('Einmalpasswort').inputValue();
  await policeDialog.getByRole('button', { name: 'Fertig' }).click();
  await expect(dataRows(page, 'Benutzerkonten')).toHaveCount(accountsBefore + 2);
});

test('admin edits an account, meets a concurrent change, and filters and sorts the list', async ({ page, context }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto('/users');
  await page.getByRole('link', { name: POLICE.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benutzer bearbeiten: ${POLICE.name}` })).toBeVisible();
  await expect(field(page, 'Polizeidirektion')).toHaveValue(/\d+/);
  await expectAccessible(page, 'edit user');

  // Someone else saves first (a second tab): this tab's save meets a 409 and offers the current state.
  const other = await context.newPage();
  await other.goto(page.url());
  await field(other, 'Name').fill('Paul Anders');
  await other.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(other.getByRole('status')).toContainText('Die Änderungen wurden gespeichert.');
  await other.close();

  await field(page, 'Name').fill(POLICE.renamed);
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Der Datensatz wurde inzwischen geändert' })).toBeVisible();
  await expectAccessible(page, 'edit user with conflict');
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await expect(field(page, 'Name')).toHaveValue('Paul Anders');
  await field(page, 'Name').fill(POLICE.renamed);
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Die Änderungen wurden gespeichert.');
  await expect(page.getByRole('heading', { level: 1, name: `Benutzer bearbeiten: ${POLICE.renamed}` })).toBeVisible();

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

  await page.getByRole('link', { name: 'Zur Benutzerliste' }).click();
  // Other specs may have added accounts of their own: counts are taken relative to the full list.
  const rows = dataRows(page, 'Benutzerkonten');
  await expect(rows.filter({ hasText: POLICE.renamed })).toHaveCount(1);
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(6);
  await field(page, 'Suche').fill(POLICE.renamed);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(POLICE.renamed);
  await field(page, 'Suche').fill('');
  await expect(rows).toHaveCount(total);
  await field(page, 'Rolle').selectOption({ label: 'Kommunale Koordination' });
  await expect(rows.filter({ hasNotText: 'Kommunale Koordination' })).toHaveCount(0);
  await expect(rows.filter({ hasText: COORDINATOR.name })).toHaveCount(1);
  await expect(rows.filter({ hasText: COORDINATOR.name })).toContainText(`1 Kommune: ${MUNICIPALITIES.annaberg.ags}`);
  expect(await rows.count()).toBeLessThan(total);
  await field(page, 'Rolle').selectOption({ label: 'Alle Rollen' });
  await expect(rows).toHaveCount(total);

  const nameHeader = page.getByRole('columnheader', { name: 'Nach Name sortieren' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText(ADMIN.name);
  const ascending = await rows.allInnerTexts();
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => rows.allInnerTexts()).toEqual([...ascending].reverse());
  await expectAccessible(page, 'users list, sorted');
});

test('the coordinator changes the one-time password and sees only its commune', async ({ page }) => {
  await signIn(page, COORDINATOR.email, oneTimePasswords.coordinator!);
  await replaceOneTimePassword(page, oneTimePasswords.coordinator!, COORDINATOR.password);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${COORDINATOR.name}` })).toBeVisible();
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.coordinator]);
  await expect(page.getByRole('heading', { level: 2, name: 'Ihre Kommunen' })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: `${MUNICIPALITIES.annaberg.name} (${MUNICIPALITIES.annaberg.ags})` }),
  ).toBeVisible();
  await expectAccessible(page, 'home (coordinator)');

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
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

test('the police user sees only the municipalities of its directorate', async ({ page }) => {
  await signIn(page, POLICE.email, oneTimePasswords.police!);
  await replaceOneTimePassword(page, oneTimePasswords.police!, POLICE.password);
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.police]);
  await expect(page.getByText('Polizeidirektion Chemnitz')).toBeVisible();
  await expect(page.getByText('Zuständig für: Chemnitz, Stadt, Erzgebirgskreis, Mittelsachsen')).toBeVisible();
  await expectAccessible(page, 'home (police)');

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
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

test('the audit log shows the creations and exports them as CSV', async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
  await expect(page).toHaveTitle('Protokoll – Praevis');

  await field(page, 'Objekttyp').selectOption({ label: 'Benutzer' });
  await field(page, 'Aktion').selectOption({ label: 'angelegt' });
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  const rows = dataRows(page, 'Protokolleinträge');
  // Four accounts from the test server's setup (by "system"), two created by the admin in this story,
  // and any that other specs created through the API.
  for (const email of [COORDINATOR.email, POLICE.email]) {
    await expect(rows.filter({ hasText: ADMIN.email }).filter({ hasText: email }).first()).toBeVisible();
  }
  const created = await rows.count();
  expect(created).toBeGreaterThanOrEqual(6);
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
  expect(lines).toHaveLength(created + 1);
  expect(csv).toContain(COORDINATOR.email);
  expect(csv).toContain(POLICE.email);
});
