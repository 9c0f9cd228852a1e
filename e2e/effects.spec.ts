import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';
import { AUE, createAueCoordinator, FIELD_GRAFFITI, openProgrammeYear, projectWithApplication } from './support/funding-setup.ts';
import { closedPastWave } from './support/surveys-setup.ts';

// The effects of a funded project: Aue-Bad Schlema's graffiti project is approved in part (a
// committed grant makes it an intervention); LPR staff open the project and find its "Wirkung"
// section with the estimate for its field of action – here, as the server has no municipal figures
// after the project's start, the reason instead of a figure – the table and the downloads.
test.describe.configure({ timeout: 240_000 });

test('LPR staff open the "Wirkung" section of a funded project', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const project = await projectWithApplication(coordinator, programme, 'partly_approved');
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Projekte');
  await page.getByRole('link', { name: project.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: project.title })).toBeVisible();

  const section = page.getByRole('region', { name: 'Wirkung', exact: true });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByText(/verglichen mit ähnlichen Kommunen ohne eine solche Maßnahme/)).toBeVisible();
  const table = section.getByRole('table', { name: 'Schätzungen der Wirkung je Handlungsfeld' });
  await expect(table.getByRole('columnheader', { name: '95 %-Intervall' })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'Gefördertes Projekt' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(FIELD_GRAFFITI);
  // No figures after the start yet: no estimate, only the reason.
  await expect(row).toContainText(/Kein Ergebnis: /);
  await expect(section.getByRole('link', { name: 'Als CSV herunterladen' })).toHaveAttribute(
    'href',
    `/api/effects/export?format=csv&projectId=${project.projectId}&lang=de`,
  );
  await expect(section.getByText(/Methode did-rr-1\.1 · mindestens \d+ Fälle/)).toBeVisible();
  await expectAccessible(page, 'project with its Wirkung section');

  // LPR staff may choose the comparison group: the current (automatic) group is shown, and the form
  // names what is missing before anything is sent.
  const editor = section.getByRole('region', { name: 'Vergleichsgruppe wählen' });
  await expect(editor.getByText('Aktuelle Vergleichsgruppe: automatisch gewählt')).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Zur automatischen Auswahl zurückkehren' })).toHaveCount(0);
  await editor.getByRole('button', { name: 'Vergleichsgruppe speichern' }).click();
  await expect(editor.getByRole('link', { name: /Begründung: Bitte eine Begründung/ })).toBeVisible();
  await expectAccessible(page, 'comparison group form with its errors');

  // The statewide view of the same section group, one section per field of action of the programme.
  await goToSection(page, 'Wirkung');
  await expect(page.getByRole('heading', { level: 1, name: 'Wirkung' })).toBeVisible();
  for (const name of [
    'Koordinierungsstellen für KPR',
    FIELD_GRAFFITI,
    'Vermüllung öffentlicher Plätze',
    'Gewalt im öffentlichen Raum',
    'Extremismus',
    'Drogenmissbrauch',
  ])
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expectAccessible(page, 'statewide effects');
});

// The survey index effect of a funded project: Aue-Bad Schlema's graffiti project started on
// 1 June 2024; in its survey of spring 2023, 40 % of 150 respondents felt unsafe at night, in that
// of spring 2025 20 %; in Amtsberg, without such a project and surveyed in the same periods, 40 %
// both times. The "Wirkung" section shows the fall of 20 percentage points with its interval in
// the chart and in the table beside it.
test('LPR staff see a survey index effect with its interval in the "Wirkung" section of a project', async ({ page, signInAs }) => {
  const coordinator = await createAueCoordinator();
  const programme = await openProgrammeYear();
  const project = await projectWithApplication(coordinator, programme, 'partly_approved');
  const staff = await apiAs(LPR_STAFF);
  try {
    const current = await staff.get<{ version: number }>(`/api/projects/${project.projectId}`);
    await staff.patch(`/api/projects/${project.projectId}`, { version: current.version, startDate: '2024-06-01' });
  } finally {
    await staff.dispose();
  }
  const before = { fieldStart: '2023-03-01', fieldEnd: '2023-04-30' };
  const after = { fieldStart: '2025-03-01', fieldEnd: '2025-04-30' };
  await closedPastWave({ ags: AUE.ags, ...before, n: 150, unsafe: 60 });
  await closedPastWave({ ags: AUE.ags, ...after, n: 150, unsafe: 30 });
  await closedPastWave({ ags: MUNICIPALITIES.amtsberg.ags, ...before, n: 150, unsafe: 60 });
  await closedPastWave({ ags: MUNICIPALITIES.amtsberg.ags, ...after, n: 150, unsafe: 60 });

  await signInAs(LPR_STAFF);
  await page.goto(`/projects/${project.projectId}`);
  await expect(page.getByRole('heading', { level: 1, name: project.title })).toBeVisible();
  const section = page.getByRole('region', { name: 'Wirkung', exact: true });
  const surveys = section.getByRole('region', { name: 'Befragungsindizes', exact: true });
  await surveys.scrollIntoViewIfNeeded();
  // The chart, a picture whose values the table beside it holds.
  const chart = surveys.getByRole('img', { name: /Differenzen der Befragungsindizes mit 95 %-Intervallen/ });
  await expect(chart).toBeVisible();
  // Drawn for the eye: the index's row with its difference in points, the line of no change at 0.
  await expect(chart).toContainText('Nachts unsicher');
  await expect(chart).toContainText('-20,0');
  await expect(chart).toContainText('0 = keine Veränderung');
  const table = surveys.getByRole('table', { name: 'Schätzungen der Wirkung auf Befragungsindizes' });
  await expect(table.getByRole('columnheader', { name: 'Differenz der Differenzen' })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'Nachts unsicher' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('rowheader')).toContainText(project.title);
  await expect(row).toContainText('40,0 % / 20,0 %');
  await expect(row).toContainText('150 / 150');
  // An estimate, not a reason: −20 points, its interval below 0, the comparison named.
  await expect(row).toContainText(/-20,0/);
  await expect(row).toContainText(/-\d+,\d – -\d+,\d/);
  await expect(row).toContainText('Rückgang um 20,0 Prozentpunkte gegenüber dem Vergleich');
  await expect(row).not.toContainText('Kein Ergebnis');
  await expect(row).toContainText(MUNICIPALITIES.amtsberg.name);
  await expect(surveys.getByText(/Methode did-rr-1\.1 · mindestens 100 Befragte je Welle/)).toBeVisible();
  await expectAccessible(page, 'project with a survey index effect');
});
