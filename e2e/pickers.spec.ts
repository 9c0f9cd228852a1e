import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows } from './helpers.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { councilWithMembers } from './support/councils-setup.ts';
import { AUE, createAueCoordinator, openProgrammeYear } from './support/funding-setup.ts';

// Names, not codes: organisations and projects are chosen by name in a search picker (a combobox
// the server answers as the user types), with the keyboard alone. Data set up through the API.
test.describe.configure({ timeout: 300_000 });

test('a member of the council comes to represent another institution, chosen by its name', async ({ page, signInAs }) => {
  const { coordinator, councilId, institutions } = await councilWithMembers();
  const [admin, , , youth] = institutions;
  await signInAs(coordinator);
  await page.goto(`/councils/${councilId}`);
  const person = `${admin!.first} ${admin!.last}`;
  await page.getByRole('button', { name: `Mitgliedschaft von ${person} bearbeiten` }).click();
  const form = page.getByRole('form', { name: `Mitgliedschaft von ${person} bearbeiten` });
  const picker = form.getByRole('combobox', { name: 'Vertretene Institution', exact: true });
  // The current institution is named, not numbered.
  await expect(picker).toHaveValue(admin!.org);

  await picker.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Alte Po');
  const option = page.getByRole('option', { name: `${youth!.org} (${youth!.typeLabel})`, exact: true });
  await expect(option).toBeVisible();
  // The matches and the current choice; no other organisation of the municipality.
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(2);
  await expectAccessible(page, 'organisation picker open');
  for (let i = 0; i < 3 && (await option.getAttribute('data-combobox-selected')) === null; i++) await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('data-combobox-selected');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(`${youth!.org} (${youth!.typeLabel})`);
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Die Mitgliedschaft von ${person} ist gespeichert.` })).toBeVisible();
  await expect(dataRows(page, 'Aktuelle Mitglieder').filter({ hasText: person })).toContainText(youth!.org);
});

test('a new funding application starts from a project chosen by its title', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  await openProgrammeYear();
  const title = `Lichtkonzept für den Stadtpark ${uniqueTag()}`;
  const api = await apiAs(coordinator);
  let project: { id: number };
  try {
    project = await api.post('/api/projects', { ags: AUE.ags, title });
  } finally {
    await api.dispose();
  }
  await signInAs(coordinator);
  await page.goto('/funding/applications/new');
  const form = page.getByRole('form', { name: 'Projekt des Antrags wählen' });
  const picker = form.getByRole('combobox', { name: 'Projekt', exact: true });

  // Without a choice the form says what is missing.
  await form.getByRole('button', { name: 'Weiter' }).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByText('Bitte ein Projekt wählen.')).toBeVisible();

  await picker.focus();
  await page.keyboard.type(title.split(' ').at(-1)!);
  await expect(page.getByRole('option', { name: `${title} (${AUE.name})`, exact: true })).toBeVisible();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await expectAccessible(page, 'project picker open');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(`${title} (${AUE.name})`);
  await form.getByRole('button', { name: 'Weiter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/funding/applications/new\\?projectId=${project.id}$`));
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
});
