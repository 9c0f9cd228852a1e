import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection } from './helpers.ts';
import { LPR_STAFF } from './support/accounts.ts';
import { ensurePks2022, PKS_FILE, requirePksFile } from './support/pks.ts';

// Council staff import the BKA's table T01 for 2022 and read the districts overview (map with its
// table alternative) and the Erzgebirgskreis page (figures, charts, offences). The reading tests
// import the same file through the API first unless the year is already there.
test.describe.configure({ timeout: 300_000 });

const ATTRIBUTION = 'Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022';
const SAXON_DISTRICTS = 13;

/** A count of the import report (rows, districts, …). */
const count = (page: Page, key: string) => page.locator(`[data-count="${key}"] dd`);
/** A key figure of the district page. */
const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] dd`);

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

test('council staff upload the PKS table T01, check the preview and import it', async ({ page, signInAs }) => {
  requirePksFile();
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Kriminalstatistik');
  await expect(page.getByRole('heading', { level: 1, name: 'Kriminalstatistik' })).toBeVisible();
  await page.getByRole('link', { name: 'PKS-Datei importieren' }).first().click();

  await expect(page.getByRole('heading', { level: 1, name: 'PKS-Import' })).toBeVisible();
  await expect(page).toHaveTitle('PKS-Import – Praevis');
  await expectAccessible(page, 'PKS import page');

  // Nothing chosen: the errors stand in an announced summary and at the fields.
  await field(page, 'Berichtsjahr').fill('');
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' });
  await expect(alert).toContainText('Datei (CSV, Tabelle T01 je Kreis): Bitte ausfüllen.');
  await expect(alert).toContainText('Berichtsjahr: Bitte ausfüllen.');
  await expect(field(page, 'Datei (CSV, Tabelle T01 je Kreis)')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'Berichtsjahr')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'PKS import with errors');

  // A year the file contradicts: the server refuses it, at the file field.
  await field(page, 'Datei (CSV, Tabelle T01 je Kreis)').setInputFiles(PKS_FILE);
  await field(page, 'Berichtsjahr').fill('2021');
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(page.getByRole('alert')).toContainText('Der Dateiname nennt das Jahr 2022, angegeben ist 2021.');
  await expect(field(page, 'Datei (CSV, Tabelle T01 je Kreis)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Importieren' })).toHaveCount(0);

  // The right year: the preview counts 400 districts × 41 keys and lists the warnings.
  await field(page, 'Berichtsjahr').fill('2022');
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const preview = page.getByRole('region', { name: 'Vorschau' });
  await expect(preview).toContainText('Noch nicht gespeichert');
  await expect(count(page, 'districts')).toHaveText('400');
  await expect(count(page, 'offenceKeys')).toHaveText('41');
  await expect(count(page, 'rows')).toHaveText('16.400');
  await expect(count(page, 'districtsInDirectory')).toHaveText(String(SAXON_DISTRICTS));
  await expect(preview).toContainText('Kodierung WINDOWS-1252, Jahr 2022 (aus dem Dateinamen)');
  await preview.getByText(/^Warnungen \(\d+\)$/).click();
  await expect(preview.getByRole('table', { name: 'Warnungen zur Datei' }).getByRole('row').nth(1)).toContainText(
    'Mehr aufgeklärte als erfasste Fälle.',
  );
  await expect(preview).toContainText(ATTRIBUTION);
  await expectAccessible(page, 'PKS import preview');

  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Import ist abgeschlossen.' })).toBeVisible();
  const result = page.getByRole('region', { name: 'Ergebnis des Imports' });
  await expect(result).toContainText('Die Zahlen des Jahres 2022 sind importiert.');
  await expect(result.locator('[data-count="districts"] dd')).toHaveText('400');
  await expectAccessible(page, 'PKS import result');
});

test('the overview shows the districts on a map with a sortable table; a name opens the district', async ({ page, signInAs }) => {
  requirePksFile();
  await ensurePks2022();
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Kriminalstatistik');
  await expect(page.getByRole('heading', { level: 1, name: 'Kriminalstatistik' })).toBeVisible();
  await expect(page).toHaveTitle('Kriminalstatistik – Praevis');
  await expect(field(page, 'Berichtsjahr')).toHaveValue('2022');
  await expect(field(page, 'Straftatengruppe')).toHaveValue('------');

  // The map: one image with a name and a description, a shape per district, a legend in words.
  const map = page.getByRole('img', { name: 'Karte der Kreise, eingefärbt nach der Häufigkeitszahl: Straftaten insgesamt 2022' });
  await expect(map).toBeVisible();
  await expect(map).toHaveAccessibleDescription(/Im Land liegt die Häufigkeitszahl bei 6\.594 Fällen je 100\.000 Einwohner/);
  await expect(map.locator('path[data-ags]')).toHaveCount(SAXON_DISTRICTS);
  await expect(map.locator('path[data-ags="14521"]')).toHaveAttribute('data-class', '0');
  await expect(map.locator('path[data-ags="14713"]')).toHaveAttribute('data-class', '4');
  await expect(page.getByRole('list', { name: /^Legende: Häufigkeitszahl/ }).getByRole('listitem')).toHaveCount(5);
  await expect(page.getByText(ATTRIBUTION).first()).toBeVisible();

  // The table alternative: every district with cases, HZ, clearance rate, change and rank.
  const caption = 'Kreise: Straftaten insgesamt 2022';
  const rows = dataRows(page, caption);
  await expect(rows).toHaveCount(SAXON_DISTRICTS);
  const chemnitz = rows.filter({ has: page.getByRole('link', { name: 'Chemnitz' }) });
  await expect(chemnitz).toContainText('20.084');
  await expect(chemnitz).toContainText('8.261');
  await expect(rows.first()).toContainText('Leipzig (kreisfreie Stadt)');
  await expect(rows.last()).toContainText('Erzgebirgskreis');
  await expectAccessible(page, 'crime statistics overview');

  // Sorting works by keyboard and is announced through aria-sort.
  const byHz = page.getByRole('button', { name: 'Nach Häufigkeitszahl sortieren' });
  await byHz.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Häufigkeitszahl/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('Erzgebirgskreis');

  // Exports of the same selection.
  await expect(page.getByRole('link', { name: 'Zahlen je Kreis als CSV herunterladen' })).toHaveAttribute(
    'href',
    '/api/crime-stats/export?level=districts&format=csv&year=2022&offence=------',
  );
  await expect(page.getByRole('link', { name: 'Zahlen je Kreis als XLSX herunterladen' })).toHaveAttribute('href', /format=xlsx/);

  // Violent crime: the summary keys come first in the choice.
  await field(page, 'Straftatengruppe').selectOption('892000');
  await expect(page).toHaveURL(/offence=892000/);
  await expect(dataRows(page, 'Kreise: Gewaltkriminalität 2022')).toHaveCount(SAXON_DISTRICTS);
  await expect(page.getByRole('img', { name: /Gewaltkriminalität 2022$/ })).toBeVisible();
  await field(page, 'Straftatengruppe').selectOption('------');

  await rows
    .filter({ has: page.getByRole('link', { name: 'Erzgebirgskreis' }) })
    .getByRole('link', { name: 'Erzgebirgskreis' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Erzgebirgskreis' })).toBeVisible();
  await expect(page).toHaveURL(/\/crime-stats\/districts\/14521$/);
});

test('the Erzgebirgskreis page shows its figures, charts with text alternatives and every offence', async ({ page, signInAs }) => {
  requirePksFile();
  await ensurePks2022();
  await signInAs(LPR_STAFF);
  await page.goto('/crime-stats/districts/14521');
  await expect(page.getByRole('heading', { level: 1, name: 'Erzgebirgskreis' })).toBeVisible();
  await expect(page).toHaveTitle('Erzgebirgskreis – Praevis');

  await expect(page.getByRole('heading', { level: 2, name: 'Kennzahlen 2022: Straftaten insgesamt' })).toBeVisible();
  await expect(figure(page, 'cases')).toHaveText('10.057');
  await expect(figure(page, 'hz')).toContainText('3.060');
  await expect(figure(page, 'clearanceRate')).toHaveText('64,8 %');
  await expect(figure(page, 'rank')).toContainText('13 von 13');
  await expect(figure(page, 'stateHz')).toHaveText('6.594');
  await expect(page.getByText(ATTRIBUTION).first()).toBeVisible();

  // The time series: a named chart, described by its summary, and its data as a table.
  const series = page.getByRole('img', { name: 'Liniendiagramm der Häufigkeitszahl je Jahr: Erzgebirgskreis, Land und Deutschland' });
  await expect(series).toBeVisible();
  await expect(series.locator('svg')).toBeVisible();
  await expect(series).toHaveAccessibleDescription(/Häufigkeitszahl 3\.060 im Jahr 2022; im Land 6\.594, in Deutschland 6\.596/);
  await page.getByText('Daten des Diagramms als Tabelle').click();
  const seriesRows = dataRows(page, 'Häufigkeitszahl je Jahr: Erzgebirgskreis, Land, Deutschland');
  await expect(seriesRows).toHaveCount(1);
  await expect(seriesRows.first()).toContainText('2022');
  await expect(seriesRows.first()).toContainText('3.060');

  // The comparison bars with the state's districts, and their table.
  const bars = page.getByRole('img', { name: /^Balkendiagramm der Häufigkeitszahl aller Kreise des Landes 2022/ });
  await expect(bars).toBeVisible();
  await expect(bars).toHaveAccessibleDescription(/Erzgebirgskreis hat mit 3\.060 die 13\. höchste Häufigkeitszahl von 13 Kreisen/);
  await page.getByText('Daten des Vergleichs als Tabelle').click();
  await expect(dataRows(page, 'Häufigkeitszahl der Kreise des Landes 2022')).toHaveCount(SAXON_DISTRICTS);

  // Every offence key of the latest year.
  const offences = dataRows(page, 'Straftaten in Erzgebirgskreis 2022');
  await expect(offences).toHaveCount(41);
  await expect(offences.filter({ hasText: '892000' })).toContainText('Gewaltkriminalität');
  await expectAccessible(page, 'Erzgebirgskreis page');

  // Another offence group from the table.
  await offences.filter({ hasText: '892000' }).getByRole('link', { name: 'Gewaltkriminalität' }).click();
  await expect(page).toHaveURL(/offence=892000/);
  await expect(page.getByRole('heading', { level: 2, name: 'Kennzahlen 2022: Gewaltkriminalität' })).toBeVisible();
  await expect(field(page, 'Straftatengruppe')).toHaveValue('892000');
});

test('at 375 px the overview and the district page fit the screen', async ({ page, signInAs }) => {
  requirePksFile();
  await ensurePks2022();
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(LPR_STAFF);
  await page.goto('/crime-stats');
  await expect(page.getByRole('img', { name: /^Karte der Kreise/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'crime statistics overview at 375 px');
  await page.goto('/crime-stats/districts/14521');
  await expect(page.getByRole('img', { name: /^Liniendiagramm/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'Erzgebirgskreis page at 375 px');
});
