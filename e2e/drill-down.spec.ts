import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';

// Every dashboard figure drills down to the list of exactly what it counts (issue 14, decision
// 035): for a date, each figure is clicked and the list it opens shows that many rows. The
// figures are statewide, so the test runs on a server of its own and records its history through
// the API: a pre-agreement, a joint agreement of two municipalities, and a coaching process and a
// completed security analysis that exist only as events of the history (historic rows).
test.describe.configure({ timeout: 300_000 });
test.use({ ownServer: true });

const AT = '2024-06-30';
const PAGE_SIZE = 25;

async function recordHistory(baseURL: string | undefined): Promise<void> {
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    const { annaberg, amtsberg, dresden } = MUNICIPALITIES;
    await staff.post(`/api/alliance/municipalities/${annaberg.ags}/events`, { type: 'consultation', date: '2024-01-15' });
    await staff.post(`/api/alliance/municipalities/${annaberg.ags}/events`, { type: 'pre_agreement_signed', date: '2024-02-20' });
    await staff.post(`/api/alliance/municipalities/${dresden.ags}/events`, { type: 'analysis_started', date: '2024-01-10' });
    await staff.post(`/api/alliance/municipalities/${dresden.ags}/events`, { type: 'analysis_completed', date: '2024-05-31' });
    await staff.post(`/api/alliance/municipalities/${amtsberg.ags}/events`, { type: 'coaching_started', date: '2024-03-01' });
  } finally {
    await staff.dispose();
  }
}

const FIGURES = [
  'inCollaboration',
  'advised',
  'preAgreements',
  'agreementsInForce',
  'communesCoveredByAgreements',
  'agreementsSigned',
  'coachingRunning',
  'analysesUnderWay',
  'analysesCompleted',
  'withdrawn',
  'municipalities',
] as const;

/** The number a figure card shows (German digits grouping). */
async function figureValue(page: Page, key: string): Promise<number> {
  const text = await page.locator(`[data-figure="${key}"] dd a`).innerText();
  return Number(text.replace(/\D+$/u, '').split(/\s/u)[0]!.replace(/\./gu, ''));
}

test('for a date, each dashboard figure opens the list of exactly the rows it counts', async ({ page, signInAs, baseURL }) => {
  await recordHistory(baseURL);
  await signInAs(LPR_STAFF);
  await page.goto(`/dashboard?at=${AT}`);
  await expect(page.locator('[data-figure="municipalities"] dd a')).toBeVisible();
  let sawRows = 0;
  for (const key of FIGURES) {
    const n = await figureValue(page, key);
    await page.locator(`[data-figure="${key}"] dd`).getByRole('link').click();
    if (key === 'coachingRunning') {
      await expect(page.getByRole('heading', { level: 1, name: 'Coaching' })).toBeVisible();
      if (n > 0) await expect(dataRows(page, 'Coaching-Prozesse')).toHaveCount(n);
      else await expect(page.getByText('Prozesse an diesem Tag: 0')).toBeVisible();
    } else if (key === 'analysesCompleted') {
      await expect(page.getByText(`Analysen bis zu diesem Tag: ${n}`)).toBeVisible();
      if (n > 0) await expect(dataRows(page, 'Sicherheitsanalysen')).toHaveCount(n);
    } else if (key === 'agreementsInForce' || key === 'agreementsSigned') {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('30.06.2024');
      if (n > 0)
        await expect(
          page
            .getByRole('table')
            .getByRole('row')
            .filter({ has: page.getByRole('cell') }),
        ).toHaveCount(n);
      else await expect(page.getByText('Keine Vereinbarung an diesem Tag.')).toBeVisible();
    } else {
      await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
      // The intro names the date viewed, not "today".
      await expect(page.getByText('Alle Kommunen mit ihrem Status in der Allianz am 30.06.2024.')).toBeVisible();
      if (n > 0) {
        await expect(page.getByText(new RegExp(`^${n} Kommunen?, genau`, 'u'))).toBeVisible();
        await expect(dataRows(page, 'Kommunen')).toHaveCount(Math.min(n, PAGE_SIZE));
      }
    }
    if (n > 0) sawRows += 1;
    if (key === 'agreementsInForce') await expectAccessible(page, 'agreement figure drill-down');
    if (key === 'preAgreements') await expectAccessible(page, 'municipality figure drill-down');
    if (key === 'coachingRunning') await expectAccessible(page, 'coaching running at a date');
    await page.goBack();
    await expect(page.locator(`[data-figure="${key}"] dd a`)).toBeVisible();
  }
  // The history above makes most figures non-zero, so the rows were really counted.
  expect(sawRows).toBeGreaterThanOrEqual(7);

  // The fact box's figures link to the same lists: "in collaboration" opens as many municipalities.
  const inCollaboration = await figureValue(page, 'inCollaboration');
  await page
    .getByTestId('fact-box-figures')
    .getByRole('link', { name: `${inCollaboration} – Liste: Kommunen in Zusammenarbeit` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${inCollaboration} Kommunen?, genau`, 'u'))).toBeVisible();
});
