import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows, field, goToSection } from './helpers.ts';
import { LPR_STAFF, MINISTRY, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { todayBerlin } from '../src/shared/time.ts';

// Council staff create a survey through the API, enter 40 paper returns (three of them from
// respondents of sex "divers", a group below k = 5), close it, enter the margins in the browser,
// and read the weighted results: weighting report, indices, comparison, a question's chart and
// table, a crosstab with the suppressed group marked, the downloads – scanned with axe. Each test
// closes a survey of its own (unique title); the reading tests store its margins through the API.
test.describe.configure({ timeout: 360_000 });

const SAFETY = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
const AGES = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];
/** The population of Annaberg-Buchholz by age group: [female, male]. */
const POPULATION: Record<string, [number, number]> = {
  a16_24: [800, 850],
  a25_34: [1000, 1100],
  a35_44: [1100, 1150],
  a45_54: [1300, 1300],
  a55_64: [1600, 1500],
  a65_74: [1500, 1300],
  a75: [1700, 1100],
};

interface ClosedSurvey {
  id: number;
  title: string;
}

/** As council staff through the API: a survey of Annaberg-Buchholz with 40 paper returns, closed; with `margins` its margins too. */
async function closedSurvey({ margins }: { margins: boolean }): Promise<ClosedSurvey> {
  const staff = await apiAs(LPR_STAFF);
  try {
    const today = todayBerlin();
    const title = `Sicherheitsgefühl Annaberg-Buchholz ${uniqueTag()} (Test)`;
    const survey = await staff.post<{ id: number }>('/api/surveys', {
      title,
      municipalities: [MUNICIPALITIES.annaberg.ags],
      fieldStart: today,
      fieldEnd: today,
    });
    await staff.post(`/api/surveys/${survey.id}/start`, {});
    for (let i = 0; i < 40; i += 1) {
      const answers = {
        sicher_nachts: SAFETY[i % 4],
        inzivilitaet: {
          graffiti: ['kein', 'gering', 'ziemlich', 'gross'][i % 4],
          muell: ['gering', 'ziemlich'][i % 2],
          parken: 'gering',
          vandalismus: ['kein', 'gross'][i % 2],
        },
        meiden: { orte: i % 3 === 0 ? 'ja' : 'nein' },
        vertrauen: { polizei: ['t2', 't3', 't4', 't5'][i % 4] },
        opfer: i % 5 === 0 ? ['diebstahl'] : ['nichts'],
        altersgruppe: AGES[i % 7],
        geschlecht: i < 3 ? 'd' : i % 2 === 0 ? 'w' : 'm',
        haushalt: 1 + (i % 4),
      };
      await staff.post(`/api/surveys/${survey.id}/paper-returns`, { answers, entry: 'single' });
    }
    await staff.post(`/api/surveys/${survey.id}/close`, {});
    if (margins) {
      await staff.put(`/api/surveys/${survey.id}/margins`, {
        version: 0,
        ageSex: AGES.flatMap((ageGroup) => [
          { ageGroup, sex: 'w', population: POPULATION[ageGroup]![0] },
          { ageGroup, sex: 'm', population: POPULATION[ageGroup]![1] },
        ]),
      });
    }
    return { id: survey.id, title };
  } finally {
    await staff.dispose();
  }
}

test('council staff close a survey with paper returns and enter the margins', async ({ page, signInAs }) => {
  const { id: surveyId } = await closedSurvey({ margins: false });
  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${surveyId}/margins`);
  await expect(page.getByRole('heading', { level: 1, name: 'Randverteilungen' })).toBeVisible();
  await expect(page.getByText('Noch keine Randverteilungen hinterlegt.')).toBeVisible();
  await expectAccessible(page, 'margins editor');
  const ageLabels = [
    '16 bis 24 Jahre',
    '25 bis 34 Jahre',
    '35 bis 44 Jahre',
    '45 bis 54 Jahre',
    '55 bis 64 Jahre',
    '65 bis 74 Jahre',
    '75 Jahre und älter',
  ];
  for (const [i, code] of AGES.entries()) {
    await field(page, `${ageLabels[i]}, weiblich`).fill(String(POPULATION[code]![0]));
    await field(page, `${ageLabels[i]}, männlich`).fill(String(POPULATION[code]![1]));
  }
  await page.getByLabel('Kappungsgrenze: größtes Gewicht (leer = keine Kappung)').fill('5');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Die Randverteilungen sind gespeichert (Version 1).')).toBeVisible();
  await expect(page.getByLabel('Kappungsgrenze: größtes Gewicht (leer = keine Kappung)')).toHaveValue('5');
});

test('the weighted results show the weighting, indices, charts with tables and the suppressed group', async ({ page, signInAs }) => {
  const { id: surveyId, title } = await closedSurvey({ margins: true });
  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${surveyId}/results`);
  await expect(page.getByRole('heading', { level: 1, name: `Ergebnisse: ${title}` })).toBeVisible();
  await expect(page.getByText('40 Antworten · Mindestgruppengröße k = 5')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'gewichtet (Raking)' })).toBeChecked();

  // The page opens with a summary in plain German; the first heading below the title is the summary's.
  const summary = page.getByRole('region', { name: 'Das Wichtigste in Kürze' });
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Das Wichtigste in Kürze');
  await expect(summary).toContainText(
    /Etwa (jede \w+ befragte Person fühlt|die Hälfte der Befragten fühlt|\w+ von \w+ Befragten fühlen) sich nachts allein in der Wohngegend unsicher \(\d+ %, zwischen \d+ und \d+ %\)\./,
  );
  await expect(summary).toContainText('Die Anteile sind gewichtet');
  for (const jargon of ['Raking', 'Toleranz', 'Designeffekt', 'Logit', 'Wilson']) await expect(summary).not.toContainText(jargon);
  // The method is folded below it: closed at first, opened on request.
  const method = page.getByTestId('method-details');
  await expect(page.getByTestId('weighting-summary')).toBeHidden();
  await method.getByText('Methode: Gewichtung, Unterdrückung kleiner Gruppen, Konfidenzintervalle').click();
  await expect(page.getByTestId('weighting-summary')).toBeVisible();
  await expect(page.getByTestId('weighting-summary')).toContainText('Raking nach Altersgruppe × Geschlecht');
  await expect(page.getByTestId('weighting-summary')).toContainText('konvergiert');
  await expect(page.getByTestId('weighting-summary')).toContainText('Designeffekt der Gewichte (1 + CV²)');

  // Indices: the share feeling unsafe at night is a half (20 of 40 answered "ziemlich/sehr unsicher") before weighting.
  const indices = page.getByRole('table', { name: 'Indizes mit 95-%-Konfidenzintervall' });
  await expect(indices.getByRole('row', { name: /Nachts unsicher/ })).toBeVisible();
  await expect(indices.getByRole('columnheader', { name: 'Standardfehler' })).toBeVisible();
  await expect(indices.getByRole('row', { name: /Nachts unsicher/ })).toContainText(/\d+,\d Pp\./);

  // The statewide comparison pools the other closed surveys, never this one.
  await expect(page.getByRole('heading', { name: /^Vergleich mit den anderen abgeschlossenen Befragungen \(\d+\)$/ })).toBeVisible();

  // The first question's chart has its summary and a table with n, share and interval.
  await expect(page.getByTestId('survey-chart').first()).toBeVisible();
  const question = page.getByRole('table', { name: 'Wie sicher fühlen Sie sich nachts allein in Ihrer Wohngegend?' }).first();
  await expect(question.getByRole('columnheader', { name: '95-%-KI' })).toBeVisible();
  await expect(question.getByRole('columnheader', { name: 'Standardfehler' })).toBeVisible();
  await expect(question.getByRole('row', { name: /sehr unsicher/ })).toContainText(/\d+,\d Pp\./);

  // The sex question: "divers" (3 answers) is suppressed as "< 5", and one more cell complementarily.
  await page.getByRole('combobox', { name: 'Antworten je Frage' }).click();
  await page.getByRole('option', { name: 'Welches Geschlecht haben Sie?' }).click();
  const sex = page.getByRole('table', { name: 'Welches Geschlecht haben Sie?' }).first();
  await expect(sex.getByRole('row', { name: /divers/ })).toContainText('< 5');
  await expect(sex.getByText('unterdrückt')).toHaveCount(1);
  // Sex is a weighting variable: raking fixes its shares, shown without an interval.
  await expect(sex.getByText('durch Gewichtung festgelegt').first()).toBeVisible();

  // Crosstab felt safety × sex: the "divers" column is suppressed in every cell.
  await page.getByRole('combobox', { name: 'Spaltenvariable (Gruppe)' }).click();
  await page.getByRole('option', { name: 'Welches Geschlecht haben Sie?' }).click();
  const crosstab = page.getByTestId('crosstab-table');
  await expect(crosstab.getByRole('columnheader', { name: 'divers' })).toBeVisible();
  await expect(crosstab.locator('td[data-suppressed]')).not.toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Ergebnistabellen (CSV)' })).toHaveAttribute(
    'href',
    `/api/surveys/${surveyId}/results.csv?weighted=true&lang=de`,
  );
  await expect(page.getByRole('link', { name: 'Anonymisierte Antwortdaten (CSV)' })).toBeVisible();
  await expectAccessible(page, 'survey results (weighted)');

  await page.getByRole('switch', { name: 'gewichtet (Raking)' }).click({ force: true });
  await expect(page).toHaveURL(/weighted=false/);
  await expect(page.getByText('Gewichtung: ungewichtet')).toBeVisible();
  // Unweighted, half of the 40 said fairly or very unsafe: the logit interval of 20/40 with t(39).
  await expect(page.getByRole('region', { name: 'Das Wichtigste in Kürze' })).toContainText(
    'Etwa die Hälfte der Befragten fühlt sich nachts allein in der Wohngegend unsicher (50 %, zwischen 34 und 66 %).',
  );
  await expect(page.getByRole('region', { name: 'Das Wichtigste in Kürze' })).toContainText('Die Anteile sind ungewichtet');
  await expectAccessible(page, 'survey results (unweighted)');
});

test('the ministry reads the results of the closed survey without the research data', async ({ page, signInAs }) => {
  const { id: surveyId, title } = await closedSurvey({ margins: true });
  await signInAs(MINISTRY);
  // The ministry lists no surveys; its menu leads to the closed ones with their results.
  await goToSection(page, 'Befragungsergebnisse');
  await expect(page.getByRole('heading', { level: 1, name: 'Befragungsergebnisse' })).toBeVisible();
  await field(page, 'Befragung suchen').fill(title);
  const rows = dataRows(page, 'Befragungen mit Ergebnissen');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(MUNICIPALITIES.annaberg.name);
  await expectAccessible(page, 'surveys with results (ministry)');
  await rows.first().getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/results$`));
  await expect(page.getByRole('heading', { level: 1, name: `Ergebnisse: ${title}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ergebnistabellen (XLSX)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Anonymisierte Antwortdaten (CSV)' })).toHaveCount(0);
  await expectAccessible(page, 'survey results (ministry)');
});
