import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { mainNavigation } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { todayBerlin } from '../src/shared/time.ts';

// Council staff close four surveys through the API (paper returns): a weighted and an unweighted
// one that allow comparison, one that does not, and one of three respondents (below k = 5) that
// does. Opened from the weighted survey's results, the statewide benchmark marks it, lists the
// others with their intervals, suppresses the small one, leaves out the one without consent –
// and has no axe violations. The benchmark and its map cover every survey of the state, and this
// test releases one of them: it runs on a server of its own, so that neither another test's surveys
// nor its own earlier run (`--repeat-each`) colour a municipality it expects blank.
test.describe.configure({ timeout: 360_000 });
test.use({ ownServer: true });

const SAFETY = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
const AGES = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];

/** As council staff through the API: a closed survey of the municipality with `returns` paper returns. */
async function closedSurvey(baseURL: string, opts: { ags: string; returns: number; allowsComparison: boolean; margins: boolean }) {
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    const today = todayBerlin();
    const title = `Landesvergleich ${uniqueTag()} (Test)`;
    const survey = await staff.post<{ id: number }>('/api/surveys', {
      title,
      municipalities: [opts.ags],
      fieldStart: today,
      fieldEnd: today,
      allowsComparison: opts.allowsComparison,
    });
    await staff.post(`/api/surveys/${survey.id}/start`, {});
    for (let i = 0; i < opts.returns; i += 1) {
      const answers = {
        sicher_nachts: SAFETY[i % 4],
        inzivilitaet: { graffiti: ['kein', 'gering', 'ziemlich', 'gross'][i % 4], muell: 'gering', parken: 'gering', vandalismus: 'kein' },
        meiden: { orte: i % 3 === 0 ? 'ja' : 'nein' },
        vertrauen: { polizei: ['t2', 't3', 't4', 't5'][i % 4] },
        opfer: i % 5 === 0 ? ['diebstahl'] : ['nichts'],
        altersgruppe: AGES[i % 7],
        geschlecht: i % 2 === 0 ? 'w' : 'm',
      };
      await staff.post(`/api/surveys/${survey.id}/paper-returns`, { answers, entry: 'single' });
    }
    await staff.post(`/api/surveys/${survey.id}/close`, {});
    if (opts.margins) {
      await staff.put(`/api/surveys/${survey.id}/margins`, {
        version: 0,
        ageSex: AGES.flatMap((ageGroup, i) => [
          { ageGroup, sex: 'w', population: 1000 + 100 * i },
          { ageGroup, sex: 'm', population: 1200 - 50 * i },
        ]),
      });
    }
    return { id: survey.id, title };
  } finally {
    await staff.dispose();
  }
}

test('the statewide benchmark marks the survey it was opened from, with intervals, suppression and no survey without consent', async ({
  page,
  baseURL,
  signInAs,
}) => {
  const server = baseURL!;
  const own = await closedSurvey(server, { ags: MUNICIPALITIES.annaberg.ags, returns: 40, allowsComparison: true, margins: true });
  const plain = await closedSurvey(server, { ags: MUNICIPALITIES.aue.ags, returns: 40, allowsComparison: true, margins: false });
  const hidden = await closedSurvey(server, { ags: MUNICIPALITIES.amtsberg.ags, returns: 40, allowsComparison: false, margins: false });
  const tiny = await closedSurvey(server, { ags: MUNICIPALITIES.dresden.ags, returns: 3, allowsComparison: true, margins: false });

  await signInAs(LPR_STAFF);
  await page.goto(`/surveys/${own.id}/results`);
  // The main navigation has the benchmark; the results page links to it with the survey marked.
  await expect(mainNavigation(page).getByRole('link', { name: 'Landesvergleich', exact: true, includeHidden: true })).toHaveCount(1);
  await page.getByRole('main').getByRole('link', { name: 'Landesvergleich' }).click();
  await expect(page).toHaveURL(new RegExp(`/survey-benchmark\\?surveyId=${own.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Landesvergleich Sicherheitsempfinden' })).toBeVisible();

  // The map with the index chosen by a labelled select; the legend in words.
  await expect(page.getByLabel('Index auf der Karte')).toHaveValue('unsafe_night');
  const map = page.getByRole('img', { name: 'Karte der Kommunen: Nachts unsicher' });
  await expect(map).toBeVisible();
  // Aue: 50 % unsafe at night, the top class; Dresden: the survey of three, suppressed; Amtsberg: no consent, no colour.
  await expect(map.locator(`path[data-ags="${MUNICIPALITIES.aue.ags}"]`)).toHaveAttribute('data-category', 'class-3');
  await expect(map.locator(`path[data-ags="${MUNICIPALITIES.dresden.ags}"]`)).toHaveAttribute('data-category', 'suppressed');
  await expect(map.locator(`path[data-ags="${MUNICIPALITIES.amtsberg.ags}"]`)).toHaveAttribute('data-category', 'none');
  await expect(page.getByRole('list', { name: 'Legende' }).getByText('10 % bis unter 20 %')).toBeVisible();
  await page.getByLabel('Index auf der Karte').selectOption('trust_police');
  await expect(page.getByText(/nach dem Wert „Vertrauen in die Polizei“/)).toBeVisible();

  const table = page.getByRole('table', { name: 'Indizes je Befragung mit 95-%-Intervall' });
  await expect(table.getByRole('columnheader', { name: 'Nachts unsicher' })).toBeVisible();

  // The survey it was opened from: marked, weighted, every index with its interval.
  const ownRow = table.getByRole('row', { name: new RegExp(own.title.replace(/[()]/g, '\\$&')) });
  await expect(ownRow.getByRole('rowheader')).toHaveText(`${MUNICIPALITIES.annaberg.name} (diese Befragung)`);
  await expect(ownRow).toContainText('gewichtet');
  await expect(ownRow.getByText(/^95-%-Intervall \d+,\d % – \d+,\d %$/)).toHaveCount(4);

  // The unweighted survey: 20 of 40 feel fairly or very unsafe at night – 50,0 %, with an interval around it.
  const plainRow = table.getByRole('row', { name: new RegExp(plain.title.replace(/[()]/g, '\\$&')) });
  await expect(plainRow).toContainText('ungewichtet');
  await expect(plainRow.getByRole('cell').nth(2)).toContainText(/^50,0 %95-%-Intervall \d+,\d % – \d+,\d %$/);

  // The survey of three respondents: every index "< 5"; the survey without consent: absent.
  const tinyRow = table.getByRole('row', { name: new RegExp(tiny.title.replace(/[()]/g, '\\$&')) });
  await expect(tinyRow.getByText('< 5')).toHaveCount(5);
  await expect(table.getByText(hidden.title)).toHaveCount(0);

  // Others: never the survey itself.
  await expect(table.getByRole('rowheader', { name: /^Andere zusammen \(\d+ Befragungen\)$/ })).toBeVisible();

  await expectAccessible(page, 'statewide survey benchmark');

  // Whoever runs the survey releases it in the survey's edit form, also once closed; then it joins the benchmark.
  await page.goto(`/surveys/${hidden.id}`);
  await expect(page.getByTestId('survey-comparison-consent')).toHaveText('Landesvergleich: nicht freigegeben.');
  await page.getByRole('button', { name: 'Angaben ändern' }).click();
  const edit = page.getByRole('region', { name: 'Angaben ändern' });
  await expect(edit.getByLabel('Beginn der Feldphase')).toBeDisabled();
  const release = edit.getByRole('switch', { name: 'Für den Landesvergleich freigegeben' });
  await expect(release).not.toBeChecked();
  await release.click();
  await expect(release).toBeChecked();
  await expectAccessible(page, 'survey edit form of a closed survey');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Angaben wurden gespeichert.' })).toBeVisible();
  await expect(page.getByTestId('survey-comparison-consent')).toContainText('Landesvergleich: freigegeben');
  await page.goto('/survey-benchmark');
  await expect(page.getByRole('table', { name: 'Indizes je Befragung mit 95-%-Intervall' }).getByText(hidden.title)).toBeVisible();
});
