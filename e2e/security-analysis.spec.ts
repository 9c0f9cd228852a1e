import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { pdfText } from '../src/server/test/pdf-text.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { claimFirst } from './support/claims.ts';
import { addDays, formatDate, todayBerlin } from '../src/shared/time.ts';

// As council staff: PKS data and a closed survey (12 paper returns) for a municipality of the
// Erzgebirgskreis exist; the analysis is created, started and moved through its phases; two
// findings and three recommendations are written; the final report is frozen and its PDF checked;
// one recommendation is accepted into a project idea; the analysis is completed. The test claims a
// municipality no other test of the run uses (Olbernhau first) and sets up its data through the API.
test.describe.configure({ timeout: 360_000 });

const repoRoot = path.resolve(import.meta.dirname, '..');
const PKS_FILE = path.resolve(repoRoot, '../shared/data/pks/BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv');
const OLBERNHAU = '14521460';
const ERZGEBIRGSKREIS = '14521';
/** Municipalities whose history or figures other specs assert on. */
const USED_ELSEWHERE = new Set<string>(Object.values(MUNICIPALITIES).map((m) => m.ags));
const today = () => todayBerlin();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const daysAgo = (n: number) => addDays(todayBerlin(), -n);

function requirePksFile(): void {
  if (fs.existsSync(PKS_FILE)) return;
  if (process.env.CI === 'true') throw new Error(`${PKS_FILE} fehlt / missing: CI=true, so the test must not be skipped.`);
  test.skip(true, `${PKS_FILE} fehlt / missing (../shared/data)`);
}

interface Place {
  ags: string;
  name: string;
  /** Without the suffix, e.g. "Olbernhau". */
  short: string;
}

interface Prepared {
  place: Place;
  surveyId: number;
  surveyTitle: string;
}

/**
 * The data the analysis builds on, through the APIs of the territory, the crime statistics and the
 * survey: a municipality of the Erzgebirgskreis of this test's own, the district figures of 2022
 * (unless there in full), and a closed survey of it with twelve paper returns.
 */
async function prepareData(): Promise<Prepared> {
  const staff = await apiAs(LPR_STAFF);
  try {
    const all = await staff.get<{ items: { ags: string; name: string; districtAgs: string }[] }>(
      `/api/municipalities?district=${ERZGEBIRGSKREIS}&pageSize=500&sort=name`,
    );
    const district = all.items.filter((m) => m.districtAgs === ERZGEBIRGSKREIS && !USED_ELSEWHERE.has(m.ags));
    const candidates = [...district.filter((m) => m.ags === OLBERNHAU), ...district.filter((m) => m.ags !== OLBERNHAU).reverse()];
    const m = claimFirst('municipality', candidates, (c) => c.ags);
    const place = { ags: m.ags, name: m.name, short: m.name.split(',')[0]!.trim() };

    const years = await staff.get<{ district: { year: number; rows: number }[] }>('/api/crime-stats/years');
    if (!years.district.some((y) => y.year === 2022 && y.rows === 16_400)) {
      const pks = { name: path.basename(PKS_FILE), mimeType: 'text/csv', buffer: fs.readFileSync(PKS_FILE) };
      await staff.upload('/api/admin/imports/pks?year=2022&dryRun=false', pks);
    }

    const surveyTitle = `Sicher leben in ${place.short} ${uniqueTag()}`;
    const survey = await staff.post<{ id: number; version: number }>('/api/surveys', {
      title: surveyTitle,
      municipalities: [place.ags],
      fieldStart: daysAgo(1),
      fieldEnd: today(),
    });
    await staff.post(`/api/surveys/${survey.id}/codes`, { ags: place.ags, count: 40 });
    const started = await staff.post<{ version: number }>(`/api/surveys/${survey.id}/start`, { version: survey.version });
    // Twelve paper returns: five feel fairly or very unsafe at night.
    const nights = [
      'sehr_unsicher',
      'ziemlich_unsicher',
      'ziemlich_unsicher',
      'sehr_unsicher',
      'ziemlich_unsicher',
      'sehr_sicher',
      'ziemlich_sicher',
      'ziemlich_sicher',
      'sehr_sicher',
      'ziemlich_sicher',
      'sehr_sicher',
      'sehr_sicher',
    ];
    for (const night of nights) {
      await staff.post(`/api/surveys/${survey.id}/paper-returns`, { answers: { sicher_nachts: night }, ags: place.ags, entry: 'single' });
    }
    await staff.post(`/api/surveys/${survey.id}/close`, { version: started.version });
    return { place, surveyId: survey.id, surveyTitle };
  } finally {
    await staff.dispose();
  }
}

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('council staff run a security analysis from kick-off to the frozen report and the workshop', async ({ page, signInAs }) => {
  requirePksFile();
  const { place, surveyTitle } = await prepareData();
  const TITLE = `Sicherheitsanalyse ${place.name}`;
  await signInAs(LPR_STAFF);

  await goToSection(page, 'Sicherheitsanalysen');
  await expect(page.getByRole('heading', { level: 1, name: 'Sicherheitsanalysen' })).toBeVisible();
  await expectAccessible(page, 'security analyses overview');

  // Create the analysis, planned from 30 days ago: its first phases are late at once.
  // The municipality and the survey are chosen by name, not typed as codes; the survey picker offers
  // only the surveys of the chosen municipality, and works with the keyboard alone.
  const municipality = page.getByRole('combobox', { name: 'Kommune', exact: true });
  await municipality.fill(place.short);
  await page.getByRole('option', { name: `${place.name} (${place.ags})`, exact: true }).click();
  await expect(municipality).toHaveValue(`${place.name} (${place.ags})`);
  await field(page, 'Auftragnehmer').fill('Forschungsgruppe Kommunale Sicherheit');
  await field(page, 'Geplanter Beginn').fill(daysAgo(30));
  const survey = page.getByRole('combobox', { name: 'Bürgerbefragung (optional)', exact: true });
  await survey.focus();
  await page.keyboard.type(surveyTitle.split(' ').at(-1)!);
  const surveyOption = page.getByRole('option', { name: new RegExp(`^${escapeRegExp(surveyTitle)} \\(`) });
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await expect(surveyOption).toBeVisible();
  await expectAccessible(page, 'security analysis pickers');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(survey).toHaveValue(new RegExp(`^${escapeRegExp(surveyTitle)} \\(`));
  await page.getByRole('button', { name: 'Analyse anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const phases = dataRows(page, 'Phasen mit geplanten und tatsächlichen Terminen');
  await expect(phases).toHaveCount(10);
  await expect(phases.filter({ hasText: 'Auftaktgespräch' })).toContainText('verspätet');
  await expect(page.getByText('Befragung: 40 angeschrieben, 12 Antworten, Rücklaufquote 30 %.')).toBeVisible();
  await expect(dataRows(page, `Ergebnisse der Bürgerbefragung „${surveyTitle}“`).filter({ hasText: 'Nachts unsicher' })).toContainText(
    '41,7',
  );
  await expect(page.getByRole('table', { name: /Kriminalitätskennzahlen 2022/ })).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: new RegExp(`Erzgebirgskreis: Straftaten insgesamt, Häufigkeitszahl|${escapeRegExp(place.name)}: Straftaten insgesamt`),
    }),
  ).toBeVisible();
  await expectAccessible(page, 'analysis page');

  // Start: the alliance event is recorded; the kick-off gets its actual start.
  await page.getByRole('button', { name: 'Analyse beginnen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Analyse wurde begonnen' })).toBeVisible();
  await expect(page.getByText('Stand: laufend')).toBeVisible();

  // Move through the phases: the kick-off ends; the field period with an end before its start is refused.
  await field(page, 'Tatsächliches Ende').fill(today());
  await page.getByRole('button', { name: 'Termine speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Termine wurden gespeichert.' })).toBeVisible();
  await expect(phases.filter({ hasText: 'Auftaktgespräch' })).not.toContainText('verspätet');
  await pick(page, 'Phase', 'Feldphase');
  await field(page, 'Tatsächlicher Beginn').fill(daysAgo(2));
  await field(page, 'Tatsächliches Ende').fill(daysAgo(9));
  await page.getByRole('button', { name: 'Termine speichern' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Feldphase: Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.' });
  await expect(alert).toBeVisible();
  await expect(field(page, 'Tatsächliches Ende')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'phase refused');
  await field(page, 'Tatsächliches Ende').fill(daysAgo(1));
  await page.getByRole('button', { name: 'Termine speichern' }).click();
  await expect(phases.filter({ hasText: 'Feldphase' })).toContainText(formatDate(daysAgo(1), 'de'));

  // Two findings, three recommendations.
  for (const [text, evidence, fieldName] of [
    ['Nachts fühlen sich viele in der Innenstadt unsicher.', 'Tabelle: Ergebnisse der Bürgerbefragung', 'Gewalt im öffentlichen Raum'],
    ['Sachbeschädigungen durch Graffiti prägen das Ortsbild.', 'Tabelle: Kriminalitätskennzahlen', 'Sachbeschädigung durch Graffiti'],
  ] as const) {
    await field(page, 'Befund').fill(text);
    await pick(page, 'Beleg', evidence);
    await pick(page, 'Handlungsfeld', fieldName);
    await page.getByRole('button', { name: 'Befund hinzufügen' }).click();
    await expect(dataRows(page, 'Befunde').filter({ hasText: text })).toHaveCount(1);
  }
  const recommendations = [
    'Beleuchtung am Markt verbessern.',
    'Graffiti-Wettbewerb für die Buswartehäuschen ausrichten.',
    'Jugendarbeit im Präventionsrat verankern.',
  ];
  for (const [i, text] of recommendations.entries()) {
    await field(page, 'Empfehlung').fill(text);
    await page.getByRole('checkbox', { name: i === 1 ? /^Befund 2:/ : /^Befund 1:/ }).check();
    await page.getByRole('button', { name: 'Empfehlung hinzufügen' }).click();
    await expect(dataRows(page, 'Empfehlungen').filter({ hasText: text })).toHaveCount(1);
  }
  await expectAccessible(page, 'findings and recommendations');

  // Freeze the final report (with confirmation) and read its PDF.
  await page.getByRole('button', { name: 'Abschlussbericht einfrieren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Abschlussbericht einfrieren?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'freeze confirmation');
  await dialog.getByRole('button', { name: 'Endgültig einfrieren' }).click();
  await expect(page.getByText('Der Abschlussbericht ist eingefroren: Befunde und Empfehlungen sind festgeschrieben.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Befund hinzufügen' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'PDF von Bericht 1 herunterladen' }).click();
  const file = await (await download).path();
  const { text } = await pdfText(fs.readFileSync(file!));
  expect(text).toContain(TITLE);
  expect(text).toContain('Inhalt');
  expect(text).toMatch(/Rücklaufquote 30,0\s*%/);
  expect(text).toContain('41,7');
  expect(text).toContain('Erzgebirgskreis');
  for (const r of recommendations) expect(text).toContain(r);
  expect(text).toContain('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022');

  // The web view of the frozen report.
  await page.getByRole('link', { name: 'Bericht 1 ansehen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Abschlussbericht (eingefroren): ${place.name}` })).toBeVisible();
  await expect(page.getByText(recommendations[1]!)).toBeVisible();
  await expectAccessible(page, 'report view');
  await page.getByRole('link', { name: 'Zur Analyse' }).click();

  // Strategy workshop: accept the graffiti contest and take it over as a project idea.
  await page.getByRole('button', { name: /^Annehmen: Graffiti-Wettbewerb/ }).click();
  await page.getByRole('button', { name: /^Als Projektidee übernehmen: Graffiti-Wettbewerb/ }).click();
  await expect(dataRows(page, 'Empfehlungen').filter({ hasText: recommendations[1]! })).toContainText(/Projektidee Nr\. \d+/);
  await expect(dataRows(page, 'Empfehlungen').filter({ hasText: recommendations[1]! })).toContainText('angenommen');
  await expectAccessible(page, 'workshop');

  // Complete the analysis: it now has its frozen final report.
  await page.getByRole('button', { name: 'Analyse abschließen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Analyse wurde abgeschlossen.' })).toBeVisible();
  await expect(page.getByText('Stand: abgeschlossen')).toBeVisible();
});
