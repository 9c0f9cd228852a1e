import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection, replaceOneTimePassword, signIn } from './helpers.ts';
import { ADMIN } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import {
  coordinatorOfFreeMunicipality,
  councilName,
  councilWithMembers,
  freeMunicipality,
  institutionsOf,
  recordInstitutions,
  recordPeople,
  scheduleMeeting,
} from './support/councils-setup.ts';
import { addDays, formatDate, todayBerlin } from '../src/shared/time.ts';

// The story of a prevention council: the admin gives a municipality a coordinator; a coordinator records
// organisations of four institution types with their people, founds the council and takes them in
// as members, schedules a meeting and downloads its .ics file, records minutes and two tasks, and
// later finds the overdue task on the home page. Each test sets up what the steps before it would
// have left, through the API and in a municipality of its own (one council per municipality), so
// it runs alone and again. The key steps use the keyboard only: focus, typing, Tab and Enter; date
// and time fields are filled by value, because the segment order of Chromium's date field follows
// the browser's UI language rather than the page's.
test.describe.configure({ timeout: 480_000 });

const day = (offset: number) => addDays(todayBerlin(), offset);
const deDate = (isoDate: string) => formatDate(isoDate, 'de');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Focuses a control by keyboard-reachable focus and types into it, as a keyboard user would. */
async function typeInto(page: Page, control: Locator, text: string): Promise<void> {
  await control.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Moves focus with Tab until the control is focused (proves it is reachable by keyboard). */
async function tabTo(page: Page, control: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await control.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('control not reachable with Tab');
}

test('admin gives a municipality a coordinator account, who replaces the one-time password', async ({ page }) => {
  const tag = uniqueTag();
  const admin = await apiAs(ADMIN);
  let oneTimePassword: string;
  let coordinator: { email: string; name: string; password: string };
  try {
    const municipality = await freeMunicipality(admin);
    coordinator = {
      email: `koordination.${municipality.ags}.${tag}@praevis.test`,
      name: `Mara ${municipality.short} ${tag}`,
      password: `Mara koordiniert den Präventionsrat ${tag}`,
    };
    ({ oneTimePassword } = await admin.post<{ oneTimePassword: string }>('/api/users', {
      email: coordinator.email,
      displayName: coordinator.name,
      role: 'coordinator',
      communes: [municipality.ags],
      locale: 'de',
    }));
  } finally {
    await admin.dispose();
  }
  await signIn(page, coordinator.email, oneTimePassword);
  await replaceOneTimePassword(page, oneTimePassword, coordinator.password);
  await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${coordinator.name}` })).toBeVisible();
});

test('the coordinator records organisations of four institution types and their people', async ({ page, signInAs }) => {
  const { municipality, coordinator } = await coordinatorOfFreeMunicipality();
  const institutions = institutionsOf(municipality);

  await signInAs(coordinator);
  await goToSection(page, 'Personen');
  await expect(page.getByRole('heading', { level: 1, name: 'Personen und Organisationen' })).toBeVisible();
  await expectAccessible(page, 'people page (empty)');

  const orgForm = page.getByRole('form', { name: 'Organisation anlegen' });
  const personForm = page.getByRole('form', { name: 'Person anlegen' });
  for (const i of institutions) {
    await expect(field(orgForm, 'Kommune')).toHaveValue(municipality.ags);
    await field(orgForm, 'Name der Organisation').fill(i.org);
    await field(orgForm, 'Art').selectOption({ label: i.typeLabel });
    await orgForm.getByRole('button', { name: 'Organisation anlegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Die Organisation „${i.org}“ ist angelegt.` })).toBeVisible();
  }

  // An invalid e-mail address is refused at its field, and named in the announced summary.
  await field(personForm, 'Vorname').fill('Olaf');
  await field(personForm, 'Nachname').fill('Ordnung');
  await field(personForm, 'E-Mail-Adresse').fill('olaf.ordnung@');
  await personForm.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toContainText(
    'E-Mail-Adresse: Bitte eine gültige E-Mail-Adresse eingeben.',
  );
  await expect(field(personForm, 'E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'person form with an error');

  for (const i of institutions) {
    await field(personForm, 'Vorname').fill(i.first);
    await field(personForm, 'Nachname').fill(i.last);
    await field(personForm, 'Funktion').fill(i.fn);
    await field(personForm, 'E-Mail-Adresse').fill(`${i.first.toLowerCase()}.${i.last.toLowerCase()}@${municipality.ags}.example`);
    // The organisation is searched by its name and chosen from the matches.
    const organisation = personForm.getByRole('combobox', { name: 'Organisation', exact: true });
    await organisation.fill(i.org);
    await page.getByRole('option', { name: `${i.org} (${i.typeLabel})`, exact: true }).click();
    await expect(organisation).toHaveValue(`${i.org} (${i.typeLabel})`);
    await personForm.getByRole('button', { name: 'Person anlegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: `${i.first} ${i.last} ist angelegt.` })).toBeVisible();
  }
  // The coordinator sees the people of the own municipality only: the four just recorded.
  await expect(page.getByRole('table', { name: 'Personen' }).getByRole('row')).toHaveCount(5);
  await expectAccessible(page, 'people page');
});

test('founds the council by keyboard and takes in members from four institution types', async ({ page, signInAs }) => {
  const { municipality, coordinator } = await coordinatorOfFreeMunicipality();
  const institutions = institutionsOf(municipality);
  const api = await apiAs(coordinator);
  await recordInstitutions(api, municipality, institutions).finally(() => api.dispose());
  const name = councilName(municipality);

  await signInAs(coordinator);
  await goToSection(page, 'Präventionsräte');
  await expect(page.getByRole('heading', { level: 1, name: 'Präventionsräte' })).toBeVisible();
  await expectAccessible(page, 'councils list');
  const found = page.getByRole('link', { name: 'Präventionsrat gründen' });
  await tabTo(page, found);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Präventionsrat gründen' })).toBeVisible();
  await expectAccessible(page, 'found a council');

  await typeInto(page, field(page, 'Name des Rates'), name);
  const commune = page.getByRole('checkbox', { name: municipality.name });
  await expect(commune).toBeChecked(); // the coordinator's only commune is preselected
  await field(page, 'Datum des Gründungsbeschlusses').fill('2025-03-12');
  await typeInto(page, field(page, 'Steuerungsgruppe'), 'Oberbürgermeister, Revierleiterin, Koordination');
  await typeInto(page, field(page, 'Koordinierungsstelle'), 'Ordnungsamt, Markt 1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rat gründen' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('12.03.2025')).toBeVisible();
  await expectAccessible(page, 'council page (new)');

  const memberForm = page.getByRole('form', { name: 'Mitglied aufnehmen' });
  const roles = ['Vorsitz', 'Ständiges Mitglied', 'Ständiges Mitglied', 'Beratendes Mitglied'];
  for (const [k, i] of institutions.entries()) {
    await field(memberForm, 'Person').selectOption({ label: `${i.last}, ${i.first} – ${i.org}` });
    await field(memberForm, 'Rolle').selectOption({ label: roles[k]! });
    await field(memberForm, 'Mitglied seit').fill('2025-04-01');
    await memberForm.getByRole('button', { name: 'Mitglied aufnehmen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `${i.first} ${i.last} ist jetzt Mitglied.` })).toBeVisible();
  }
  // The same person a second time, overlapping: refused at the start date.
  const first = institutions[0]!;
  await field(memberForm, 'Person').selectOption({ label: `${first.last}, ${first.first} – ${first.org}` });
  await field(memberForm, 'Mitglied seit').fill('2025-06-01');
  await memberForm.getByRole('button', { name: 'Mitglied aufnehmen' }).click();
  await expect(page.getByRole('alert')).toContainText('Mitglied seit: Diese Person ist in diesem Zeitraum bereits Mitglied des Rates');
  await expect(field(memberForm, 'Mitglied seit')).toHaveAttribute('aria-invalid', 'true');

  const composition = page.getByRole('table', { name: 'Aktuelle Mitglieder nach Art der Institution' });
  for (const i of institutions)
    await expect(composition.getByRole('row', { name: new RegExp(`^${escapeRegExp(i.typeLabel)} 1$`) })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Aktuelle Mitglieder', exact: true }).getByRole('row')).toHaveCount(5);
  await expectAccessible(page, 'council page with members');
});

test('schedules a meeting by keyboard and downloads its .ics file with Europe/Berlin times', async ({ page, signInAs }) => {
  const { municipality, coordinator } = await councilWithMembers();
  const place = `Rathaus ${municipality.short}, Ratssaal`;

  await signInAs(coordinator);
  await goToSection(page, 'Präventionsräte');
  await page.getByRole('link', { name: councilName(municipality) }).click();
  const form = page.getByRole('form', { name: 'Sitzung planen' });
  const date = day(0);

  // The end before the start is refused at the end time.
  await field(form, 'Datum').fill(date);
  await field(form, 'Beginn').fill('18:00');
  await field(form, 'Ende').fill('17:00');
  await form.getByRole('button', { name: 'Sitzung planen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Ende: Das Ende muss nach dem Beginn liegen.');
  await expect(field(form, 'Ende')).toHaveAttribute('aria-invalid', 'true');

  await field(form, 'Ende').fill('19:30');
  await typeInto(page, field(form, 'Ort'), place);
  await typeInto(page, field(form, 'Tagesordnung'), 'Lagebild der Polizei');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Graffiti an Bushaltestellen');
  await form.getByRole('button', { name: 'Sitzung planen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Die Sitzung ist geplant' })).toBeVisible();

  const upcoming = page.getByRole('table', { name: 'Kommende Sitzungen' });
  await expect(upcoming.getByRole('row', { name: new RegExp(`${deDate(date)}, 18:00–19:30 Uhr`) })).toBeVisible();
  const ics = upcoming.getByRole('link', { name: `Kalenderdatei der Sitzung am ${deDate(date)}` });
  await ics.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const comp = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
  const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  expect(event.startDate.zone?.tzid).toBe('Europe/Berlin');
  const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(
    event.startDate.toJSDate(),
  );
  expect(wall).toBe(`${date} 18:00`);
  expect(event.location).toBe(place);
  expect(event.description).toContain('Graffiti an Bushaltestellen');
  await expectAccessible(page, 'council page with a meeting');
});

test('records minutes, attendance and two tasks by keyboard; the overdue one shows on the home page', async ({ page, signInAs }) => {
  const { municipality, coordinator, institutions, councilId } = await councilWithMembers();
  await scheduleMeeting(coordinator, councilId, municipality, { date: day(0), startTime: '18:00', endTime: '19:30' });
  const name = councilName(municipality);
  const [olaf, , sven, jule] = institutions;

  await signInAs(coordinator);
  await goToSection(page, 'Präventionsräte');
  await page.getByRole('link', { name }).click();
  const meetingLink = page.getByRole('table', { name: 'Kommende Sitzungen' }).getByRole('link', { name: 'Sitzung des Präventionsrates' });
  await meetingLink.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Sitzung des Präventionsrates am / })).toBeVisible();
  await expectAccessible(page, 'meeting page');

  const record = page.getByRole('form', { name: 'Ergebnisse erfassen' });
  await field(record, 'Stand').focus();
  await field(record, 'Stand').selectOption('held');
  await field(record, `Anwesenheit: ${jule!.first} ${jule!.last}`).selectOption('excused');
  for (const i of institutions.slice(0, 3)) await field(record, `Anwesenheit: ${i.first} ${i.last}`).selectOption('present');
  await typeInto(page, field(record, 'Protokoll'), 'Die Revierleiterin stellt das Lagebild vor. Graffiti an drei Bushaltestellen.');
  await typeInto(page, field(record, 'Beschlüsse'), 'Ein Graffiti-Wettbewerb für die Bushaltestellen wird vorbereitet.');
  await record.getByRole('button', { name: 'Speichern' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Die Sitzung ist gespeichert.' })).toBeVisible();

  const taskForm = page.getByRole('form', { name: 'Aufgabe anlegen' });
  const tasks = [
    { title: 'Standorte der Bushaltestellen erfassen', owner: `${olaf!.first} ${olaf!.last}`, due: day(-1) },
    { title: 'Jury für den Wettbewerb zusammenstellen', owner: `${sven!.first} ${sven!.last}`, due: day(30) },
  ];
  for (const task of tasks) {
    await typeInto(page, field(taskForm, 'Aufgabe'), task.title);
    await field(taskForm, 'Verantwortlich').selectOption({ label: task.owner });
    await field(taskForm, 'Fällig am').fill(task.due);
    await taskForm.getByRole('button', { name: 'Aufgabe anlegen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Die Aufgabe „${task.title}“ ist angelegt.` })).toBeVisible();
  }
  const table = page.getByRole('table', { name: 'Aufgaben aus dieser Sitzung' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /Standorte der Bushaltestellen erfassen/ })).toContainText('überfällig');
  await expectAccessible(page, 'meeting page with minutes and tasks');

  // Later: the home page names the overdue task (the coordinator's council has no other), and it leads back to the meeting.
  await goToSection(page, 'Startseite');
  const card = page.getByRole('region', { name: 'Überfällige Aufgaben (1)' });
  await expect(card).toContainText('Standorte der Bushaltestellen erfassen');
  await expect(card).toContainText(`fällig am ${deDate(day(-1))}, ${name}, verantwortlich: ${olaf!.first} ${olaf!.last}`);
  await expect(card).not.toContainText('Jury');
  await expectAccessible(page, 'home page with the overdue task');
  const link = card.getByRole('link', { name: 'Standorte der Bushaltestellen erfassen' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Sitzung des Präventionsrates am / })).toBeVisible();
});

test('training: a full course refuses the enrolment at the course field; training and coaching pages pass axe', async ({
  page,
  signInAs,
}) => {
  // Council staff set up a workshop with one place; a coordinator has recorded two people.
  const title = `Workshop Graffitiprävention ${uniqueTag()}`;
  const admin = await apiAs();
  try {
    const programmes = await admin.get<{ id: number; code: string }[]>('/api/training/programmes');
    const workshop = programmes.find((p) => p.code === 'workshop')!;
    await admin.post('/api/training/courses', {
      programmeId: workshop.id,
      title,
      place: 'Chemnitz',
      capacity: 1,
      dates: [{ startsOn: day(20), endsOn: day(20), place: 'Chemnitz' }],
    });
  } finally {
    await admin.dispose();
  }
  const { municipality, coordinator } = await coordinatorOfFreeMunicipality();
  const api = await apiAs(coordinator);
  await recordPeople(api, municipality, [
    { first: 'Jule', last: 'Jugend' },
    { first: 'Sven', last: 'Schulz' },
  ]).finally(() => api.dispose());

  await signInAs(coordinator);
  await goToSection(page, 'Fortbildung');
  await expect(page.getByRole('heading', { level: 1, name: 'Fortbildung' })).toBeVisible();
  await expectAccessible(page, 'training page');
  const form = page.getByRole('form', { name: 'Person anmelden' });
  await field(form, 'Kurs').selectOption({ label: `${title} – Workshop (1 frei)` });
  await field(form, 'Person').selectOption({ label: 'Jugend, Jule' });
  await form.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Die Person ist angemeldet.' })).toBeVisible();
  await field(form, 'Person').selectOption({ label: 'Schulz, Sven' });
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText(`Kurs: Der Kurs „${title}“ ist ausgebucht`);
  await expect(field(form, 'Kurs')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'training page with a refused enrolment');

  await goToSection(page, 'Coaching');
  await expect(page.getByRole('heading', { level: 1, name: 'Coaching' })).toBeVisible();
  await expectAccessible(page, 'coaching page');
});
