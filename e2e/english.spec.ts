import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { claimFirst } from './support/claims.ts';
import { ensurePks2022, requirePksFile } from './support/pks.ts';
import { addDays, todayBerlin } from '../src/shared/time.ts';

// In English, the security-analysis, survey-results, funding and crime statistics pages show no
// text of the German catalogues where the English catalogue has its own, nor the German labels and
// notes the server builds (area profile, index names, weighting note, chart titles). Data of the
// test's own through the API: an analysis of an unused municipality of the Erzgebirgskreis with a
// closed, weighted survey of forty returns.
test.describe.configure({ timeout: 240_000 });

const WEB = path.resolve(import.meta.dirname, '../src/web');
const USED_ELSEWHERE = new Set<string>(Object.values(MUNICIPALITIES).map((m) => m.ags));

type Catalogue = { [key: string]: string | Catalogue };

function leaves(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The German texts whose English key says something else (no placeholders; whole texts only). */
function germanOnlyTexts(): Set<string> {
  const files = [['i18n/de.json', 'i18n/en.json']];
  for (const feature of ['security-analysis', 'survey-results', 'funding', 'crime-stats']) {
    files.push([`features/${feature}/i18n/de.json`, `features/${feature}/i18n/en.json`]);
  }
  const texts = new Set<string>();
  for (const [de, en] of files) {
    const german = leaves(JSON.parse(fs.readFileSync(path.join(WEB, de!), 'utf8')) as Catalogue);
    const english = leaves(JSON.parse(fs.readFileSync(path.join(WEB, en!), 'utf8')) as Catalogue);
    for (const [key, text] of german) {
      const other = english.get(key);
      if (other === undefined || other === text || text.includes('{{') || text.trim().length < 4) continue;
      texts.add(text.trim());
    }
  }
  for (const text of SERVER_GERMAN) texts.add(text);
  return texts;
}

/**
 * German texts the server builds for these pages (area profile, survey indices, crime charts); in
 * English the request's language puts them into English (decision 033).
 */
const SERVER_GERMAN = [
  'Einwohner insgesamt',
  'Kennzahl',
  'Merkmal',
  'Vergleich mit Kreis und Land',
  'Nachts unsicher',
  'Vermeidungsverhalten',
  'Opfererfahrung',
  'Vertrauen in die Polizei',
  'Incivility-Index',
  'Häufigkeitszahl',
  'Aufklärungsquote in %',
  'Jahr',
  'Deutschland',
  'unterdrückt',
];

const SAFETY = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
const AGES = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];

/** Every line of text in the main content and the header that is a German catalogue text. */
async function germanOnPage(page: Page, german: Set<string>): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [
    ...new Set(
      text
        .split(/\n|\t/)
        .map((l) => l.trim())
        .filter((l) => german.has(l)),
    ),
  ];
}

async function prepare(): Promise<{ analysisId: number; surveyId: number }> {
  const staff = await apiAs(LPR_STAFF);
  try {
    const all = await staff.get<{ items: { ags: string; name: string; districtAgs: string }[] }>(
      '/api/municipalities?district=14521&pageSize=500&sort=name',
    );
    const m = claimFirst(
      'municipality',
      all.items.filter((c) => !USED_ELSEWHERE.has(c.ags)),
      (c) => c.ags,
    );
    const survey = await staff.post<{ id: number; version: number }>('/api/surveys', {
      title: `Sicher leben ${uniqueTag()}`,
      municipalities: [m.ags],
      fieldStart: addDays(todayBerlin(), -1),
      fieldEnd: todayBerlin(),
    });
    await staff.post(`/api/surveys/${survey.id}/codes`, { ags: m.ags, count: 60 });
    const started = await staff.post<{ version: number }>(`/api/surveys/${survey.id}/start`, { version: survey.version });
    for (let i = 0; i < 40; i += 1) {
      const answers = {
        sicher_nachts: SAFETY[i % 4],
        meiden: { orte: i % 3 === 0 ? 'ja' : 'nein' },
        altersgruppe: AGES[i % 7],
        geschlecht: i % 2 === 0 ? 'w' : 'm',
      };
      await staff.post(`/api/surveys/${survey.id}/paper-returns`, { answers, ags: m.ags, entry: 'single' });
    }
    await staff.post(`/api/surveys/${survey.id}/close`, { version: started.version });
    // Margins, so the results are weighted and show the weighting note.
    await staff.put(`/api/surveys/${survey.id}/margins`, {
      version: 0,
      ageSex: AGES.flatMap((ageGroup, i) => [
        { ageGroup, sex: 'w', population: 900 + 50 * i },
        { ageGroup, sex: 'm', population: 850 + 40 * i },
      ]),
    });
    const analysis = await staff.post<{ id: number }>('/api/security-analyses', {
      ags: m.ags,
      contractor: 'Research group on local safety',
      surveyId: survey.id,
    });
    return { analysisId: analysis.id, surveyId: survey.id };
  } finally {
    await staff.dispose();
  }
}

test('in English, the security-analysis, survey-results and funding pages show no German catalogue text', async ({ page, signInAs }) => {
  const german = germanOnlyTexts();
  expect(german.size).toBeGreaterThan(200);
  const { analysisId, surveyId } = await prepare();
  await signInAs(LPR_STAFF);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await goToSection(page, 'Security analyses');
  await expect(page.getByRole('heading', { level: 1, name: 'Security analyses' })).toBeVisible();
  await page.goto(`/security-analyses/${analysisId}`);
  await expect(page.getByRole('table', { name: /Comparison with district and state/ })).toBeVisible();
  await expect(
    page
      .getByRole('cell', { name: 'Total population', exact: true })
      .or(page.getByRole('rowheader', { name: 'Total population', exact: true })),
  ).toBeVisible();
  // The survey's index names, built by the server, in English.
  await expect(
    page.getByRole('table', { name: /^Results of the citizen survey/ }).getByText('Unsafe at night', { exact: true }),
  ).toBeVisible();
  expect(await germanOnPage(page, german), 'German texts on the security-analysis page').toEqual([]);
  await expectAccessible(page, 'security analysis (English)');

  await page.goto(`/surveys/${surveyId}/results`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
  // The weighting note and the index names in English, numbers in English notation, none in
  // scientific notation ("9.4e-8").
  await page.getByTestId('method-details').getByText('Method: weighting, suppression of small groups, confidence intervals').click();
  const weighting = page.getByTestId('weighting-summary');
  await expect(weighting).toContainText('Raking to');
  await expect(weighting).toContainText('largest relative deviation');
  await expect(weighting).not.toContainText(/\d[eE][-+]?\d/);
  await expect(
    page.getByRole('table', { name: 'Indices with 95% confidence interval' }).getByRole('row', { name: /Unsafe at night/ }),
  ).toBeVisible();
  expect(await page.locator('main').innerText()).not.toMatch(/\d[eE]-\d/);
  expect(await germanOnPage(page, german), 'German texts on the survey-results page').toEqual([]);
  await expectAccessible(page, 'survey results (English)');

  await goToSection(page, 'Funding');
  await expect(page.getByRole('heading', { level: 1, name: 'Funding' })).toBeVisible();
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
  expect(await germanOnPage(page, german), 'German texts on the funding page').toEqual([]);
  await expectAccessible(page, 'funding (English)');
});

test('in English, the crime statistics overview and a district page show no German catalogue text', async ({ page, signInAs }) => {
  requirePksFile();
  await ensurePks2022();
  const german = germanOnlyTexts();
  await signInAs(LPR_STAFF);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await goToSection(page, 'Crime statistics');
  await expect(page.getByRole('heading', { level: 1, name: 'Crime statistics' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Map of the districts/ })).toBeVisible();
  expect(await germanOnPage(page, german), 'German texts on the crime statistics overview').toEqual([]);

  await page.goto('/crime-stats/districts/14521');
  await expect(page.getByRole('heading', { level: 1, name: 'Erzgebirgskreis' })).toBeVisible();
  // English notation: "10,057" cases, "64.8%" cleared.
  await expect(page.locator('[data-figure="cases"] dd')).toHaveText('10,057');
  await expect(page.locator('[data-figure="clearanceRate"] dd')).toHaveText('64.8%');
  await expect(page.locator('[data-testid="crime-chart"] svg').first()).toBeVisible();
  expect(await germanOnPage(page, german), 'German texts on the district page').toEqual([]);
  await expectAccessible(page, 'crime statistics district (English)');
});
