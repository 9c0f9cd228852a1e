import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { LPR_STAFF } from './support/accounts.ts';
import { createAueCoordinator, FIELD_GRAFFITI, openProgrammeYear, projectWithApplication } from './support/funding-setup.ts';

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
    `/api/effects/export?format=csv&projectId=${project.projectId}`,
  );
  await expect(section.getByText(/Methode did-rr-1\.0/)).toBeVisible();
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
