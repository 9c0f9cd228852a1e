import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection, navigationLinks } from './helpers.ts';
import { NAVIGATION } from './support/navigation.ts';
import { ADMIN, LPR_STAFF, MINISTRY, MUNICIPALITIES, SAXON_MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';
import { REAL_FILES } from './support/real-data.ts';
import { formatDate } from '../src/shared/time.ts';

// Council staff sign up Annaberg-Buchholz; the figures, the map and the public page show it. The
// figures are statewide and the public page has one switch, so each test runs on a server of its
// own (a fresh copy of the seeded database) and records through the API what it reads.
// The dashboard's map and tables hold every one of the 419 municipalities; their axe scans take a while.
test.describe.configure({ timeout: 300_000 });
test.use({ ownServer: true });

const TOWN = MUNICIPALITIES.annaberg;
const DATES = { consultation: '2024-01-15', preAgreement: '2024-02-20', signed: '2024-03-14', dayBefore: '2024-03-13' };
const SIGNATORIES = [
  ['Rolf Schmidt', 'Oberbürgermeister'],
  ['Dr. Petra Lange', 'Präsidentin der Polizeidirektion Chemnitz'],
  ['Karl Weber', 'Geschäftsführer des Landespräventionsrates'],
] as const;
const AGREEMENT_TITLE = 'Kooperationsvereinbarung Sichere Stadt Annaberg-Buchholz';
const COLLABORATION_COLOUR = '#0a5a9c';

/** A tiny but valid PDF document, written to a temporary file as a user would pick it. */
function writePdf(): string {
  const pdf =
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-pdf-')), 'kooperationsvereinbarung-annaberg.pdf');
  fs.writeFileSync(file, pdf, 'latin1');
  return file;
}

/** As council staff through the API: the consultation of the town and, unless `consultationOnly`, its pre-agreement and agreement. */
async function signUpTown(baseURL: string | undefined, { consultationOnly = false } = {}): Promise<void> {
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    await staff.post(`/api/alliance/municipalities/${TOWN.ags}/events`, {
      type: 'consultation',
      date: DATES.consultation,
      topic: 'Aufbau eines Kommunalen Präventionsrates',
      participants: 'Oberbürgermeister, Ordnungsamt, LPR-Beratung',
    });
    if (consultationOnly) return;
    await staff.post(`/api/alliance/municipalities/${TOWN.ags}/events`, { type: 'pre_agreement_signed', date: DATES.preAgreement });
    await staff.post('/api/alliance/agreements', {
      municipalities: [TOWN.ags],
      signedOn: DATES.signed,
      title: AGREEMENT_TITLE,
      signatories: [],
    });
  } finally {
    await staff.dispose();
  }
}

/** The statewide figure card with this label. */
const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] dd`);

test('council staff record a consultation, a pre-agreement and an agreement with three signatories and a PDF', async ({
  page,
  signInAs,
}) => {
  await signInAs(LPR_STAFF);
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.lpr]);

  await goToSection(page, 'Kommunen');
  await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeFocused();
  await expect(page).toHaveTitle('Kommunen – Praevis');
  await expectAccessible(page, 'municipality list (lpr)');
  await field(page, 'Kommune suchen').fill('Annaberg');
  const rows = dataRows(page, 'Kommunen');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('link', { name: TOWN.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: TOWN.name })).toBeVisible();
  await expect(page.getByTestId('rank')).toHaveText('Noch keine Kooperationsvereinbarung – daher kein Rang im Kreis.');
  await expectAccessible(page, 'municipality page before any event');

  // An empty form: the errors stand in an announced summary and at the field.
  await page.getByRole('button', { name: 'Ereignis speichern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toContainText('Datum: Bitte ausfüllen.');
  await expect(field(page, 'Datum')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'record event with errors');

  await expect(field(page, 'Art des Ereignisses')).toHaveValue('consultation');
  await field(page, 'Datum').fill(DATES.consultation);
  await field(page, 'Thema').fill('Aufbau eines Kommunalen Präventionsrates');
  await field(page, 'Teilnehmende').fill('Oberbürgermeister, Ordnungsamt, LPR-Beratung');
  await page.getByRole('button', { name: 'Ereignis speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde erfasst.' })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Verlauf' });
  await expect(timeline.getByRole('heading', { name: '15.01.2024 · Beratung' })).toBeVisible();
  await expect(timeline).toContainText('Aufbau eines Kommunalen Präventionsrates');

  // A contradiction from the server (coaching ended before it started) is shown at the field it concerns.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Coaching beendet' });
  await field(page, 'Datum').fill(DATES.preAgreement);
  await page.getByRole('button', { name: 'Ereignis speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Art des Ereignisses');
  await expect(field(page, 'Art des Ereignisses')).toHaveAttribute('aria-invalid', 'true');

  await field(page, 'Art des Ereignisses').selectOption({ label: 'Vorvereinbarung unterzeichnet' });
  await field(page, 'Datum').fill(DATES.preAgreement);
  await page.getByRole('button', { name: 'Ereignis speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde erfasst.' })).toBeVisible();
  await expect(timeline.getByRole('heading', { name: '20.02.2024 · Vorvereinbarung unterzeichnet' })).toBeVisible();

  // The agreement: date, title, three signatories, the signed PDF.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Kooperationsvereinbarung unterzeichnet' });
  await field(page, 'Unterzeichnet am').fill(DATES.signed);
  await field(page, 'Titel').fill(AGREEMENT_TITLE);
  for (const [i, [name, fn]] of SIGNATORIES.entries()) {
    const row = page.getByRole('group', { name: `Unterzeichner/in ${i + 1}` });
    await field(row, 'Name').fill(name);
    await row.getByRole('textbox', { name: 'Funktion' }).fill(fn);
  }
  await expect(page.getByRole('group', { name: 'Unterzeichner/in 3' }).getByRole('combobox', { name: 'Für' })).toHaveValue('council');
  await field(page, 'Unterzeichnete Vereinbarung (PDF)').setInputFiles(writePdf());
  await expectAccessible(page, 'agreement form filled in');
  await page.getByRole('button', { name: 'Vereinbarung speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Kooperationsvereinbarung wurde erfasst.' })).toBeVisible();

  const agreement = page.getByRole('article', { name: AGREEMENT_TITLE });
  await expect(agreement).toContainText('In Kraft seit 14.03.2024');
  const signatories = agreement.getByRole('table', { name: `Unterzeichnende: ${AGREEMENT_TITLE}` });
  await expect(signatories.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(3);
  for (const [name, fn] of SIGNATORIES) await expect(signatories.getByRole('row', { name: new RegExp(`${name}.*${fn}`) })).toBeVisible();
  const document = agreement.getByRole('link', { name: 'kooperationsvereinbarung-annaberg.pdf' });
  await expect(document).toHaveAttribute('href', /\/api\/documents\/\d+\/content$/);
  const download = page.waitForEvent('download');
  await document.click();
  expect(fs.readFileSync(await (await download).path(), 'latin1')).toMatch(/^%PDF-1\.4/);

  // Two communes of the Erzgebirgskreis signed before: this is the third.
  await expect(page.getByTestId('rank')).toHaveText('3. Kommune im Erzgebirgskreis mit einer Kooperationsvereinbarung (seit 14.03.2024).');
  await expect(timeline.getByRole('heading', { name: '14.03.2024 · Kooperationsvereinbarung unterzeichnet' })).toBeVisible();
  await expectAccessible(page, 'municipality page with agreement');
});

test('the event form starts and ends the coaching process in one step, and leads to the council form prefilled', async ({
  page,
  baseURL,
  signInAs,
}) => {
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    const person = await staff.post<{ id: number }>('/api/people', {
      ags: null,
      firstName: 'Cora',
      lastName: 'Coach',
      function: 'Coach (Institut)',
      legalBasis: 'public_task',
      purpose: 'Coach des Landespräventionsrates',
    });
    await staff.post('/api/coaches', { personId: person.id, region: 'Erzgebirge' });
  } finally {
    await staff.dispose();
  }
  await signInAs(LPR_STAFF);
  await page.goto(`/municipalities/${TOWN.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: TOWN.name })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Verlauf' });

  // Coaching started: the process is created with the event, checked by default; a missing coach is named.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Coaching begonnen' });
  await expect(page.getByRole('checkbox', { name: 'Coachingprozess dazu anlegen' })).toBeChecked();
  await field(page, 'Datum').fill('2024-04-02');
  await page.getByRole('button', { name: 'Ereignis und Datensatz speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Coach');
  await expect(field(page, 'Coach')).toHaveAttribute('aria-invalid', 'true');
  await field(page, 'Coach').selectOption({ label: 'Cora Coach (Erzgebirge)' });
  await field(page, 'Ziele des Coachings').fill('Präventionsrat aufbauen');
  await expectAccessible(page, 'event form with the coaching process');
  await page.getByRole('button', { name: 'Ereignis und Datensatz speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis und der Coachingprozess wurden erfasst.' })).toBeVisible();
  await expect(timeline.getByRole('heading', { name: '02.04.2024 · Coaching begonnen' })).toBeVisible();

  // Coaching ended: the running process is ended with the event.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Coaching beendet' });
  const end = page.getByRole('checkbox', { name: /Laufenden Coachingprozess \(seit 02\.04\.2024, Cora Coach\) damit beenden/ });
  await expect(end).toBeChecked();
  await field(page, 'Datum').fill('2024-09-30');
  await field(page, 'Abschlussbericht').fill('Der Rat arbeitet selbstständig.');
  await page.getByRole('button', { name: 'Ereignis und Datensatz speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde erfasst und der Coachingprozess beendet.' })).toBeVisible();
  await expect(timeline.getByRole('heading', { name: '30.09.2024 · Coaching beendet' })).toBeVisible();

  // The council has a form of its own: the event form leads there with the municipality and the date.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Kommunaler Präventionsrat konstituiert' });
  await field(page, 'Datum').fill('2024-05-06');
  await page.getByRole('link', { name: 'Weiter zum Formular des Präventionsrats' }).click();
  await expect(page).toHaveURL(/\/councils\/new\?/);
  await expect(field(page, 'Datum der konstituierenden Sitzung')).toHaveValue('2024-05-06');

  // The coaching list shows the process as a record, ended, not as a historic row.
  await page.goto('/coaching');
  const row = dataRows(page, 'Coaching-Prozesse').filter({ hasText: TOWN.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Cora Coach');
  await expect(row).not.toContainText('Historisch');
});

test('the event form leads to the security analysis form with the municipality filled in; started there, it records the event', async ({
  page,
  signInAs,
}) => {
  const STARTED = '2024-04-10';
  await signInAs(LPR_STAFF);
  await page.goto(`/municipalities/${TOWN.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: TOWN.name })).toBeVisible();

  // An analysis needs more than the event form holds: the form offers the analysis's own form instead of saving.
  await field(page, 'Art des Ereignisses').selectOption({ label: 'Sicherheitsanalyse begonnen' });
  await expect(page.getByRole('checkbox', { name: 'Sicherheitsanalyse dazu erfassen' })).toBeChecked();
  await field(page, 'Datum').fill(STARTED);
  await expect(page.getByText('Die Kommune ist im Formular schon eingetragen')).toBeVisible();
  await expectAccessible(page, 'event form leading to the security analysis form');
  await page.getByRole('link', { name: 'Weiter zum Formular der Sicherheitsanalyse' }).click();

  // The analysis form arrives with the municipality chosen and the event's date as the planned start;
  // only the contractor is left to give.
  await expect(page).toHaveURL(new RegExp(`/security-analyses\\?ags=${TOWN.ags}&plannedStart=${STARTED}#sa-create$`));
  const form = page.getByRole('region', { name: 'Neue Sicherheitsanalyse' });
  await expect(form.getByRole('combobox', { name: 'Kommune', exact: true })).toHaveValue(`${TOWN.name} (${TOWN.ags})`);
  await expect(field(form, 'Geplanter Beginn')).toHaveValue(STARTED);
  await expectAccessible(page, 'security analysis form prefilled from the event form');
  await field(form, 'Auftragnehmer').fill('Forschungsgruppe Kommunale Sicherheit');
  await form.getByRole('button', { name: 'Analyse anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Sicherheitsanalyse ${TOWN.name}` })).toBeVisible();
  await expect(page.getByText('Stand: geplant')).toBeVisible();

  // Started on its page with the event's date, the analysis records the event in the municipality's history.
  await field(page, 'Datum').fill(STARTED);
  await page.getByRole('button', { name: 'Analyse beginnen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Analyse wurde begonnen' })).toBeVisible();
  await page.goto(`/municipalities/${TOWN.ags}`);
  await expect(
    page
      .getByRole('region', { name: 'Verlauf' })
      .getByRole('heading', { name: `${formatDate(STARTED, 'de')} · Sicherheitsanalyse begonnen` }),
  ).toHaveCount(1);
});

test('the dashboard for that date counts the municipality, and the map colours it', async ({ page, baseURL, signInAs }) => {
  await signUpTown(baseURL);
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Übersicht');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expect(page).toHaveTitle('Übersicht – Praevis');

  // The day before the signing: the seeded two agreements; on the day: three.
  await field(page, 'Stichtag').fill(DATES.dayBefore);
  await expect(page.getByRole('heading', { level: 2, name: 'Landesweit am 13.03.2024' })).toBeVisible();
  await expect(figure(page, 'agreementsInForce')).toHaveText('2');
  await field(page, 'Stichtag').fill(DATES.signed);
  await expect(page).toHaveURL(/at=2024-03-14/);
  await expect(page.getByRole('heading', { level: 2, name: 'Landesweit am 14.03.2024' })).toBeVisible();
  await expect(figure(page, 'agreementsInForce')).toHaveText('3');
  // Dresden's coaching without an agreement is no collaboration (decision 005).
  await expect(figure(page, 'inCollaboration')).toHaveText('3');
  await expect(figure(page, 'advised')).toHaveText('4');
  await expect(figure(page, 'municipalities')).toHaveText(String(SAXON_MUNICIPALITIES));
  await expect(page.getByTestId('fact-box')).toContainText('Stand 14. März 2024');
  await expect(page.getByTestId('fact-box')).toContainText(
    'Stand 14. März 2024: 3 Kooperationsvereinbarungen sind mit 3 Kommunen in Kraft.',
  );
  await expect(page.getByRole('button', { name: 'Text kopieren' })).toBeVisible();

  const districts = page.getByRole('table', { name: 'Kennzahlen nach Kreisen am 14.03.2024' });
  await expect(districts.getByRole('row', { name: /^Erzgebirgskreis/ })).toContainText('59');

  // The map: an image with a name and a text summary; the town's shape has the agreement colour.
  const map = page.getByRole('img', { name: 'Karte der Kommunen, eingefärbt nach ihrem Status am 14.03.2024' });
  await expect(map).toBeVisible();
  await expect(
    page.getByText(`3 von ${SAXON_MUNICIPALITIES} Kommunen in Zusammenarbeit am 14.03.2024, davon 3 mit Kooperationsvereinbarung.`),
  ).toBeVisible();
  const shape = map.locator(`path[data-ags="${TOWN.ags}"]`);
  await expect(shape).toHaveAttribute('data-category', 'agreement');
  await expect(shape).toHaveAttribute('fill', COLLABORATION_COLOUR);
  await expect(map.locator(`path[data-ags="${MUNICIPALITIES.dresden.ags}"]`)).toHaveAttribute('data-category', 'collaboration');
  await expect(page.getByText('© GeoBasis-DE / BKG 2021 (Daten verändert)')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Legende' }).getByRole('listitem')).toHaveCount(8);

  // The table alternative lists every municipality with its status in words.
  await page.getByText(`Alle ${SAXON_MUNICIPALITIES} Kommunen mit Status als Tabelle`).click();
  const table = page.getByRole('table', { name: 'Kommunen und ihr Status am 14.03.2024' });
  await expect(dataRows(page, 'Kommunen und ihr Status am 14.03.2024')).toHaveCount(SAXON_MUNICIPALITIES);
  const row = table.getByRole('row', { name: new RegExp(`^${TOWN.name}`) });
  await expect(row).toContainText('Kooperationsvereinbarung');
  await expect(row.getByRole('link', { name: TOWN.name })).toBeVisible();

  // The chart has a name, a one-sentence summary and its values as a table.
  await expect(page.getByRole('img', { name: 'Liniendiagramm: monatliche Entwicklung der Kennzahlen bis 14.03.2024' })).toBeVisible();
  await expect(page.getByText(/stieg die Zahl der Kommunen in Zusammenarbeit von 0 auf 3/)).toBeVisible();
  await expectAccessible(page, 'dashboard');

  // Every table exports; the district CSV holds the district's row at the date.
  const csv = page.getByRole('link', { name: 'Nach Kreisen als CSV herunterladen' });
  await expect(csv).toHaveAttribute('href', /table=districts&format=csv&at=2024-03-14/);
  const download = page.waitForEvent('download');
  await csv.click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  expect(text).toMatch(/^\ufeff?Stichtag[,;]Kreisschlüssel/);
  expect(text).toMatch(/2024-03-14[,;]14521[,;]Erzgebirgskreis/);
  await expect(page.getByRole('link', { name: 'Nach Polizeidirektionen als XLSX herunterladen' })).toHaveAttribute(
    'href',
    /table=directorates&format=xlsx/,
  );
});

test('the municipality list filters by district and status, sorts by rank and says when nothing matches', async ({
  page,
  baseURL,
  signInAs,
}) => {
  await signUpTown(baseURL);
  await signInAs(LPR_STAFF);
  await page.goto('/municipalities');
  const rows = dataRows(page, 'Kommunen');
  await expect(rows).toHaveCount(25);
  await expect(page.getByText(`1–25 von ${SAXON_MUNICIPALITIES}`)).toBeVisible();
  await field(page, 'Kreis').selectOption({ label: 'Erzgebirgskreis' });
  await field(page, 'Status').selectOption({ label: 'Kooperationsvereinbarung' });
  await expect(rows).toHaveCount(3);
  const rank = page.getByRole('columnheader', { name: 'Nach Rang im Kreis sortieren' });
  await rank.getByRole('button').click();
  await expect(rank).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.nth(0)).toContainText(MUNICIPALITIES.amtsberg.name);
  await expect(rows.nth(2)).toContainText(TOWN.name);
  await expect(rows.nth(2)).toContainText('3.');
  await expectAccessible(page, 'municipality list filtered');

  await field(page, 'Kommune suchen').fill('Gibt es nicht');
  await expect(page.getByText('Keine Kommune passt zu den Filtern.')).toBeVisible();
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(rows).toHaveCount(25);
  await expect(page.getByRole('link', { name: 'Liste aller Kommunen als XLSX herunterladen' })).toHaveAttribute(
    'href',
    /table=municipalities&format=xlsx/,
  );
});

test('a mistaken event is corrected and another cancelled, each with a reason; both stay in the timeline', async ({
  page,
  baseURL,
  signInAs,
}) => {
  await signUpTown(baseURL, { consultationOnly: true });
  await signInAs(LPR_STAFF);
  await page.goto(`/municipalities/${TOWN.ags}`);
  const timeline = page.getByRole('region', { name: 'Verlauf' });

  await page.getByRole('button', { name: 'Berichtigen: Beratung vom 15.01.2024' }).click();
  const correct = page.getByRole('dialog', { name: 'Ereignis berichtigen' });
  await expect(correct).toBeVisible();
  await field(correct, 'Datum').fill('2024-01-16');
  await correct.getByRole('button', { name: 'Berichtigung speichern' }).click();
  await expect(correct.getByRole('alert')).toContainText('Grund');
  await expect(correct.getByRole('textbox', { name: /^Grund/ })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'correction dialog with error');
  await correct.getByRole('textbox', { name: /^Grund/ }).fill('Termin war am 16. Januar.');
  await correct.getByRole('button', { name: 'Berichtigung speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde berichtigt.' })).toBeVisible();
  const old = timeline.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '15.01.2024 · Beratung' }) });
  await expect(old).toContainText('Berichtigt');
  await expect(old).toContainText('Grund: Termin war am 16. Januar.');
  await expect(timeline.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '16.01.2024 · Beratung' }) })).toContainText(
    'Berichtigung',
  );

  await field(page, 'Art des Ereignisses').selectOption({ label: 'Präventionsstrategie beschlossen' });
  await field(page, 'Datum').fill('2024-03-20');
  await page.getByRole('button', { name: 'Ereignis speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde erfasst.' })).toBeVisible();
  await page.getByRole('button', { name: 'Stornieren: Präventionsstrategie beschlossen vom 20.03.2024' }).click();
  const cancel = page.getByRole('dialog', { name: 'Ereignis stornieren?' });
  await cancel.getByRole('textbox', { name: /^Grund/ }).fill('Beschluss wurde vertagt.');
  await cancel.getByRole('button', { name: 'Ereignis stornieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Ereignis wurde storniert.' })).toBeVisible();
  const cancelled = timeline
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: '20.03.2024 · Präventionsstrategie beschlossen' }) });
  await expect(cancelled).toContainText('Storniert');
  await expect(cancelled).toContainText('Grund: Beschluss wurde vertagt.');
  await expect(cancelled.getByRole('button', { name: /Stornieren/ })).toHaveCount(0);
  await expectAccessible(page, 'timeline with corrected and cancelled events');
});

test('the admin previews imports; a broken file is refused with its line', async ({ page, signInAs }) => {
  await signInAs(ADMIN);
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.admin]);
  await goToSection(page, 'Import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expectAccessible(page, 'import page');

  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(page.getByRole('alert')).toContainText('Datei: Bitte ausfüllen.');
  await expect(field(page, 'Datei')).toHaveAttribute('aria-invalid', 'true');

  // The real directory again: the preview says nothing would change.
  await field(page, 'Datei').setInputFiles(REAL_FILES.gv100ad);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const preview = page.getByRole('region', { name: 'Vorschau der Änderungen' });
  await expect(preview).toContainText('Vorschau – noch nichts gespeichert');
  await expect(preview).toContainText(`${SAXON_MUNICIPALITIES} Gemeinden in der Datei`);
  await expect(preview.getByRole('term').filter({ hasText: 'Unverändert' })).toBeVisible();
  await expect(page.getByText(/es gibt nichts zu importieren/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importieren' })).toHaveCount(0);
  await expectAccessible(page, 'import preview');

  // The police directorates: a preview lists them.
  await page.getByRole('radio', { name: 'Polizeidirektionen (CSV)' }).check();
  await field(page, 'Datei').setInputFiles(REAL_FILES.directorates);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(page.getByRole('region', { name: 'Vorschau der Änderungen' })).toContainText('5 Polizeidirektionen');

  // A truncated GV100AD line: refused, with the line named.
  await page.getByRole('radio', { name: 'Gemeindeverzeichnis (Destatis GV100AD)' }).check();
  const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-gv-')), 'kaputt.ASC');
  fs.writeFileSync(broken, '6020211130145210100010Amtsberg\r\n');
  await field(page, 'Datei').setInputFiles(broken);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(page.getByRole('alert')).toContainText('es wurde nichts importiert');
  const errors = page.getByRole('table', { name: 'Fehler in der Datei' });
  await expect(errors.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(page.getByRole('region', { name: 'Vorschau der Änderungen' })).toHaveCount(0);
  await expectAccessible(page, 'import refused');
});

test('the public page shows the figures only after an admin published it', async ({ page, browser, baseURL, signInAs }) => {
  await signUpTown(baseURL);
  const visitor = await (await browser.newContext({ locale: 'de-DE', baseURL })).newPage();
  // The public page runs on Preact (decision 040): nothing it does may fail in the console.
  const errors: string[] = [];
  visitor.on('console', (msg) => void (msg.type() === 'error' && errors.push(`${visitor.url()}: ${msg.text()}`)));
  visitor.on('pageerror', (error) => errors.push(`${visitor.url()}: ${error.message}`));
  await visitor.goto('/login');
  await visitor.getByRole('link', { name: 'Öffentliche Übersicht der Allianz' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'Noch nicht veröffentlicht' })).toBeVisible();
  await expectAccessible(visitor, 'public page, not published');

  await signInAs(ADMIN);
  await page.goto('/dashboard');
  const setting = page.getByRole('region', { name: 'Öffentliche Seite' });
  await expect(setting).toContainText('nicht veröffentlicht');
  await setting.getByRole('button', { name: 'Öffentliche Seite veröffentlichen' }).click();
  const confirm = page.getByRole('dialog', { name: 'Öffentliche Seite veröffentlichen?' });
  await expectAccessible(page, 'confirm publishing');
  await confirm.getByRole('button', { name: 'Öffentliche Seite veröffentlichen' }).click();
  await expect(setting.getByText('veröffentlicht', { exact: true })).toBeVisible();

  await visitor.goto(`/oeffentlich?at=${DATES.signed}`);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Allianz Sichere Sächsische Kommunen' })).toBeVisible();
  await expect(figure(visitor, 'inCollaboration')).toHaveText('3');
  await expect(visitor.getByTestId('fact-box')).toContainText('Stand 14. März 2024');
  const map = visitor.getByRole('img', { name: 'Karte der Kommunen, eingefärbt nach ihrem Status am 14.03.2024' });
  await expect(map.locator(`path[data-ags="${TOWN.ags}"]`)).toHaveAttribute('data-category', 'agreement');
  await visitor.getByText(`Alle ${SAXON_MUNICIPALITIES} Kommunen mit Status als Tabelle`).click();
  const row = visitor
    .getByRole('table', { name: 'Kommunen und ihr Status am 14.03.2024' })
    .getByRole('row', { name: new RegExp(`^${TOWN.name}`) });
  await expect(row).toContainText('Kooperationsvereinbarung');
  // No sign-in, no records: names are not links, and there are no downloads.
  await expect(row.getByRole('link')).toHaveCount(0);
  await expect(visitor.getByRole('link', { name: /herunterladen/ })).toHaveCount(0);
  await expectAccessible(visitor, 'public page, published');

  // Every figure drills down to the public page's own list of what it counts: as many rows as the figure.
  // The fact box names the pre-agreements only when there are any.
  const pre = await figure(visitor, 'preAgreements').innerText();
  await expect(visitor.getByTestId('fact-box-figures').getByRole('link')).toHaveCount(pre === '0' ? 7 : 8);
  await figure(visitor, 'inCollaboration').getByRole('link', { name: '3 – Liste: Kommunen in Zusammenarbeit' }).click();
  await expect(visitor).toHaveURL(/\/oeffentlich\?at=2024-03-14&figure=inCollaboration#figure-rows$/);
  const list = visitor.getByTestId('figure-rows');
  await expect(list.getByRole('heading', { name: 'Kommunen in Zusammenarbeit am 14.03.2024' })).toBeFocused();
  const listed = list
    .getByRole('table')
    .getByRole('row')
    .filter({ has: visitor.getByRole('cell') });
  await expect(listed).toHaveCount(3);
  await expect(list.getByRole('table')).toContainText(TOWN.name);
  await expectAccessible(visitor, 'public page, the list of a figure');
  await list.getByRole('button', { name: 'Liste schließen' }).click();
  await expect(visitor.getByTestId('figure-rows')).toHaveCount(0);

  // The language switch: the page's texts and the map's name in English, the figures unchanged.
  await visitor.getByRole('button', { name: 'English', exact: true }).click();
  await expect(visitor.getByRole('button', { name: 'Deutsch', exact: true })).toBeVisible();
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'en');
  await expect(visitor.getByRole('img', { name: /^Map of the municipalities, coloured by their status on / })).toBeVisible();
  await expect(figure(visitor, 'inCollaboration')).toHaveText('3');
  expect(errors, 'console errors').toEqual([]);
  await visitor.context().close();
});

test('the ministry sees the figures but no municipality records', async ({ page, signInAs }) => {
  await signInAs(MINISTRY);
  expect(await navigationLinks(page)).toEqual([...NAVIGATION.ministry]);
  await goToSection(page, 'Übersicht');
  await expect(figure(page, 'municipalities')).toHaveText(String(SAXON_MUNICIPALITIES));
  await expect(page.getByRole('region', { name: 'Öffentliche Seite' })).toHaveCount(0);
  await page.getByText(`Alle ${SAXON_MUNICIPALITIES} Kommunen mit Status als Tabelle`).click();
  await expect(page.getByRole('table', { name: /^Kommunen und ihr Status/ }).getByRole('link')).toHaveCount(0);
  await expectAccessible(page, 'dashboard (ministry)');
  await page.goto(`/municipalities/${TOWN.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
});

test('at 375 px the dashboard and the municipality page fit the screen', async ({ page, baseURL, signInAs }) => {
  await signUpTown(baseURL);
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(LPR_STAFF);
  for (const [url, heading] of [
    [`/dashboard?at=${DATES.signed}`, 'Übersicht'],
    [`/municipalities/${TOWN.ags}`, TOWN.name],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${heading} at 375 px`);
  }
});
