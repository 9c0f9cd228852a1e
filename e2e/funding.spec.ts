import type { Page } from '@playwright/test';
import { pdfText } from '../src/server/test/pdf-text.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection } from './helpers.ts';
import { LPR_STAFF } from './support/accounts.ts';
import {
  AUE,
  createAueCoordinator,
  openProgrammeYear,
  programmeLabel,
  projectTitle,
  projectWithApplication,
  type Programme,
} from './support/funding-setup.ts';

// The funding story, one step per test: a coordinator of Aue-Bad Schlema (advised by the council
// in 2023, see the seeded history) drafts a project along the Beccaria steps and applies; council
// staff review and approve partly; the grant notice holds the amount; a payment and a proof of use
// are recorded; the budget overview shows the figures. Each test gets its own coordinator, its own
// programme year and a project with an application in the state it starts from (see
// support/funding-setup.ts).
test.describe.configure({ timeout: 360_000 });

const nav = (page: Page, name: string) => goToSection(page, name);

/** On the funding page: the test's own programme year. */
const chooseProgramme = (page: Page, programme: Programme) =>
  field(page, 'Programmjahr').selectOption({ label: programmeLabel(programme) });

test('the coordinator drafts a project along the Beccaria steps and submits an application', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const PROJECT = projectTitle();
  await signInAs(coordinator);
  await nav(page, 'Projekte');
  await expect(page.getByRole('heading', { level: 1, name: 'Präventionsprojekte' })).toBeVisible();
  await page.getByRole('link', { name: 'Neues Projekt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neues Präventionsprojekt' })).toBeVisible();
  await expect(field(page, 'Kommune').locator('option:checked')).toHaveText(/Aue-Bad Schlema/);
  await field(page, 'Titel').fill(PROJECT);
  await page.getByRole('checkbox', { name: 'Sachbeschädigung durch Graffiti' }).check();
  await expectAccessible(page, 'new project');
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: PROJECT })).toBeVisible();
  const completeness = page.getByRole('region', { name: 'Vollständigkeit nach dem Beccaria-Standard', exact: true });
  await expect(completeness).toContainText('0 von 7 Schritten vollständig.');
  await expectAccessible(page, 'empty project');

  const step = (name: string) => page.getByRole('region', { name, exact: true });
  // 1 and 2
  await field(step('1. Problembeschreibung'), 'Problembeschreibung').fill(
    'Seit 2022 deutlich mehr illegale Graffiti an den Bushaltestellen im Zentrum.',
  );
  await step('1. Problembeschreibung').getByRole('button', { name: 'Schritt 1 speichern' }).click();
  await expect(step('1. Problembeschreibung').getByRole('status')).toHaveText('Schritt 1 gespeichert.');
  await expect(step('1. Problembeschreibung')).toContainText('vollständig');
  await field(step('2. Analyse der Ursachen'), 'Ursachenanalyse').fill('Fehlende legale Flächen, wenig Angebote für Jugendliche am Abend.');
  await step('2. Analyse der Ursachen').getByRole('button', { name: 'Schritt 2 speichern' }).click();
  await expect(step('2. Analyse der Ursachen').getByRole('status')).toHaveText('Schritt 2 gespeichert.');
  // 3: goal with indicator, target group
  const goals = step('3. Ziele und Zielgruppen');
  await goals.getByRole('button', { name: 'Ziel hinzufügen' }).click();
  await field(goals, 'Ziel 1: Beschreibung').fill('Weniger illegale Graffiti an Haltestellen');
  await field(goals, 'Indikator 1.1').fill('Gemeldete Sachbeschädigungen');
  await field(goals, 'Zielwert 1.1').fill('-30 % in zwei Jahren');
  await goals.getByRole('button', { name: 'Zielgruppe hinzufügen' }).click();
  await field(goals, 'Zielgruppe 1').fill('Jugendliche von 14 bis 21 Jahren');
  await goals.getByRole('button', { name: 'Schritt 3 speichern' }).click();
  await expect(goals.getByRole('status')).toHaveText('Schritt 3 gespeichert.');
  // 4
  const measures = step('4. Maßnahmen und Vorgehen');
  await measures.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
  await field(measures, 'Maßnahme 1').fill('Graffiti-Wettbewerb: Jugendliche gestalten die Haltestellen');
  await measures.getByRole('button', { name: 'Schritt 4 speichern' }).click();
  await expect(measures.getByRole('status')).toHaveText('Schritt 4 gespeichert.');
  // 5
  const plan = step('5. Umsetzungsplan');
  await field(plan, 'Umsetzungsplan').fill('Ausschreibung im Frühjahr, Gestaltung im Sommer, Einweihung im Herbst.');
  await plan.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  await field(plan, 'Meilenstein 1').fill('Ausschreibung des Wettbewerbs');
  await field(plan, 'Fällig am (Meilenstein 1)').fill(`${programme.year}-03-01`);
  await plan.getByRole('button', { name: 'Schritt 5 speichern' }).click();
  await expect(plan.getByRole('status')).toHaveText('Schritt 5 gespeichert.');
  // 6
  const evaluation = step('6. Evaluation');
  await field(evaluation, 'Evaluationsplan').fill('Vorher-nachher-Vergleich der Meldungen; Befragung der Anwohner.');
  await evaluation.getByRole('button', { name: 'Schritt 6 speichern' }).click();
  await expect(evaluation.getByRole('status')).toHaveText('Schritt 6 gespeichert.');
  await expect(completeness).toContainText('6 von 7 Schritten vollständig. Die Beschreibung reicht für einen Förderantrag.');
  await expect(step('7. Schlussfolgerungen und Dokumentation')).toContainText('folgt nach Abschluss');
  await expectAccessible(page, 'project with six steps');

  // The application: cost and financing plan with live rule messages.
  await page.getByRole('link', { name: 'Förderantrag stellen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Förderantrag' })).toBeVisible();
  await expect(field(page, 'Förderprogramm')).toHaveValue(/.+/);
  await field(page, 'Förderprogramm').selectOption({ label: programmeLabel(programme) });
  await field(page, 'Bezeichnung (Position 1)').fill('Projektkoordination (Teilzeit)');
  await field(page, 'Betrag in € (Position 1)').fill('24.000');
  await field(page, 'Entgeltgruppe (Position 1)').selectOption({ label: 'TV-L E11' });
  await field(page, 'Monate (Position 1)').fill('6');
  await field(page, 'Bezeichnung (Position 2)').fill('Farben und Material');
  await field(page, 'Betrag in € (Position 2)').fill('6.000');
  await page.getByRole('button', { name: 'Position hinzufügen' }).click();
  await field(page, 'Kostenart (Position 3)').selectOption({ label: 'Öffentlichkeitsarbeit' });
  await field(page, 'Bezeichnung (Position 3)').fill('Plakate und Einweihungsfest');
  await field(page, 'Betrag in € (Position 3)').fill('4.000');
  await field(page, 'Eigenanteil in €').fill('3.000');
  await field(page, 'Beantragte Zuwendung in €').fill('31.000');
  const rules = page.getByRole('region', { name: 'Regelprüfung', exact: true });
  await expect(rules).toContainText('Regel „Höchstförderquote“');
  await expect(rules).toContainText('Regel „Mindesteigenanteil“');
  await field(page, 'Eigenanteil in €').fill('3.400');
  await field(page, 'Beantragte Zuwendung in €').fill('30.600');
  await expect(rules).toContainText('Alle Regeln des Programms sind erfüllt.');
  await expect(rules).toContainText('34.000,00 €');
  await expectAccessible(page, 'application form');
  await page.getByRole('button', { name: 'Antrag als Entwurf speichern' }).click();

  await expect(page.getByRole('heading', { level: 1, name: PROJECT })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Regelprüfung und Einreichung', exact: true })).toContainText(
    'Alle Regeln des Programms sind erfüllt.',
  );
  await page.getByRole('button', { name: 'Antrag einreichen' }).click();
  await expect(page.getByText('Eingereicht', { exact: true })).toBeVisible();
  await expectAccessible(page, 'submitted application');
});

test('council staff review the application and approve it partly; the grant notice holds the amount', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const { title: PROJECT } = await projectWithApplication(coordinator, programme, 'submitted');
  await signInAs(LPR_STAFF);
  await nav(page, 'Förderung');
  await expect(page.getByRole('heading', { level: 1, name: 'Förderung' })).toBeVisible();
  await chooseProgramme(page, programme);
  await page.getByRole('region', { name: 'Förderanträge', exact: true }).getByRole('link', { name: PROJECT }).click();
  await expect(page.getByRole('heading', { level: 1, name: PROJECT })).toBeVisible();

  const review = page.getByRole('region', { name: 'Begutachtung', exact: true });
  await field(review, 'Gutachterin oder Gutachter').selectOption({ label: LPR_STAFF.name });
  await review.getByRole('button', { name: 'Zuweisen' }).click();
  const form = review.getByRole('form', { name: `Gutachten von ${LPR_STAFF.name}` });
  for (const [label, score] of [
    ['Bedarf und Problemlage', '5 – sehr gut'],
    ['Qualität nach Beccaria', '4 – gut'],
    ['Umsetzbarkeit', '4 – gut'],
    ['Wirtschaftlichkeit', '3 – befriedigend'],
    ['Nachhaltigkeit', '4 – gut'],
  ]) {
    await field(form, label!).selectOption({ label: score! });
  }
  await field(form, 'Kommentar').fill('Schlüssig; die Öffentlichkeitsarbeit ist zu hoch angesetzt.');
  await form.getByRole('button', { name: 'Gutachten abgeben' }).click();
  await expect(review).toContainText('Gutachten abgegeben');

  const recommendation = page.getByRole('region', { name: 'Empfehlung an das Entscheidungsgremium', exact: true });
  await expect(recommendation).toContainText('Bedarf und Problemlage 5');
  await field(recommendation, 'Empfehlung').selectOption({ label: 'Teilweise bewilligen' });
  await field(recommendation, 'Empfohlener Betrag in €').fill('25.000');
  await field(recommendation, 'Zusammenfassung für das Entscheidungsgremium').fill('Teilbewilligung ohne Plakate.');
  await recommendation.getByRole('button', { name: 'Empfehlung speichern' }).click();
  await expect(recommendation.getByRole('status')).toHaveText('Gespeichert.');
  await expectAccessible(page, 'application in review');

  const decision = page.getByRole('region', { name: 'Entscheidung', exact: true });
  await decision.getByRole('radio', { name: 'Teilweise bewilligt' }).check();
  await field(decision, 'Bewilligter Betrag in €').fill('25.000');
  await field(decision, 'Begründung').fill('Öffentlichkeitsarbeit nur anteilig förderfähig.');
  await decision.getByRole('button', { name: 'Entscheidung speichern' }).click();
  const notice = page.getByRole('region', { name: 'Bescheid', exact: true });
  await expect(notice).toContainText('Teilweise bewilligt: 25.000,00 €');

  const link = notice.getByRole('link', { name: 'Zuwendungsbescheid herunterladen (PDF)' });
  const pdf = await page.request.get((await link.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const { text } = await pdfText(await pdf.body());
  expect(text).toContain('Zuwendungsbescheid (Teilbewilligung)');
  expect(text).toContain('in Höhe von 25.000,00 €');
  expect(text).toContain(AUE.name);
  await expectAccessible(page, 'decided application');
});

test('the coordinator requests a payment and submits the proof of use; staff record the payment and check the proof', async ({
  page,
  signInAs,
}) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const { title: PROJECT } = await projectWithApplication(coordinator, programme, 'partly_approved');
  await signInAs(coordinator);
  await nav(page, 'Förderung');
  await chooseProgramme(page, programme);
  await page.getByRole('region', { name: 'Förderanträge', exact: true }).getByRole('link', { name: PROJECT }).click();
  const payments = page.getByRole('region', { name: 'Auszahlungen', exact: true });
  await field(payments, 'Art der Auszahlung').selectOption({ label: 'Abschlag (Vorauszahlung)' });
  await field(payments, 'Angeforderter Betrag in €').fill('25.000');
  await payments.getByRole('button', { name: 'Auszahlung anfordern' }).click();
  await expect(payments.getByRole('status')).toHaveText('Auszahlung angefordert.');
  await expect(payments.getByRole('table', { name: 'Auszahlungen' })).toContainText('offen');

  const proof = page.getByRole('region', { name: 'Verwendungsnachweis', exact: true });
  await field(proof, 'Ist-Ausgaben Personal in €').fill('22.000');
  await field(proof, 'Ist-Ausgaben Sachmittel in €').fill('5.000');
  await field(proof, 'Ist-Ausgaben Öffentlichkeitsarbeit in €').fill('3.000');
  await field(proof, 'Sachbericht').fill('Zwölf Haltestellen gestaltet; Einweihung mit 200 Gästen.');
  await proof.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
  await expect(proof).toContainText('Ist-Ausgaben 30.000,00 €, davon förderfähig 30.000,00 €.');
  await expectAccessible(page, 'payment requested, proof submitted');

  await signInAs(LPR_STAFF);
  await nav(page, 'Förderung');
  await chooseProgramme(page, programme);
  await page.getByRole('region', { name: 'Förderanträge', exact: true }).getByRole('link', { name: PROJECT }).click();
  const staffPayments = page.getByRole('region', { name: 'Auszahlungen', exact: true });
  await field(staffPayments, 'Ausgezahlter Betrag in €').fill('25.000');
  await staffPayments.getByRole('button', { name: 'Als ausgezahlt erfassen' }).click();
  await expect(staffPayments).toContainText('Bewilligt 25.000,00 €, ausgezahlt 25.000,00 €.');
  const check = page.getByRole('region', { name: 'Verwendungsnachweis', exact: true });
  await field(check, 'Anerkannte förderfähige Ausgaben in €').fill('30.000');
  await check.getByRole('button', { name: 'Verwendungsnachweis prüfen' }).click();
  // 25,000 of 34,000 planned eligible → 30,000 accepted give 22,058.82; 2,941.18 of the 25,000 paid go back.
  await expect(check).toContainText('Anerkannt 30.000,00 €, Zuwendung 22.058,82 €, Rückforderung 2.941,18 €. Status: Rückforderung.');
  await expectAccessible(page, 'proof checked');
});

test('the budget overview shows the right figures, with a chart and its table', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const PROGRAMME_YEAR = programme.year;
  const { title: PROJECT } = await projectWithApplication(coordinator, programme, 'repayment_demanded');
  await signInAs(LPR_STAFF);
  await nav(page, 'Förderung');
  await chooseProgramme(page, programme);
  const budget = page.getByRole('region', { name: `Budget ${PROGRAMME_YEAR}`, exact: true });
  const figures = budget.getByRole('definition');
  await expect(budget.getByRole('group', { name: 'Budget in Zahlen' })).toContainText('Budget100.000,00 €');
  await expect(figures).toHaveText(['100.000,00 €', '30.600,00 €', '25.000,00 €', '25.000,00 €', '2.941,18 €', '75.000,00 €']);
  await expect(
    budget.getByRole('img', {
      name: `Balkendiagramm: bewilligt, ausgezahlt und zurückgefordert je Handlungsfeld, Programm ${PROGRAMME_YEAR}`,
    }),
  ).toBeVisible();
  const byField = budget.getByRole('table', { name: 'Budget nach Handlungsfeld' });
  await expect(byField.getByRole('row', { name: /Sachbeschädigung durch Graffiti/ })).toContainText(
    '30.600,00 €25.000,00 €25.000,00 €2.941,18 €',
  );
  const byDistrict = budget.getByRole('table', { name: 'Budget nach Kreis' });
  await expect(byDistrict.getByRole('row', { name: /Erzgebirgskreis/ })).toContainText('25.000,00 €');
  const funded = page.getByRole('region', { name: `Geförderte Projekte ${PROGRAMME_YEAR}`, exact: true });
  await expect(funded.getByRole('row', { name: new RegExp(PROJECT) })).toContainText(AUE.name);
  const csv = await page.request.get((await budget.getByRole('link', { name: 'Budget als CSV' }).getAttribute('href'))!);
  expect(await csv.text()).toContain(`${PROGRAMME_YEAR};100000;30600;25000;25000;2941,18;75000;1`);
  await expectAccessible(page, 'budget overview');
});
