import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection } from './helpers.ts';
import { LPR_STAFF, MINISTRY } from './support/accounts.ts';
import { uniqueTag } from './support/api.ts';

// Screens for actions that had only an API (issue 16): the ministry's council figures, and the LPR
// staff's course creation and coach pool. Each page passes axe; a form refuses what is missing at
// its field and confirms what it saved.
test.describe.configure({ timeout: 240_000 });

test('the ministry reads the councils in figures, without names', async ({ page, signInAs }) => {
  await signInAs(MINISTRY);
  await goToSection(page, 'Räte in Zahlen');
  await expect(page.getByRole('heading', { level: 1, name: 'Präventionsräte in Zahlen' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kennzahlen' })).toContainText('Kommunen mit Rat');
  await expect(page.getByRole('heading', { level: 2, name: 'Sitzungen je Jahr' })).toBeVisible();
  await expectAccessible(page, 'council figures');
});

test('LPR staff create a course, refused first at the missing fields; the coach pool and coaching details pass axe', async ({
  page,
  signInAs,
}) => {
  const title = `Jahrgang Prävention ${uniqueTag()}`;
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Fortbildung');
  const form = page.getByRole('form', { name: 'Kurs anlegen' });
  await form.getByRole('button', { name: 'Kurs anlegen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toContainText('Programm');
  await expect(field(form, 'Titel des Kurses')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'training page with a refused course');

  await field(form, 'Programm').selectOption({ index: 1 });
  await field(form, 'Titel des Kurses').fill(title);
  await field(form, 'Ort').fill('Dresden, Landespräventionsrat');
  await field(form, 'Plätze').fill('12');
  await form.getByRole('button', { name: 'Kurs anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Der Kurs „${title}“ ist angelegt.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Kurse und Jahrgänge' })).toContainText(title);

  await goToSection(page, 'Coaching');
  await expect(page.getByRole('heading', { level: 2, name: 'Pool der Coaches' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Coach aufnehmen' })).toBeVisible();
  await expectAccessible(page, 'coaching page with the coach pool');
});
