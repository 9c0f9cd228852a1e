import fs from 'node:fs';
import { readStructure } from '../src/server/test/pdf-layout-check.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { ADMIN, LPR_STAFF, MINISTRY, MUNICIPALITIES, SEEDED_HISTORY } from './support/accounts.ts';
import { apiAs } from './support/api.ts';

// The ministry opens the annual report of 2023, the year of the seeded history in which Amtsberg
// and Aue-Bad Schlema signed their cooperation agreements, and downloads its PDF. It only reads:
// nothing is recorded, so the test shares the server with the others.

const YEAR = SEEDED_HISTORY.amtsberg.agreement.slice(0, 4);

test('the ministry opens the annual report of a year of the seeded history and downloads its PDF', async ({ page, signInAs }) => {
  await signInAs(MINISTRY);
  await goToSection(page, 'Jahresbericht');
  await expect(page.getByRole('heading', { level: 1, name: 'Jahresbericht' })).toBeVisible();
  await page.getByLabel('Berichtsjahr').selectOption(YEAR);
  await expect(page).toHaveURL(new RegExp(`year=${YEAR}`));

  const figures = page.getByRole('table', { name: `Netzwerkkennzahlen ${YEAR} und Veränderung zum Vorjahr` });
  await expect(figures.getByRole('row', { name: /^Kooperationsvereinbarungen in Kraft/ })).toBeVisible();
  const joined = page.getByRole('table', { name: `Neu beigetretene Kommunen ${YEAR}` });
  await expect(joined.getByRole('rowheader', { name: MUNICIPALITIES.amtsberg.name, exact: true })).toBeVisible();
  await expect(joined.getByRole('rowheader', { name: MUNICIPALITIES.aue.name, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '6. Faktenbox für die Pressemitteilung' })).toBeVisible();
  // The ministry reads; freezing is the LPR's.
  await expect(page.getByRole('button', { name: 'Fassung einfrieren' })).toHaveCount(0);
  await expectAccessible(page, 'annual report (ministry)');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Jahresbericht als PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`jahresbericht-${YEAR}-aktuell.pdf`);
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The document checks of the PDF layer: language, title, PDF/UA identifier, headed tables, linked contents.
  const pdf = await readStructure(bytes);
  expect(pdf.language).toBe('de-DE');
  expect(pdf.title).toBe(`Jahresbericht ${YEAR}`);
  expect(pdf.pdfuaPart).toBe('1');
  expect(pdf.thWithoutScope).toBe(0);
  expect(pdf.tables.length).toBeGreaterThan(2);
  expect(pdf.tocEntries).toBe(6);
  expect(pdf.linkAnnotationsWithStructParent).toBe(6);
});

// Freezing a version and publishing the page change what every visitor sees: on a server of its own.
test.describe('published', () => {
  test.use({ ownServer: true });

  test('LPR staff freeze the report; with the public page on, visitors download the frozen version', async ({
    page,
    browser,
    baseURL,
    signInAs,
  }) => {
    await signInAs(LPR_STAFF);
    await page.goto(`/annual-report?year=${YEAR}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Jahresbericht' })).toBeVisible();
    await page.getByRole('button', { name: 'Fassung einfrieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Jahresbericht einfrieren?' });
    await expectAccessible(page, 'confirm freezing the annual report');
    await dialog.getByRole('button', { name: 'Einfrieren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fassung 1 wurde eingefroren.' })).toBeVisible();
    await page.getByLabel('Fassung').selectOption({ index: 1 });
    await expect(page.getByText(/^Eingefrorene Fassung 1 vom/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Fassung einfrieren' })).toHaveCount(0);

    const admin = await apiAs(ADMIN, baseURL);
    const settings = await admin.get<{ version: number }>('/api/alliance/settings');
    await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: true });
    await admin.dispose();

    const visitor = await (await browser.newContext({ locale: 'de-DE', baseURL })).newPage();
    await visitor.goto('/oeffentlich');
    const reports = visitor.getByRole('region', { name: 'Jahresberichte' });
    const link = reports.getByRole('link', { name: new RegExp(`^Jahresbericht ${YEAR} \\(PDF, Stand`) });
    await expect(link).toBeVisible();
    await expectAccessible(visitor, 'public page with annual reports');
    const download = visitor.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`jahresbericht-${YEAR}.pdf`);
    const pdf = await readStructure(fs.readFileSync(await file.path()));
    expect(pdf.title).toBe(`Jahresbericht ${YEAR}`);
    await visitor.context().close();
  });
});
