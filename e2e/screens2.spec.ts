import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection } from './helpers.ts';
import { LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { claimFirst } from './support/claims.ts';

// Editing and deleting on the security analysis page (issue 16, a screen for every action): council
// staff name an area, change the analysis' details and a finding, are told when someone else changed it meanwhile (409), and delete a finding
// only after confirming. The analysis, its municipality and its findings are this test's own.
test.describe.configure({ timeout: 240_000 });

const USED_ELSEWHERE = new Set<string>(Object.values(MUNICIPALITIES).map((m) => m.ags));

test('council staff edit a finding, see a concurrent change refused, and delete a finding after confirming', async ({ page, signInAs }) => {
  const tag = uniqueTag();
  const staff = await apiAs(LPR_STAFF);
  let analysis: { id: number; title: string; municipalityName: string };
  try {
    const all = await staff.get<{ items: { ags: string }[] }>('/api/municipalities?district=14628&pageSize=500&sort=name');
    const m = claimFirst(
      'municipality',
      [...all.items].reverse().filter((c) => !USED_ELSEWHERE.has(c.ags)),
      (c) => c.ags,
    );
    analysis = await staff.post('/api/security-analyses', {
      ags: m.ags,
      title: `Prüfanalyse ${tag}`,
      contractor: 'Institut Sicheres Wohnen',
    });
    const offences = await staff.get<{ fieldsOfAction: { id: number }[] }>('/api/crime-stats/offences');
    const fieldOfActionId = offences.fieldsOfAction[0]!.id;
    for (const text of [`Dunkle Unterführung am Bahnhof ${tag}`, `Wenig Licht im Stadtpark ${tag}`])
      await staff.post(`/api/security-analyses/${analysis.id}/findings`, { text, evidence: 'chart:crime_series', fieldOfActionId });
  } finally {
    await staff.dispose();
  }

  await signInAs(LPR_STAFF);
  await goToSection(page, 'Sicherheitsanalysen');
  await page.getByRole('link', { name: `${analysis.municipalityName}: ${analysis.title}` }).click();
  // A named area: refused without its name, saved with it.
  const areas = page.getByRole('form', { name: 'Ortsteile' });
  await areas.getByRole('button', { name: 'Ortsteil hinzufügen' }).click();
  const area = areas.getByRole('group', { name: 'Ortsteil 1' });
  await field(area, 'Einwohner').fill('1250');
  await areas.getByRole('button', { name: 'Ortsteile speichern' }).click();
  await expect(field(area, 'Name des Ortsteils')).toHaveAttribute('aria-invalid', 'true');
  await field(area, 'Name des Ortsteils').fill(`Bahnhofsviertel ${tag}`);
  await areas.getByRole('button', { name: 'Ortsteile speichern' }).click();
  await expect(areas.getByRole('status').filter({ hasText: 'Die Ortsteile wurden gespeichert.' })).toBeVisible();
  await expect(field(area, 'Name des Ortsteils')).toHaveValue(`Bahnhofsviertel ${tag}`);

  // The analysis' details: a contractor cannot be emptied; a new one is saved.
  const details = page.getByRole('form', { name: 'Angaben zur Analyse' });
  await field(details, 'Auftragnehmer').fill('');
  await details.getByRole('button', { name: 'Angaben speichern' }).click();
  await expect(field(details, 'Auftragnehmer')).toHaveAttribute('aria-invalid', 'true');
  await field(details, 'Auftragnehmer').fill('Forschungsstelle Kommunale Sicherheit');
  await details.getByRole('button', { name: 'Angaben speichern' }).click();
  await expect(details.getByRole('status').filter({ hasText: 'Die Angaben wurden gespeichert.' })).toBeVisible();
  await expect(page.getByText(/Auftragnehmer: Forschungsstelle Kommunale Sicherheit/)).toBeVisible();

  const findings = page.getByRole('region', { name: 'Befunde', exact: true }).first();
  const table = findings.getByRole('table', { name: 'Befunde' });
  await expect(table).toContainText(`Dunkle Unterführung am Bahnhof ${tag}`);

  // Edit finding 1: the form takes its values; an empty text is refused at its field.
  await findings.getByRole('button', { name: 'Befund 1 bearbeiten' }).click();
  const form = findings.getByRole('form', { name: 'Befund 1 bearbeiten' });
  await expect(field(form, 'Befund')).toHaveValue(`Dunkle Unterführung am Bahnhof ${tag}`);
  await field(form, 'Befund').fill('');
  await form.getByRole('button', { name: 'Befund speichern' }).click();
  await expect(field(form, 'Befund')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'analysis page editing a finding');
  await field(form, 'Befund').fill(`Unterführung am Bahnhof ohne Beleuchtung ${tag}`);
  await form.getByRole('button', { name: 'Befund speichern' }).click();
  await expect(findings.getByRole('status').filter({ hasText: 'Der Befund wurde gespeichert.' })).toBeVisible();
  await expect(table).toContainText(`Unterführung am Bahnhof ohne Beleuchtung ${tag}`);

  // Someone else changes finding 2 while it is open here: saving is refused with a conflict.
  await findings.getByRole('button', { name: 'Befund 2 bearbeiten' }).click();
  const form2 = findings.getByRole('form', { name: 'Befund 2 bearbeiten' });
  const other = await apiAs(LPR_STAFF);
  try {
    const a = await other.get<{ findings: { id: number; position: number; version: number }[] }>(`/api/security-analyses/${analysis.id}`);
    const f2 = a.findings.find((f) => f.position === 2)!;
    await other.patch(`/api/security-analyses/${analysis.id}/findings/${f2.id}`, { version: f2.version, priority: 'high' });
  } finally {
    await other.dispose();
  }
  await field(form2, 'Befund').fill(`Stadtpark nachts unbeleuchtet ${tag}`);
  await form2.getByRole('button', { name: 'Befund speichern' }).click();
  await expect(form2.getByRole('alert')).toBeVisible();
  await expect(table).not.toContainText(`Stadtpark nachts unbeleuchtet ${tag}`);
  await form2.getByRole('button', { name: 'Bearbeiten abbrechen' }).click();

  // Deleting asks first; cancelling keeps the finding, confirming removes it.
  await findings.getByRole('button', { name: 'Befund 2 löschen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Befund 2 löschen?' });
  await expect(dialog).toContainText(`Wenig Licht im Stadtpark ${tag}`);
  await expectAccessible(page, 'confirming the deletion of a finding');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(table).toContainText(`Wenig Licht im Stadtpark ${tag}`);
  await findings.getByRole('button', { name: 'Befund 2 löschen' }).click();
  await page.getByRole('dialog', { name: 'Befund 2 löschen?' }).getByRole('button', { name: 'Befund löschen' }).click();
  await expect(findings.getByRole('status').filter({ hasText: 'Der Befund wurde gelöscht.' })).toBeVisible();
  await expect(table).not.toContainText(`Wenig Licht im Stadtpark ${tag}`);
  await expect(findings.getByRole('button', { name: 'Befund 2 löschen' })).toHaveCount(0);
});

test('LPR staff edit a person: refused without a last name, saved with a new function, a concurrent change refused', async ({
  page,
  signInAs,
}) => {
  const tag = uniqueTag();
  const staff = await apiAs(LPR_STAFF);
  let person: { id: number; displayName: string };
  try {
    person = await staff.post('/api/people', {
      ags: null,
      firstName: 'Marlene',
      lastName: `Prüfer${tag}`,
      function: 'Referentin',
      legalBasis: 'public_task',
      purpose: 'Ansprechperson der Landesprävention',
    });
  } finally {
    await staff.dispose();
  }

  await signInAs(LPR_STAFF);
  await goToSection(page, 'Personen');
  await page.getByRole('button', { name: `${person.displayName} bearbeiten` }).click();
  const form = page.getByRole('form', { name: `Person bearbeiten: ${person.displayName}` });
  await expect(field(form, 'Vorname')).toBeFocused();
  await field(form, 'Nachname').fill('');
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(field(form, 'Nachname')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'people page editing a person');
  await field(form, 'Nachname').fill(`Prüfer${tag}`);
  await field(form, 'Funktion').fill('Leiterin Geschäftsstelle');
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Die Angaben zu Marlene Prüfer${tag} wurden gespeichert.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Personen' }).getByRole('row', { name: new RegExp(`Prüfer${tag}`) })).toContainText(
    'Leiterin Geschäftsstelle',
  );

  // Someone else changes the person meanwhile: saving the open form is refused.
  await page.getByRole('button', { name: `${person.displayName} bearbeiten` }).click();
  const again = page.getByRole('form', { name: `Person bearbeiten: ${person.displayName}` });
  const other = await apiAs(LPR_STAFF);
  try {
    const current = await other.get<{ version: number }>(`/api/people/${person.id}`);
    await other.patch(`/api/people/${person.id}`, { version: current.version, function: 'Geschäftsführerin' });
  } finally {
    await other.dispose();
  }
  await field(again, 'Funktion').fill('Stellvertretende Leiterin');
  await again.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('region', { name: `Person bearbeiten: ${person.displayName}` }).getByRole('alert')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Personen' })).not.toContainText('Stellvertretende Leiterin');
});

test('LPR staff rename an organisation, refused first without a name', async ({ page, signInAs }) => {
  const tag = uniqueTag();
  const staff = await apiAs(LPR_STAFF);
  let org: { name: string };
  try {
    org = await staff.post('/api/organisations', { ags: null, name: `Landesverband Prävention ${tag}`, type: 'association' });
  } finally {
    await staff.dispose();
  }
  await signInAs(LPR_STAFF);
  await goToSection(page, 'Personen');
  await page.getByRole('button', { name: `${org.name} bearbeiten` }).click();
  const form = page.getByRole('form', { name: `Organisation bearbeiten: ${org.name}` });
  await expect(field(form, 'Name der Organisation')).toBeFocused();
  await field(form, 'Name der Organisation').fill('');
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(field(form, 'Name der Organisation')).toHaveAttribute('aria-invalid', 'true');
  await field(form, 'Name der Organisation').fill(`Landesverband Kriminalprävention ${tag}`);
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Die Organisation „Landesverband Kriminalprävention ${tag}“ wurde gespeichert.` }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Organisationen' })).toContainText(`Landesverband Kriminalprävention ${tag}`);
  await expectAccessible(page, 'people page with the organisations');
});
