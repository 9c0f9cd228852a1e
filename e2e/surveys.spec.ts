import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';
import { todayBerlin } from '../src/shared/time.ts';
import {
  enterPaperAndImport,
  IMPORT_CSV,
  ONLINE_ANSWERS,
  PAPER_ANSWERS,
  submitOnline,
  surveyInFieldwork,
  uniqueSurveyTitle,
} from './support/surveys-setup.ts';

// A survey's life, each step a test of its own: council staff create a survey from the standard
// template and generate 50 access codes (read back from the mail-merge CSV); ten residents answer
// in the browser by keyboard alone (one interrupts and resumes with the code, one answers in
// English, one on a 360 px phone); staff enter five paper returns (single and double entry) and
// import returns from a CSV; the survey is closed and its weighted results are shown. Every test
// after the first gets a survey of its own through the API (e2e/support/surveys-setup.ts), with
// the returns the step before it would have left. Axe scans every public page and the results page.
test.describe.configure({ timeout: 480_000 });

/** Presses Tab until `target` has the focus: the only way the respondents move between controls. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Chooses the option at `index` of a radio group whose first radio has the focus (Space, or arrows). */
async function chooseRadio(page: Page, index: number): Promise<void> {
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

const DE = {
  codeTitle: 'Bürgerbefragung zur Sicherheit',
  code: 'Zugangscode',
  open: 'Befragung öffnen',
  surveyTitle: 'Befragung zum Sicherheitsempfinden',
  start: 'Befragung beginnen',
  resume: 'Befragung fortsetzen',
  next: 'Weiter',
  submit: 'Antworten absenden',
  pause: 'Unterbrechen und später fortsetzen',
  saved: 'Zwischenstand gespeichert.',
  thanks: 'Vielen Dank für Ihre Teilnahme!',
  sections: ['Sicherheitsgefühl', 'Ihre Wohngegend', 'Erfahrungen', 'Angaben zur Person'],
  safe: 'sehr sicher',
  youth: 'herumhängende Jugendliche',
  burglary: 'Wohnungseinbruch',
  howOften: 'Wie oft ist Ihnen das insgesamt passiert?',
  age: '16 bis 24 Jahre',
  sex: 'weiblich',
} as const;
const EN = {
  ...DE,
  surveyTitle: 'Survey on feelings of safety',
  start: 'Start the survey',
  next: 'Next',
  submit: 'Submit answers',
  saved: 'Progress saved.',
  thanks: 'Thank you for taking part!',
  sections: ['Feeling of safety', 'Your neighbourhood', 'Experiences', 'About you'],
  safe: 'very safe',
  youth: 'young people hanging around',
  burglary: 'burglary',
  howOften: 'How often did this happen to you in total?',
  age: '16 to 24 years',
  sex: 'female',
} as const;
type Texts = typeof DE | typeof EN;

interface Plan {
  safe: number;
  age: number;
  sex: number;
  youth?: number;
  victim?: string;
}

async function openWithCode(page: Page, code: string): Promise<void> {
  await page.goto('/befragung');
  await expect(page.getByRole('heading', { level: 1, name: DE.codeTitle })).toBeVisible();
  await tabTo(page, field(page, DE.code));
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

async function nextStep(page: Page, tx: Texts, heading: string): Promise<void> {
  await tabTo(page, page.getByRole('button', { name: tx.next }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: tx.saved })).toBeVisible();
}

/** Sections 1 to 4 from where the respondent stands (`from`), by keyboard; ends on the thank-you page. */
async function answerSections(
  page: Page,
  tx: Texts,
  plan: Plan,
  from: number,
  opts: { scan?: boolean; phone?: boolean } = {},
): Promise<void> {
  const check = async (what: string) => {
    if (opts.phone) await expectNoSidewaysScroll(page);
    if (opts.scan) await expectAccessible(page, what);
  };
  if (from <= 0) {
    await expect(page.getByRole('heading', { level: 2, name: tx.sections[0] })).toBeFocused();
    await tabTo(page, page.getByRole('radio', { name: tx.safe }));
    await chooseRadio(page, plan.safe);
    await check('public questionnaire, step 1');
    await nextStep(page, tx, tx.sections[1]);
  }
  if (from <= 1) {
    if (plan.youth !== undefined) {
      await tabTo(page, page.getByRole('group', { name: tx.youth }).getByRole('radio').first());
      await chooseRadio(page, plan.youth);
    }
    await check('public questionnaire, step 2 (matrix)');
    await nextStep(page, tx, tx.sections[2]);
  }
  if (from <= 2) {
    if (plan.victim) {
      await tabTo(page, page.getByRole('checkbox', { name: tx.burglary }));
      await page.keyboard.press('Space');
      // The follow-up question appears only now (show-condition).
      const howOften = field(page, tx.howOften);
      await tabTo(page, howOften);
      await page.keyboard.type(plan.victim);
    } else {
      await expect(field(page, tx.howOften)).toHaveCount(0);
    }
    await check('public questionnaire, step 3');
    await nextStep(page, tx, tx.sections[3]);
  }
  await tabTo(page, page.getByRole('radio', { name: tx.age }));
  await chooseRadio(page, plan.age);
  await tabTo(page, page.getByRole('radio', { name: tx.sex }));
  await chooseRadio(page, plan.sex);
  await check('public questionnaire, step 4');
  await tabTo(page, page.getByRole('button', { name: tx.submit }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: tx.thanks })).toBeVisible();
}

async function respondent(
  browser: Browser,
  code: string,
  plan: Plan,
  opts: { english?: boolean; phone?: boolean; scan?: boolean } = {},
): Promise<void> {
  const context = await browser.newContext({
    baseURL: process.env.PRAEVIS_E2E_BASE_URL,
    locale: 'de-DE',
    viewport: opts.phone ? { width: 360, height: 740 } : undefined,
  });
  const page = await context.newPage();
  try {
    await openWithCode(page, code);
    await expect(page.getByRole('heading', { level: 1, name: DE.surveyTitle })).toBeVisible();
    let tx: Texts = DE;
    if (opts.english) {
      await tabTo(page, page.getByRole('button', { name: 'English' }));
      await page.keyboard.press('Enter');
      tx = EN;
      await expect(page.getByRole('heading', { level: 1, name: EN.surveyTitle })).toBeVisible();
    }
    if (opts.phone) await expectNoSidewaysScroll(page);
    await tabTo(page, page.getByRole('button', { name: tx.start }));
    await page.keyboard.press('Enter');
    await answerSections(page, tx, plan, 0, opts);
    // No cookie was set on the way.
    expect(await context.cookies()).toEqual([]);
  } finally {
    await context.close();
  }
}

test('council staff create a survey from the template and generate 50 codes', async ({ page, signInAs }) => {
  const title = uniqueSurveyTitle();
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Befragungen');
  await expect(page.getByRole('heading', { level: 1, name: 'Befragungen' })).toBeVisible();
  await expectAccessible(page, 'survey list');
  await page.getByRole('link', { name: 'Neue Befragung' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Neue Befragung' })).toBeVisible();
  // Nothing filled in: the errors stand in an announced summary with links to the fields.
  await page.getByRole('button', { name: 'Befragung anlegen' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' });
  await expect(alert).toContainText('Titel: Bitte ausfüllen.');
  await expect(field(page, 'Titel')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'survey create form with errors');

  await field(page, 'Titel').fill(title);
  await page.getByRole('combobox', { name: 'Kommunen' }).fill('Amtsberg');
  await page.getByRole('option', { name: `${MUNICIPALITIES.amtsberg.name} (${MUNICIPALITIES.amtsberg.ags})` }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Befragung anlegen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Die Befragung wurde angelegt.' })).toBeVisible();
  await expect(page.getByText('Fragebogen: Version 1')).toBeVisible();
  expect(Number(/\/surveys\/(\d+)$/.exec(page.url())?.[1])).toBeGreaterThan(0);
  await expectAccessible(page, 'survey detail (draft)');

  // The questionnaire is the standard template; its preview uses the public page's controls.
  await page.getByRole('link', { name: 'Fragebogen bearbeiten, Vorschau und Versionen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Fragebogen: ${title}` })).toBeVisible();
  await page.getByRole('tab', { name: 'Vorschau' }).click();
  const preview = page.getByRole('tabpanel', { name: 'Vorschau' });
  await expect(preview.getByRole('group', { name: /Wie sicher fühlen Sie sich nachts allein in Ihrer Wohngegend\?/ })).toBeVisible();
  await expect(preview.getByRole('textbox', { name: 'Wie oft ist Ihnen das insgesamt passiert?' })).toHaveCount(0);
  await preview.getByRole('checkbox', { name: 'Diebstahl' }).check();
  await expect(preview.getByRole('textbox', { name: 'Wie oft ist Ihnen das insgesamt passiert?' })).toBeVisible();
  await expectAccessible(page, 'questionnaire preview');

  // The editor: a duplicate question id is refused at its field; a corrected edit becomes version 2.
  await page.getByRole('tab', { name: 'Bearbeiten' }).click();
  const editor = page.getByRole('form', { name: 'Fragebogen bearbeiten' });
  await editor.getByRole('button', { name: /^Frage 2 \(opfer_gedanke\)/ }).click();
  const idField = editor.getByRole('textbox', { name: 'Kennung der Frage' });
  await idField.fill('sicher_nachts');
  await editor.getByRole('button', { name: 'Als neue Version speichern' }).click();
  const editorAlert = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben.' });
  await editorAlert.getByRole('link', { name: /Die Frage-ID „sicher_nachts“ kommt doppelt vor\./ }).click();
  await expect(idField).toBeFocused();
  await expect(idField).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'questionnaire editor with an error');
  await idField.fill('opfer_gedanke');
  await editor.getByRole('textbox', { name: 'Fragetext (Englisch)' }).fill('How often do you worry about becoming a victim of crime?');
  await editor.getByRole('button', { name: 'Als neue Version speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Fragebogen wurde als neue Version gespeichert.' })).toBeVisible();
  await expect(page.getByText('Aktuelle Version: 2.')).toBeVisible();
  await page.getByRole('tab', { name: 'Versionen' }).click();
  await expect(dataRows(page, 'Versionen des Fragebogens')).toHaveCount(2);
  await page.getByRole('link', { name: 'Version 1 ansehen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Fragebogen, Version 1: ${title}` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Wie oft denken Sie daran, selbst Opfer einer Straftat zu werden?' })).toBeVisible();
  await expectAccessible(page, 'questionnaire version 1');
  await page.getByRole('link', { name: 'Zur Befragung' }).click();

  // 50 codes for Amtsberg; the codes come back through the mail-merge CSV.
  await page.getByRole('link', { name: 'Zugangscodes und Einladungsbriefe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zugangscodes: ${title}` })).toBeVisible();
  await expect(page.getByText('Es wurden noch keine Codes erzeugt.')).toBeVisible();
  await field(page, 'Anzahl').fill('50');
  await page.getByRole('button', { name: 'Codes erzeugen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '50 Codes für Amtsberg erzeugt (Stapel 1).' })).toBeVisible();
  const batch = dataRows(page, 'Stapel von Zugangscodes');
  await expect(batch).toHaveCount(1);
  await expect(batch.first()).toContainText('Amtsberg');
  await expectAccessible(page, 'codes page');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Serienbrief (CSV) zu Stapel 1' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toContain('zugangscode');
  expect(lines).toHaveLength(51);
  const column = lines[0]!.split(/[;,]/).indexOf('zugangscode');
  const codes = lines.slice(1).map((l) => l.split(/[;,]/)[column]!.replace(/"/g, ''));
  expect(new Set(codes).size).toBe(50);
  for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByRole('link', { name: 'Einladungen (PDF) zu Stapel 1' })).toHaveAttribute('href', /letters\.pdf\?kind=invitation$/);

  // Details can change before fieldwork; k is never below 5.
  await page.getByRole('link', { name: 'Zur Befragung' }).click();
  await page.getByRole('button', { name: 'Angaben ändern' }).click();
  const edit = page.getByRole('region', { name: 'Angaben ändern' });
  await field(edit, 'Mindestgröße k').fill('3');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Mindestgröße k: Mindestens 5.');
  await field(edit, 'Mindestgröße k').fill('5');
  await field(edit, 'Titel').fill(`${title} `);
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Angaben wurden gespeichert.' })).toBeVisible();

  // Fieldwork starts after a confirmation.
  await page.getByRole('button', { name: 'Feldphase starten' }).click();
  await page.getByRole('dialog', { name: 'Feldphase starten?' }).getByRole('button', { name: 'Feldphase starten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Feldphase hat begonnen.' })).toBeVisible();
  await expect(page.getByText('Der Fragebogen ist heute geöffnet.')).toBeVisible();
});

test('ten residents answer by keyboard alone; one interrupts and resumes with the code', async ({ browser }) => {
  const { codes } = await surveyInFieldwork(10);
  const context = await browser.newContext({ baseURL: process.env.PRAEVIS_E2E_BASE_URL, locale: 'de-DE' });
  const page = await context.newPage();

  // The code page; an unknown code is refused with a clear message at the field.
  await page.goto('/befragung');
  await expect(page.getByRole('heading', { level: 1, name: DE.codeTitle })).toBeVisible();
  await expectAccessible(page, 'public code page');
  await tabTo(page, field(page, DE.code));
  await page.keyboard.type('AAAA-BBBB-CCCC');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Diesen Zugangscode kennen wir nicht');
  await expect(field(page, DE.code)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'public code page with an unknown code');

  // Respondent 1 arrives through the letter's link (the code leaves the address at once) and
  // first tries to go on without the required question.
  await page.goto(`/befragung/${codes[0]}`);
  await expect(page).toHaveURL(/\/befragung$/);
  await expect(page.getByRole('heading', { level: 1, name: DE.surveyTitle })).toBeVisible();
  await expectAccessible(page, 'public questionnaire intro');
  await tabTo(page, page.getByRole('button', { name: DE.start }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: DE.sections[0] })).toBeFocused();
  await expect(page.getByText('Abschnitt 1 von 4')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: DE.next }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Antworten.' });
  const link = summary.getByRole('link', {
    name: 'Wie sicher fühlen Sie sich nachts allein in Ihrer Wohngegend?: Bitte beantworten Sie diese Frage.',
  });
  await expect(link).toBeVisible();
  const question = page.getByRole('group', { name: /Wie sicher fühlen Sie sich nachts allein/ });
  await expect(question).toHaveAccessibleDescription(/Bitte beantworten Sie diese Frage\./);
  await expectAccessible(page, 'public questionnaire with an error');
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: DE.safe })).toBeFocused();
  await chooseRadio(page, 1);
  await nextStep(page, DE, DE.sections[1]);
  await answerSections(page, DE, { safe: 1, age: 2, sex: 1, youth: 2 }, 1, { scan: true });
  await expectAccessible(page, 'public thank-you page');

  // The used code cannot be used again.
  await openWithCode(page, codes[0]!.toLowerCase());
  await expect(page.getByRole('alert')).toContainText('Mit diesem Zugangscode wurde der Fragebogen bereits abgeschickt.');

  // Respondent 2 interrupts after the first section and resumes later with the code.
  await openWithCode(page, codes[1]!);
  await tabTo(page, page.getByRole('button', { name: DE.start }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('radio', { name: DE.safe }));
  await chooseRadio(page, 3);
  await nextStep(page, DE, DE.sections[1]);
  await tabTo(page, page.getByRole('button', { name: DE.pause }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Befragung unterbrochen' })).toBeFocused();
  await expect(page.getByText(codes[1]!)).toBeVisible();
  await expectAccessible(page, 'public questionnaire interrupted');
  await context.close();

  const later = await browser.newContext({ baseURL: process.env.PRAEVIS_E2E_BASE_URL, locale: 'de-DE' });
  const resumed = await later.newPage();
  await openWithCode(resumed, codes[1]!.replace(/-/g, ' '));
  await expect(resumed.getByText('Willkommen zurück. Sie haben bereits 1 Frage beantwortet')).toBeVisible();
  await tabTo(resumed, resumed.getByRole('button', { name: DE.resume }));
  await resumed.keyboard.press('Enter');
  await expect(resumed.getByRole('heading', { level: 2, name: DE.sections[1] })).toBeFocused();
  await answerSections(resumed, DE, { safe: 3, age: 5, sex: 0, victim: '2' }, 1);
  expect(await later.cookies()).toEqual([]);
  await later.close();

  // Eight more: one in English, one on a 360 px phone; most answer only a few questions.
  const plans: Array<[Plan, { english?: boolean; phone?: boolean; scan?: boolean }]> = [
    [
      { safe: 0, age: 0, sex: 0 },
      { english: true, scan: true },
    ],
    [{ safe: 2, age: 3, sex: 1, victim: '1' }, { phone: true }],
    [{ safe: 1, age: 4, sex: 0 }, {}],
    [{ safe: 0, age: 6, sex: 1 }, {}],
    [{ safe: 2, age: 1, sex: 0, youth: 0 }, {}],
    [{ safe: 1, age: 2, sex: 1 }, {}],
    [{ safe: 3, age: 5, sex: 0 }, {}],
    [{ safe: 1, age: 3, sex: 1 }, {}],
  ];
  for (const [i, [plan, opts]] of plans.entries()) await respondent(browser, codes[i + 2]!, plan, opts);
});

test('staff enter five paper returns, once with double entry and its differences, and import returns from CSV', async ({
  page,
  signInAs,
}) => {
  // A survey in fieldwork that ten residents have answered online already.
  const survey = await surveyInFieldwork(10);
  await submitOnline(survey.codes, ONLINE_ANSWERS);
  const title = survey.title;
  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${survey.id}/paper`);
  await expect(page.getByRole('heading', { level: 1, name: `Papierrückläufe: ${title}` })).toBeVisible();
  await expectAccessible(page, 'paper returns page');

  const safe = page.getByRole('group', { name: /Wie sicher fühlen Sie sich nachts allein/ });
  const age = page.getByRole('group', { name: 'Wie alt sind Sie?' });
  const sex = page.getByRole('group', { name: 'Welches Geschlecht haben Sie?' });
  const save = page.getByRole('button', { name: 'Bogen speichern' });
  const sheets: Array<[string, string, string]> = [
    ['sehr unsicher', '65 bis 74 Jahre', 'weiblich'],
    ['ziemlich sicher', '45 bis 54 Jahre', 'männlich'],
    ['sehr sicher', '25 bis 34 Jahre', 'weiblich'],
  ];
  for (const [i, [s, a, x]] of sheets.entries()) {
    await safe.getByRole('radio', { name: s }).check();
    await age.getByRole('radio', { name: a }).check();
    await sex.getByRole('radio', { name: x }).check();
    await save.click();
    await expect(
      page.getByRole('status').filter({ hasText: `Der Bogen ist gespeichert. Die Befragung hat jetzt ${11 + i} Antworten.` }),
    ).toBeVisible();
    await expect(safe.getByRole('radio', { name: s })).not.toBeChecked();
  }

  // Double entry: the first entry waits, a differing second entry shows the difference and stores nothing.
  await page.getByRole('radio', { name: 'doppelte Erfassung: erste Eingabe' }).check();
  await field(page, 'Bogennummer').fill('P-104');
  await safe.getByRole('radio', { name: 'ziemlich unsicher' }).check();
  await age.getByRole('radio', { name: '55 bis 64 Jahre' }).check();
  await page.getByRole('button', { name: 'Erste Eingabe speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die erste Eingabe von Bogen P-104 ist vorgemerkt.' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'doppelte Erfassung: zweite Eingabe' })).toBeChecked();
  await safe.getByRole('radio', { name: 'ziemlich unsicher' }).check();
  await age.getByRole('radio', { name: '65 bis 74 Jahre' }).check();
  await page.getByRole('button', { name: 'Zweite Eingabe vergleichen und speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'weicht bei 1 Frage von der ersten ab' })).toBeVisible();
  const diff = dataRows(page, 'Abweichungen zwischen erster und zweiter Eingabe');
  await expect(diff).toHaveCount(1);
  await expect(diff.first()).toContainText('Wie alt sind Sie?');
  await expect(diff.first()).toContainText('55 bis 64 Jahre');
  await expect(diff.first()).toContainText('65 bis 74 Jahre');
  await expectAccessible(page, 'paper returns with differences');
  await age.getByRole('radio', { name: '55 bis 64 Jahre' }).check();
  await page.getByRole('button', { name: 'Zweite Eingabe vergleichen und speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Befragung hat jetzt 14 Antworten.' })).toBeVisible();

  // One more, double entry agreeing at once.
  await field(page, 'Bogennummer').fill('P-105');
  await safe.getByRole('radio', { name: 'sehr sicher' }).check();
  await sex.getByRole('radio', { name: 'männlich' }).check();
  await page.getByRole('button', { name: 'Erste Eingabe speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die erste Eingabe von Bogen P-105 ist vorgemerkt.' })).toBeVisible();
  await safe.getByRole('radio', { name: 'sehr sicher' }).check();
  await sex.getByRole('radio', { name: 'männlich' }).check();
  await page.getByRole('button', { name: 'Zweite Eingabe vergleichen und speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Befragung hat jetzt 15 Antworten.' })).toBeVisible();

  await page.getByRole('link', { name: 'Zur Befragung' }).click();
  await expect(page.locator('[data-count="responsesOnline"] dd')).toHaveText('10');
  await expect(page.locator('[data-count="responsesPaper"] dd')).toHaveText('5');
  await expect(page.locator('[data-count="codesUsed"] dd')).toHaveText('10');

  // Returns from a CSV by codebook names: a wrong value is named by line and column; a correct file is stored.
  await page.getByRole('link', { name: 'Rückläufe aus CSV importieren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `CSV-Import von Rückläufen: ${title}` })).toBeVisible();
  const dir = await mkdtemp(path.join(tmpdir(), 'survey-import-'));
  const bad = path.join(dir, 'rueckläufe-fehler.csv');
  const good = path.join(dir, 'rueckläufe.csv');
  await writeFile(bad, 'sicher_nachts;altersgruppe;geschlecht;opfer_diebstahl\nsehr_sicher;a35_44;w;ja\nirgendwie;a45_54;m;nein\n');
  await writeFile(good, IMPORT_CSV);
  await field(page, 'CSV-Datei').setInputFiles(bad);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const importPreview = page.getByRole('region', { name: 'Vorschau' });
  await expect(importPreview.locator('[data-count="rows"] dd')).toHaveText('2');
  await expect(dataRows(page, 'Fehler in der Datei').first()).toContainText('„irgendwie“ ist keine Antwort dieser Frage');
  await expect(page.getByRole('button', { name: /gültige Zeile speichern/ })).toHaveCount(0);
  await expectAccessible(page, 'import preview with errors');
  await field(page, 'CSV-Datei').setInputFiles(good);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(importPreview.locator('[data-count="valid"] dd')).toHaveText('2');
  await page.getByRole('button', { name: '2 gültige Zeilen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Import ist abgeschlossen: 2 Rückläufe gespeichert.' })).toBeVisible();
  await page.getByRole('link', { name: 'Zur Befragung' }).click();
  await expect(page.locator('[data-count="responsesImport"] dd')).toHaveText('2');
  await expect(page.locator('[data-count="responsesTotal"] dd')).toHaveText('17');
});

test('staff close the survey and see the weighted results', async ({ page, browser, signInAs }) => {
  // A survey in fieldwork with 17 returns: ten online, five on paper, two imported; one code unused.
  const survey = await surveyInFieldwork(11);
  await submitOnline(survey.codes.slice(0, 10), ONLINE_ANSWERS);
  await enterPaperAndImport(survey.id, PAPER_ANSWERS, IMPORT_CSV);
  const title = survey.title;
  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${survey.id}`);
  await page.getByRole('button', { name: 'Befragung abschließen' }).click();
  await page.getByRole('dialog', { name: 'Befragung abschließen?' }).getByRole('button', { name: 'Befragung abschließen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Befragung ist abgeschlossen.' })).toBeVisible();
  await expectAccessible(page, 'survey detail (closed)');

  // A code never used now meets the closed field period: a clear message, nothing to answer.
  const visitor = await browser.newContext({ baseURL: process.env.PRAEVIS_E2E_BASE_URL, locale: 'de-DE' });
  const closedPage = await visitor.newPage();
  await openWithCode(closedPage, survey.codes[10]!);
  await expect(closedPage.getByRole('alert')).toContainText('Die Befragung ist beendet');
  await expect(field(closedPage, DE.code)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(closedPage, 'public code page, survey closed');
  await visitor.close();

  await page.getByRole('link', { name: 'Ergebnisse' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${survey.id}/results`));
  await expect(page.getByRole('heading', { level: 1, name: `Ergebnisse: ${title}` })).toBeVisible();
  await expectAccessible(page, 'survey results (before margins)');

  // Population margins (sex, from the municipal directory) → the results are weighted by raking.
  await page.getByRole('link', { name: 'Randverteilungen bearbeiten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Randverteilungen/ })).toBeVisible();
  await page.getByRole('button', { name: 'Geschlecht aus dem Gemeindeverzeichnis übernehmen' }).click();
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText(/Die Randverteilungen sind gespeichert/)).toBeVisible();
  await expectAccessible(page, 'survey margins');
  await page.getByRole('link', { name: 'Zu den Ergebnissen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ergebnisse: ${title}` })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'gewichtet (Raking)' })).toBeChecked();
  await page.getByText('Methode: Gewichtung, Unterdrückung kleiner Gruppen, Konfidenzintervalle').click();
  await expect(page.getByText(/Raking nach .*: \d+ Iterationen, konvergiert/)).toBeVisible();
  await expect(page.getByText('17 Antworten', { exact: false }).first()).toBeVisible();
  // Groups smaller than k = 5 are suppressed.
  await expect(page.getByText('< 5').first()).toBeVisible();
  await expectAccessible(page, 'survey results (weighted)');
});

test('staff restore an older questionnaire version after a confirmation', async ({ page, signInAs }) => {
  const staff = await apiAs(LPR_STAFF);
  let surveyId: number;
  let original: unknown;
  try {
    const today = todayBerlin();
    const survey = await staff.post<{ id: number }>('/api/surveys', {
      title: uniqueSurveyTitle(),
      municipalities: [MUNICIPALITIES.amtsberg.ags],
      fieldStart: today,
      fieldEnd: today,
    });
    surveyId = survey.id;
    const q = await staff.get<{ definition: { title: { de: string } } }>(`/api/surveys/${surveyId}/questionnaire`);
    original = q.definition;
    await staff.put(`/api/surveys/${surveyId}/questionnaire`, {
      basedOnVersion: 1,
      definition: { ...q.definition, title: { ...q.definition.title, de: 'Ein geänderter Titel des Fragebogens' } },
    });
  } finally {
    await staff.dispose();
  }
  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${surveyId}/questionnaire/versions/1`);
  await expect(page.getByRole('heading', { level: 1, name: /^Fragebogen, Version 1: / })).toBeVisible();
  await page.getByRole('button', { name: 'Diese Version wiederherstellen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Version 1 wiederherstellen?' });
  await expect(dialog).toContainText('als neue Version 3 gespeichert');
  await expectAccessible(page, 'restore a questionnaire version (dialog)');
  // Cancelling changes nothing; confirming restores.
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Diese Version wiederherstellen' }).click();
  await page
    .getByRole('dialog', { name: 'Version 1 wiederherstellen?' })
    .getByRole('button', { name: 'Diese Version wiederherstellen' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Die ältere Version wurde als neue, aktuelle Version wiederhergestellt.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/questionnaire$`));

  const check = await apiAs(LPR_STAFF);
  try {
    const current = await check.get<{ version: number; definition: unknown }>(`/api/surveys/${surveyId}/questionnaire`);
    expect(current.version).toBe(3);
    expect(current.definition).toEqual(original);
  } finally {
    await check.dispose();
  }
  // The current version offers no restore.
  await page.goto(`/surveys/${surveyId}/questionnaire/versions/3`);
  await expect(page.getByText('Das ist die aktuelle Version.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Diese Version wiederherstellen' })).toHaveCount(0);
});
