import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field } from './helpers.ts';
import { apiAs } from './support/api.ts';
import { coordinatorOfFreeMunicipality } from './support/councils-setup.ts';
import { addDays, formatDate, todayBerlin } from '../src/shared/time.ts';

// A coordinator keeps the problem fields and prevention areas of the municipality (from the
// strategy work) on its page: records a problem field, changes a prevention area (and meets a
// change someone else saved meanwhile), and completes the step "problem fields identified", which
// then shows on the municipality's timeline. The municipality, its coordinator and one prevention
// area are set up through the API; the steps use the keyboard (focus, typing, Tab and Enter); date
// fields and native selects are set by value.
test.describe.configure({ timeout: 360_000 });

interface Priorities {
  items: { id: number; title: string; version: number }[];
  fieldsOfAction: { id: number; name: string }[];
}

async function typeInto(page: Page, control: Locator, text: string): Promise<void> {
  await control.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Moves focus with Tab until the control is focused (proves it is reachable by keyboard). */
async function tabTo(page: Page, control: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await control.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('control not reachable with Tab');
}

test('the coordinator records, changes and completes the problem fields of the municipality', async ({ page, signInAs }) => {
  const { municipality, coordinator } = await coordinatorOfFreeMunicipality();
  const api = await apiAs(coordinator);
  let fields: Priorities['fieldsOfAction'];
  let area: { id: number; version: number };
  try {
    fields = (await api.get<Priorities>(`/api/municipalities/${municipality.ags}/priorities`)).fieldsOfAction;
    area = await api.post(`/api/municipalities/${municipality.ags}/priorities`, {
      kind: 'prevention_area',
      fieldOfActionId: fields[0]!.id,
      title: 'Sichere Schulwege',
      priority: 'medium',
      source: 'council_decision',
      identifiedOn: addDays(todayBerlin(), -30),
    });
  } finally {
    await api.dispose();
  }
  const graffiti = fields.find((f) => /graffiti/i.test(f.name)) ?? fields[1]!;

  await signInAs(coordinator);
  await page.goto(`/municipalities/${municipality.ags}`);
  const section = page.getByRole('region', { name: 'Problemfelder und Präventionsbereiche' });
  await expect(section).toBeVisible();
  await expect(section.getByText('Noch kein Problemfeld erfasst.')).toBeVisible();
  await expect(dataRows(page, 'Präventionsbereiche der Kommune')).toHaveCount(1);
  await expectAccessible(page, 'municipality page with priorities');

  // An empty form is refused with the fields named.
  const add = page.getByRole('form', { name: 'Problemfeld oder Präventionsbereich erfassen' });
  await field(add, 'Bezeichnung').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toBeVisible();
  await expect(page.getByRole('alert').getByRole('link', { name: /^Bezeichnung:/ })).toBeVisible();

  // Record a problem field.
  await field(add, 'Art').selectOption({ label: 'Problemfeld' });
  await field(add, 'Handlungsfeld').selectOption({ label: graffiti.name });
  await typeInto(page, field(add, 'Bezeichnung'), 'Graffiti an Bushaltestellen');
  await typeInto(page, field(add, 'Beschreibung'), 'Drei Haltestellen am Markt, wiederholt besprüht.');
  await field(add, 'Priorität').selectOption({ label: 'hoch' });
  await field(add, 'Quelle').selectOption({ label: 'Sicherheitsanalyse' });
  await field(add, 'Festgestellt am').fill(addDays(todayBerlin(), -7));
  await field(add, 'Bezeichnung').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '„Graffiti an Bushaltestellen“ ist erfasst.' })).toBeVisible();
  const problemRows = dataRows(page, 'Problemfelder der Kommune');
  await expect(problemRows).toHaveCount(1);
  await expect(problemRows.first()).toContainText('Graffiti an Bushaltestellen');
  await expect(problemRows.first()).toContainText('hoch');
  await expect(problemRows.first()).toContainText('Sicherheitsanalyse');

  // Change the prevention area: the button opens the form with focus in it.
  await tabTo(page, page.getByRole('button', { name: '„Sichere Schulwege“ ändern' }));
  await page.keyboard.press('Enter');
  const edit = page.getByRole('form', { name: '„Sichere Schulwege“ ändern' });
  await expect(field(edit, 'Bezeichnung')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Sichere Schulwege zur Oberschule');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Die Änderungen an „Sichere Schulwege zur Oberschule“ sind gespeichert.' }),
  ).toBeVisible();
  await expect(dataRows(page, 'Präventionsbereiche der Kommune').first()).toContainText('Sichere Schulwege zur Oberschule');

  // Someone else changes it meanwhile: saving the older version is refused and the current entry shown.
  const other = await apiAs(coordinator);
  try {
    await other.patch(`/api/priorities/${area.id}`, { version: area.version + 1, priority: 'high' });
  } finally {
    await other.dispose();
  }
  // The form is named by the entry's title as saved.
  const edited = page.getByRole('form', { name: '„Sichere Schulwege zur Oberschule“ ändern' });
  await typeInto(page, field(edited, 'Beschreibung'), 'Vor allem morgens.');
  await tabTo(page, edited.getByRole('button', { name: 'Änderungen speichern' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Der Datensatz wurde inzwischen geändert.' })).toBeVisible();
  await expect(field(edited, 'Priorität')).toHaveValue('high');
  await expect(dataRows(page, 'Präventionsbereiche der Kommune').first()).toContainText('hoch');

  // Complete the step "problem fields identified", confirmed in a dialog.
  await tabTo(page, page.getByRole('button', { name: 'Problemfelder als identifiziert abschließen' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Problemfelder als identifiziert abschließen' });
  await expect(dialog).toContainText('Das erfasste Problemfeld wird');
  await expect(field(dialog, 'Datum des Abschlusses')).toHaveValue(todayBerlin());
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Abschließen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Der Schritt „Problemfelder identifiziert“ ist abgeschlossen' })).toBeVisible();
  await expect(section.getByText(`Problemfelder identifiziert am ${formatDate(todayBerlin(), 'de')}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Problemfelder als identifiziert abschließen' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Verlauf' }).getByText('Problemfelder identifiziert').first()).toBeVisible();
  await expectAccessible(page, 'municipality page after completing a step');
});
