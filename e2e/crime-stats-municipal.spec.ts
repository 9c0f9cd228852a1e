import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection } from './helpers.ts';
import { ADMIN, LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { type Api, apiAs, uniqueTag } from './support/api.ts';

// An admin imports municipality figures of the state police (a CSV built here, with one name that
// matches no municipality and is assigned by hand), saving the column mapping; the municipality
// page, the district's list and the map show them; council staff change which fields of action an
// offence key feeds. The reading tests import the same file through the API first: an import
// replaces the years of its source, so the figures are the same whichever test imported last.
test.describe.configure({ timeout: 300_000 });

const repoRoot = path.resolve(import.meta.dirname, '..');
const PKS_FILE = path.resolve(repoRoot, '../shared/data/pks/BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv');
const ANNABERG = MUNICIPALITIES.annaberg;
const SOURCE = 'Landeskriminalamt Sachsen';
const SOURCE_CHANGED = 'Landeskriminalamt Sachsen (LKA)';
const UNKNOWN_NAME = 'Amtsberg OT Dittersdorf';

// As the state police deliver it: a title line, the header, then the rows (ISO-8859-1, `.` as thousands separator).
const MUNICIPAL_CSV = Buffer.from(
  [
    'Polizeiliche Kriminalstatistik Sachsen – Fallzahlen der Gemeinden',
    'Berichtsjahr;Gemeinde;Straftatenschlüssel;erfasste Fälle;aufgeklärte Fälle;Tatverdächtige insgesamt',
    '2021;Annaberg-Buchholz;------;1.180;650;540',
    '2022;Annaberg-Buchholz;------;1.234;700;600',
    '2022;Aue-Bad Schlema;------;1.100;600;500',
    '2022;Annaberg-Buchholz;674000;120;30;28',
    `2022;${UNKNOWN_NAME};------;310;170;140`,
  ].join('\r\n'),
  'latin1',
);

/** Outside CI a missing file skips; with CI=true it fails the test. */
function requirePksFile(): void {
  if (fs.existsSync(PKS_FILE)) return;
  if (process.env.CI === 'true') throw new Error(`${PKS_FILE} fehlt / missing: CI=true, so the test must not be skipped.`);
  test.skip(true, `${PKS_FILE} fehlt / missing (../shared/data)`);
}

/** A write to the API as the signed-in user of the page (another editor, behind the page's back). */
async function apiWrite(page: Page, method: 'PUT' | 'POST', url: string, data: unknown) {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'X-CSRF-Token': session.csrfToken } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/** What the file's columns are, as the import page suggests them. */
const COLUMNS = {
  municipalityName: 'Gemeinde',
  offenceKey: 'Straftatenschlüssel',
  year: 'Berichtsjahr',
  cases: 'erfasste Fälle',
  cleared: 'aufgeklärte Fälle',
  suspects: 'Tatverdächtige insgesamt',
};

/** Through the API: the district figures of 2022 (the comparison of the municipality pages and the offence catalogue), unless there in full. */
async function importDistrictFigures(api: Api): Promise<void> {
  const years = await api.get<{ district: { year: number; rows: number }[] }>('/api/crime-stats/years');
  if (years.district.some((y) => y.year === 2022 && y.rows === 16_400)) return;
  const pks = { name: path.basename(PKS_FILE), mimeType: 'text/csv', buffer: fs.readFileSync(PKS_FILE) };
  await api.upload('/api/admin/imports/pks?year=2022&dryRun=false', pks);
}

/**
 * Through the API, as an admin: the district figures of 2022, and the municipality figures of
 * MUNICIPAL_CSV under the source the import test ends with, through a mapping of this test's own.
 */
async function importFigures(): Promise<void> {
  const api = await apiAs(ADMIN);
  try {
    await importDistrictFigures(api);
    const mapping = await api.post<{ id: number }>('/api/crime-stats/mappings', {
      name: `LKA Sachsen Gemeinden ${uniqueTag()}`,
      sourceLabel: SOURCE_CHANGED,
      columns: COLUMNS,
      assignments: { [UNKNOWN_NAME]: MUNICIPALITIES.amtsberg.ags },
    });
    const file = { name: 'lka-gemeinden-2022.csv', mimeType: 'text/csv', buffer: MUNICIPAL_CSV };
    const report = await api.upload<{ rows: number }>(`/api/admin/imports/crime-municipal?mappingId=${mapping.id}&dryRun=false`, file);
    expect(report.rows, 'rows of the municipal import').toBe(5);
  } finally {
    await api.dispose();
  }
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

const de = (n: number) => new Intl.NumberFormat('de-DE').format(n);
const count = (page: Page, key: string) => page.locator(`[data-count="${key}"] dd`);
const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] dd`);

test('an admin imports municipality figures: maps the columns, saves the mapping, assigns an unknown name, commits', async ({
  page,
  signInAs,
}) => {
  requirePksFile();
  const mappingName = `LKA Sachsen Gemeinden ${uniqueTag()}`;
  await signInAs(ADMIN);
  await goToSection(page, 'Kriminalstatistik');
  await page.getByRole('link', { name: 'Gemeindezahlen importieren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import von Gemeindezahlen' })).toBeVisible();
  await expect(page).toHaveTitle('Import von Gemeindezahlen – Praevis');
  await expectAccessible(page, 'municipal import page');

  // No file: the error stands in an announced summary and at the field.
  await page.getByRole('button', { name: 'Spalten lesen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toContainText(
    'Datei (XLSX oder CSV mit Gemeindezahlen): Bitte ausfüllen.',
  );
  await expect(field(page, 'Datei (XLSX oder CSV mit Gemeindezahlen)')).toHaveAttribute('aria-invalid', 'true');

  // The file's columns: the header below the title is found, the fields are suggested from its names.
  await field(page, 'Datei (XLSX oder CSV mit Gemeindezahlen)').setInputFiles({
    name: 'lka-gemeinden-2022.csv',
    mimeType: 'text/csv',
    buffer: MUNICIPAL_CSV,
  });
  await page.getByRole('button', { name: 'Spalten lesen' }).click();
  await expect(page.getByTestId('file-columns')).toContainText('Kopfzeile in Zeile 2 mit 6 Spalten, darunter 5 Datenzeilen.');
  await expect(page.getByTestId('file-columns')).toContainText('CSV, Kodierung WINDOWS-1252, Trennzeichen „;“.');
  await expect(field(page, 'Spalte: Gemeindename')).toHaveValue('Gemeinde');
  await expect(field(page, 'Spalte: Straftatenschlüssel')).toHaveValue('Straftatenschlüssel');
  await expect(field(page, 'Spalte: Jahr')).toHaveValue('Berichtsjahr');
  await expect(field(page, 'Spalte: Erfasste Fälle')).toHaveValue('erfasste Fälle');
  await expect(field(page, 'Spalte: Aufgeklärte Fälle')).toHaveValue('aufgeklärte Fälle');
  await expect(field(page, 'Spalte: Tatverdächtige')).toHaveValue('Tatverdächtige insgesamt');
  await expect(field(page, 'Spalte: AGS (Gemeindeschlüssel)')).toHaveValue('');
  await page.getByText('Die ersten 5 Zeilen ansehen').click();
  await expect(dataRows(page, 'Erste Zeilen von lka-gemeinden-2022.csv')).toHaveCount(5);
  await expectAccessible(page, 'municipal import with the file read');

  // Saving needs a name and a source; the errors link to their fields.
  await page.getByRole('button', { name: 'Zuordnung speichern' }).click();
  const errors = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' });
  await expect(errors).toContainText('Name der Zuordnung: Bitte ausfüllen.');
  await expect(errors).toContainText('Quelle (Herausgeber der Zahlen): Bitte ausfüllen.');
  await errors.getByRole('link', { name: /^Name der Zuordnung/ }).click();
  await expect(field(page, 'Name der Zuordnung')).toBeFocused();
  await page.keyboard.type(mappingName);
  await field(page, 'Quelle (Herausgeber der Zahlen)').fill(SOURCE);
  await page.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Die Zuordnung „${mappingName}“ ist gespeichert (Version 1).` })).toBeVisible();
  await expect(field(page, 'Gespeicherte Zuordnung')).toHaveValue(/^\d+$/);

  // Someone else changes the mapping meanwhile: this page's change is refused with 409, shown clearly.
  const mappings = (await (await page.request.get('/api/crime-stats/mappings')).json()) as {
    id: number;
    name: string;
    version: number;
    columns: Record<string, string | null>;
  }[];
  const saved = mappings.find((m) => m.name === mappingName)!;
  await apiWrite(page, 'PUT', `/api/crime-stats/mappings/${saved.id}`, {
    version: saved.version,
    mapping: { name: mappingName, sourceLabel: SOURCE_CHANGED, columns: saved.columns },
  });
  await field(page, 'Spalte: Tatverdächtige').selectOption('');
  await page.getByRole('button', { name: 'Zuordnung speichern' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: `„${mappingName}“ wurde inzwischen geändert` });
  await expect(conflict).toContainText('Ihre Änderung ist nicht gespeichert.');
  await expectAccessible(page, 'municipal import with a conflict');
  await conflict.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await expect(field(page, 'Quelle (Herausgeber der Zahlen)')).toHaveValue(SOURCE_CHANGED);
  await expect(field(page, 'Spalte: Tatverdächtige')).toHaveValue('Tatverdächtige insgesamt');
  await expect(page.getByText(/^Version 2, zuletzt geändert/)).toBeVisible();

  // The preview: counts, and the name without a municipality.
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const preview = page.getByRole('region', { name: 'Vorschau', exact: true });
  await expect(preview).toContainText('Noch nicht gespeichert');
  await expect(count(page, 'rows')).toHaveText('4');
  await expect(count(page, 'municipalities')).toHaveText('2');
  await expect(count(page, 'unmatched')).toHaveText('1');
  await expect(preview).toContainText('Jahre 2021, 2022');
  await expectAccessible(page, 'municipal import preview');

  // Committing needs every name assigned.
  await page.getByRole('button', { name: 'Importieren' }).click();
  const assignLabel = `Gemeinde für „${UNKNOWN_NAME}“ (Zeile 7)`;
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' })).toContainText(
    `${assignLabel}: Bitte eine Gemeinde wählen.`,
  );

  // Assigned by keyboard: search by name, choose from the list.
  const chooser = page.getByRole('combobox', { name: assignLabel });
  await chooser.focus();
  await page.keyboard.type('Amtsb');
  await expect(page.getByRole('option', { name: `${MUNICIPALITIES.amtsberg.name} (${MUNICIPALITIES.amtsberg.ags})` })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chooser).toHaveValue(`${MUNICIPALITIES.amtsberg.name} (${MUNICIPALITIES.amtsberg.ags})`);

  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Import ist abgeschlossen.' })).toBeVisible();
  const result = page.getByRole('region', { name: 'Ergebnis des Imports' });
  await expect(result).toContainText('Die Gemeindezahlen der Jahre 2021, 2022 sind importiert.');
  await expect(result.locator('[data-count="rows"] dd')).toHaveText('5');
  await expect(result.locator('[data-count="municipalities"] dd')).toHaveText('3');
  await expect(result).toContainText(`Gemeindezahlen: ${SOURCE_CHANGED}`);
  await expectAccessible(page, 'municipal import result');

  // The assignment is kept with the mapping, for the next file.
  const after = (await (await page.request.get(`/api/crime-stats/mappings/${saved.id}`)).json()) as {
    version: number;
    assignments: Record<string, string>;
  };
  expect(after).toMatchObject({ version: 3, assignments: { [UNKNOWN_NAME]: MUNICIPALITIES.amtsberg.ags } });
});

test('the district lists its municipalities with figures; a municipality page shows figures, charts and tables', async ({
  page,
  signInAs,
}) => {
  requirePksFile();
  await importFigures();
  await signInAs(LPR_STAFF);
  await page.goto('/crime-stats/districts/14521');
  await expect(page.getByRole('heading', { level: 2, name: 'Gemeinden des Kreises mit Zahlen 2022' })).toBeVisible();
  const list = dataRows(page, 'Gemeinden in Erzgebirgskreis: Straftaten insgesamt 2022');
  await expect(list).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'Gemeindezahlen Erzgebirgskreis als CSV herunterladen' })).toHaveAttribute(
    'href',
    '/api/crime-stats/export?level=municipalities&format=csv&year=2022&offence=------&districtAgs=14521',
  );
  await expectAccessible(page, 'Erzgebirgskreis with its municipalities');
  await list.getByRole('link', { name: ANNABERG.name }).click();

  await expect(page).toHaveURL(new RegExp(`/crime-stats/municipalities/${ANNABERG.ags}$`));
  await expect(page.getByRole('heading', { level: 1, name: ANNABERG.name })).toBeVisible();
  await expect(page).toHaveTitle(`${ANNABERG.name} – Praevis`);
  await expect(page.getByRole('heading', { level: 2, name: 'Kennzahlen 2022: Straftaten insgesamt' })).toBeVisible();

  // HZ from the directory's population, the source stated beside it.
  const directory = (await (await page.request.get(`/api/municipalities?q=${ANNABERG.ags}`)).json()) as {
    items: { ags: string; population: number }[];
  };
  const population = directory.items.find((m) => m.ags === ANNABERG.ags)!.population;
  await expect(figure(page, 'cases')).toHaveText('1.234');
  await expect(figure(page, 'hz')).toContainText(de(Math.round((1234 * 100_000) / population)));
  await expect(figure(page, 'hz')).toContainText(`Einwohnerzahl ${de(population)} aus dem Gemeindeverzeichnis (Destatis)`);
  await expect(figure(page, 'clearanceRate')).toHaveText('56,7 %');
  await expect(figure(page, 'change')).toHaveText('+4,6 %');
  await expect(figure(page, 'districtHz')).toHaveText('3.060');
  await expect(figure(page, 'stateHz')).toHaveText('6.594');
  await expect(figure(page, 'suspects')).toHaveText('600');
  await expect(page.getByText('Gemeindezahlen 2022: Landeskriminalamt Sachsen (LKA).')).toBeVisible();
  await expect(page.getByText('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2021–2022').first()).toBeVisible();
  await expect(page.getByText(`Gemeindezahlen: ${SOURCE_CHANGED}`).first()).toBeVisible();

  // The time series with district and state, described by its summary, with its table.
  const series = page.getByRole('img', {
    name: `Liniendiagramm der Häufigkeitszahl je Jahr: ${ANNABERG.name}, Kreis Erzgebirgskreis und Land`,
  });
  await expect(series.locator('svg')).toBeVisible();
  await expect(series).toHaveAccessibleDescription(
    new RegExp(`${ANNABERG.name}, Straftaten insgesamt: Häufigkeitszahl .* 2021, .* 2022; im Kreis 3\\.060, im Land 6\\.594`),
  );
  await page.getByText('Daten des Diagramms als Tabelle').click();
  const seriesRows = dataRows(page, `Häufigkeitszahl je Jahr: ${ANNABERG.name}, Kreis, Land`);
  await expect(seriesRows).toHaveCount(2);
  await expect(seriesRows.nth(1)).toContainText('1.234');
  await expect(seriesRows.nth(1)).toContainText('Gemeindeverzeichnis');

  // The comparison bars: municipality, district, state, Germany.
  const bars = page.getByRole('img', { name: `Balkendiagramm der Häufigkeitszahl 2022: ${ANNABERG.name}, Kreis, Land und Deutschland` });
  await expect(bars.locator('svg')).toBeVisible();
  await page.getByText('Daten des Vergleichs als Tabelle').click();
  const comparison = dataRows(page, `Häufigkeitszahl 2022: ${ANNABERG.name} im Vergleich`);
  await expect(comparison).toHaveCount(4);
  await expect(comparison.nth(1)).toContainText('3.060');

  // Every key of the year, the exports, the accessibility scan.
  await expect(dataRows(page, `Straftaten in ${ANNABERG.name} 2022`)).toHaveCount(2);
  const csv = page.getByRole('link', { name: 'Gemeindezahlen Erzgebirgskreis als CSV herunterladen' });
  await expect(csv).toHaveAttribute(
    'href',
    '/api/crime-stats/export?level=municipalities&format=csv&year=2022&offence=------&districtAgs=14521',
  );
  const file = await page.request.get((await csv.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  const text = await file.text();
  expect(text).toContain('Annaberg-Buchholz');
  expect(text).toContain('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022');
  await expect(page.getByRole('link', { name: 'Gemeindezahlen Erzgebirgskreis als XLSX herunterladen' })).toHaveAttribute(
    'href',
    /format=xlsx/,
  );
  await expectAccessible(page, 'municipality crime page');

  // Another offence group by keyboard.
  await field(page, 'Straftatengruppe').focus();
  await field(page, 'Straftatengruppe').selectOption('674000');
  await expect(page).toHaveURL(/offence=674000/);
  await expect(page.getByRole('heading', { level: 2, name: 'Kennzahlen 2022: Sachbeschädigung §§ 303-305a StGB' })).toBeVisible();
  await expect(figure(page, 'cases')).toHaveText('120');

  // A municipality without figures: an empty state that points to its district.
  await page.goto(`/crime-stats/municipalities/${MUNICIPALITIES.dresden.ags}`);
  await expect(page.getByRole('heading', { level: 1, name: MUNICIPALITIES.dresden.name })).toBeVisible();
  await expect(page.getByText('Keine Gemeindezahlen')).toBeVisible();
  await expect(page.getByText(`Für ${MUNICIPALITIES.dresden.name} sind keine Zahlen der Landespolizei importiert.`)).toBeVisible();
  await expectAccessible(page, 'municipality crime page without figures');
});

test('the overview maps the municipalities with figures, with the table alternative; the alliance record links there', async ({
  page,
  signInAs,
}) => {
  requirePksFile();
  await importFigures();
  await signInAs(LPR_STAFF);
  await page.goto('/crime-stats');
  // The choice lives in the address (it can be linked); the radio follows it.
  await page.getByRole('radio', { name: 'Gemeinden' }).click();
  await expect(page).toHaveURL(/level=municipalities/);
  await expect(page.getByRole('radio', { name: 'Gemeinden' })).toBeChecked();
  const map = page.getByRole('img', { name: 'Karte der Gemeinden, eingefärbt nach der Häufigkeitszahl: Straftaten insgesamt 2022' });
  await expect(map).toBeVisible();
  await expect(map).toHaveAccessibleDescription(/3 Gemeinden haben Zahlen der Landespolizei/);
  await expect(map.locator(`path[data-ags="${ANNABERG.ags}"]`)).not.toHaveAttribute('data-category', 'none');
  await expect(map.locator(`path[data-ags="${MUNICIPALITIES.dresden.ags}"]`)).toHaveAttribute('data-category', 'none');
  const rows = dataRows(page, 'Gemeinden: Straftaten insgesamt 2022');
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'Zahlen je Gemeinde als CSV herunterladen' })).toHaveAttribute(
    'href',
    '/api/crime-stats/export?level=municipalities&format=csv&year=2022&offence=------',
  );
  await expectAccessible(page, 'overview by municipality');

  // Sorting by keyboard.
  await page.getByRole('button', { name: 'Nach Häufigkeitszahl sortieren' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Häufigkeitszahl/ })).toHaveAttribute('aria-sort', 'ascending');

  // Back to the districts: the BKA map.
  await page.getByRole('radio', { name: 'Gemeinden' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Kreisen' })).toBeChecked();
  await expect(page.getByRole('img', { name: /^Karte der Kreise/ })).toBeVisible();

  await page.goto(`/municipalities/${ANNABERG.ags}`);
  await page.getByRole('link', { name: 'Kriminalstatistik der Gemeinde' }).click();
  await expect(page).toHaveURL(new RegExp(`/crime-stats/municipalities/${ANNABERG.ags}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Kennzahlen 2022: Straftaten insgesamt' })).toBeVisible();
});

// The fields of action of an offence key hold for the whole state: this test edits them on a server of
// its own, whose offence catalogue comes from the PKS import.
test.describe(() => {
  test.use({ ownServer: true });
  test('council staff change the fields of action of an offence key; a stale edit is refused clearly', async ({
    page,
    baseURL,
    signInAs,
  }) => {
    requirePksFile();
    const admin = await apiAs(ADMIN, baseURL);
    try {
      await importDistrictFigures(admin);
    } finally {
      await admin.dispose();
    }
    await signInAs(LPR_STAFF);
    await page.goto('/crime-stats');
    await page.getByRole('link', { name: 'Straftaten und Handlungsfelder' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Straftaten und Handlungsfelder' })).toBeVisible();
    await expectAccessible(page, 'offence fields page');

    await field(page, 'Schlüssel, Straftat oder Handlungsfeld suchen').fill('674000');
    const rows = dataRows(page, 'Straftatenschlüssel und ihre Handlungsfelder');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Sachbeschädigung durch Graffiti');

    // By keyboard: open the dialog, tick a field of action, save.
    const edit = page.getByRole('button', { name: 'Handlungsfelder von Sachbeschädigung §§ 303-305a StGB (674000) bearbeiten' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Handlungsfelder: Sachbeschädigung §§ 303-305a StGB (674000)' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Sachbeschädigung durch Graffiti' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Vermüllung öffentlicher Plätze' }).focus();
    await page.keyboard.press('Space');
    await expect(dialog.getByRole('checkbox', { name: 'Vermüllung öffentlicher Plätze' })).toBeChecked();
    await expectAccessible(page, 'offence fields dialog');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('status').filter({
        hasText:
          'Gespeichert: Sachbeschädigung §§ 303-305a StGB (674000) → Sachbeschädigung durch Graffiti, Vermüllung öffentlicher Plätze.',
      }),
    ).toBeVisible();
    await expect(rows.first()).toContainText('Sachbeschädigung durch Graffiti, Vermüllung öffentlicher Plätze');
    await expect(edit).toBeFocused();

    // Someone else saves while the dialog is open: the save is refused and their state offered.
    await edit.click();
    await expect(dialog).toBeVisible();
    const catalogue = (await (await page.request.get('/api/crime-stats/offences')).json()) as {
      offences: { key: string; version: number }[];
      fieldsOfAction: { id: number; code: string }[];
    };
    const entry = catalogue.offences.find((o) => o.key === '674000')!;
    const drugs = catalogue.fieldsOfAction.find((f) => f.code === 'drugs')!.id;
    await apiWrite(page, 'PUT', '/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [drugs], version: entry.version });
    await dialog.getByRole('checkbox', { name: 'Extremismus' }).check();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Gespeichert ist jetzt: Drogenmissbrauch.');
    await expect(dialog).toContainText('„Sachbeschädigung §§ 303-305a StGB (674000)“ wurde inzwischen geändert');
    await dialog.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
    await expect(dialog.getByRole('checkbox', { name: 'Drogenmissbrauch' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Extremismus' })).not.toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Sachbeschädigung durch Graffiti' }).check();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: '(674000) → Sachbeschädigung durch Graffiti, Drogenmissbrauch.' }),
    ).toBeVisible();
    await expect(rows.first()).toContainText('Sachbeschädigung durch Graffiti, Drogenmissbrauch');
  });
});

test('at 375 px the municipality page and the municipal import fit the screen', async ({ page, signInAs }) => {
  requirePksFile();
  await importFigures();
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(ADMIN);
  await page.goto(`/crime-stats/municipalities/${ANNABERG.ags}`);
  await expect(page.getByRole('img', { name: /^Liniendiagramm/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'municipality crime page at 375 px');
  await page.goto('/crime-stats/import/municipalities');
  await field(page, 'Datei (XLSX oder CSV mit Gemeindezahlen)').setInputFiles({
    name: 'lka-gemeinden-2022.csv',
    mimeType: 'text/csv',
    buffer: MUNICIPAL_CSV,
  });
  await page.getByRole('button', { name: 'Spalten lesen' }).click();
  await expect(field(page, 'Spalte: Erfasste Fälle')).toHaveValue('erfasste Fälle');
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'municipal import at 375 px');
});
