import fs from 'node:fs';
import { readStructure } from '../src/server/test/pdf-layout-check.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { MINISTRY, MUNICIPALITIES, SEEDED_HISTORY } from './support/accounts.ts';

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
