import { readFile } from 'node:fs/promises';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows } from './helpers.ts';
import { LPR_STAFF, MINISTRY, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';
import { councilName, councilWithMembers, policeOfMunicipality, scheduleMeeting } from './support/councils-setup.ts';
import { createAueCoordinator, openProgrammeYear, projectWithApplication } from './support/funding-setup.ts';
import { addDays, formatDate, todayBerlin } from '../src/shared/time.ts';

// The home page as a work queue (issue 16, decision 038): the LPR staff's queue names a submitted
// application and its count opens the list of exactly that many rows; a coordinator's queue names
// the council's next meeting, and its count opens the council's upcoming meetings.
test.describe.configure({ timeout: 300_000 });

test.describe('the LPR staff', () => {
  // The queue counts statewide: a server of its own, so no other test adds an application meanwhile.
  test.use({ ownServer: true });

  test('see the application to review on the home page and open the list of exactly those', async ({ page, signInAs, baseURL }) => {
    const coordinator = await createAueCoordinator(baseURL);
    const programme = await openProgrammeYear(baseURL);
    const { title, applicationId } = await projectWithApplication(coordinator, programme, 'submitted', undefined, baseURL);

    await signInAs(LPR_STAFF);
    const queue = page.getByRole('region', { name: 'Zu tun', exact: true });
    const card = queue.getByRole('region', { name: 'Anträge zur Prüfung' });
    await expect(card.getByRole('link', { name: new RegExp(`: ${title}$`) })).toHaveAttribute(
      'href',
      `/funding/applications/${applicationId}`,
    );
    const count = card.getByRole('link', { name: / auf die Begutachtung$/ });
    await expect(count).toBeVisible();
    const n = Number((await count.innerText()).split(' ')[0]);
    expect(n).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'home page of the LPR staff with its work queue');

    await count.click();
    await expect(page).toHaveURL(/\/funding\?status=submitted&allYears=true#applications$/);
    await expect(page.getByRole('combobox', { name: 'Status der Anträge' })).toHaveValue('submitted');
    await expect(page.getByRole('checkbox', { name: 'Alle Förderjahre' })).toBeChecked();
    await expect(dataRows(page, 'Förderanträge')).toHaveCount(n);
    await expect(dataRows(page, 'Förderanträge').filter({ hasText: title })).toHaveCount(1);
  });
});

test('a coordinator sees the next meeting of the council on the home page', async ({ page, signInAs }) => {
  const { municipality, coordinator, councilId } = await councilWithMembers();
  const next = addDays(todayBerlin(), 12);
  const meetingId = await scheduleMeeting(coordinator, councilId, municipality, { date: next, startTime: '18:00', endTime: '19:30' });

  await signInAs(coordinator);
  const card = page.getByRole('region', { name: `Nächste Sitzungen: ${councilName(municipality)}` });
  await expect(card).toContainText(`am ${formatDate(next, 'de')}`);
  await expect(card.getByRole('link', { name: 'Sitzung des Präventionsrates' })).toHaveAttribute('href', `/councils/meetings/${meetingId}`);
  // A new survey or application would be named here too; this coordinator has none yet.
  await expect(page.getByRole('region', { name: 'Laufende Befragungen' })).toContainText('Keine Befragung im Feld.');
  await expectAccessible(page, 'home page of a coordinator with the next meeting');

  await card.getByRole('link', { name: '1 geplante Sitzung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: councilName(municipality) })).toBeVisible();
  await expect(dataRows(page, 'Kommende Sitzungen')).toHaveCount(1);
});

test('a police liaison sees the councils of the directorate with meetings ahead and opens their list', async ({ page, signInAs }) => {
  const { municipality, coordinator, councilId } = await councilWithMembers();
  const next = addDays(todayBerlin(), 9);
  const later = addDays(todayBerlin(), 40);
  await scheduleMeeting(coordinator, councilId, municipality, { date: next, startTime: '18:00', endTime: '19:30' });
  await scheduleMeeting(coordinator, councilId, municipality, { date: later, startTime: '17:00', endTime: '18:00' });
  const police = await policeOfMunicipality(municipality);

  await signInAs(police);
  const queue = page.getByRole('region', { name: 'Zu tun', exact: true });
  const municipalities = queue.getByRole('region', { name: 'Kommunen Ihrer Polizeidirektion' });
  const directorateCount = municipalities.getByRole('link', { name: /^\d+ Kommunen?$/ });
  await expect(directorateCount).toHaveAttribute('href', '/municipalities');
  expect(Number((await directorateCount.innerText()).split(' ')[0])).toBeGreaterThanOrEqual(1);
  const card = queue.getByRole('region', { name: `Nächste Sitzungen: ${councilName(municipality)}` });
  await expect(card).toContainText(`am ${formatDate(next, 'de')}`);
  await expect(card).toContainText(`am ${formatDate(later, 'de')}`);
  await expectAccessible(page, 'home page of a police liaison with its work queue');

  const count = card.getByRole('link', { name: /^\d+ geplante Sitzungen?$/ });
  const n = Number((await count.innerText()).split(' ')[0]);
  expect(n).toBe(2);
  await count.click();
  await expect(page.getByRole('heading', { level: 1, name: councilName(municipality) })).toBeVisible();
  await expect(dataRows(page, 'Kommende Sitzungen')).toHaveCount(n);
});

test.describe('the ministry', () => {
  // Today's figures count statewide: a server of its own, so no other test records an agreement meanwhile.
  test.use({ ownServer: true });

  test('sees the figures of today, their development and the funding by field, and opens the agreements a figure counts', async ({
    page,
    signInAs,
    baseURL,
  }) => {
    const programme = await openProgrammeYear(baseURL);
    const staff = await apiAs(LPR_STAFF, baseURL);
    try {
      await staff.post('/api/alliance/agreements', {
        municipalities: [MUNICIPALITIES.annaberg.ags],
        signedOn: addDays(todayBerlin(), -3),
        title: 'Kooperationsvereinbarung Annaberg-Buchholz',
      });
    } finally {
      await staff.dispose();
    }

    await signInAs(MINISTRY);
    const today = formatDate(todayBerlin(), 'de');
    await expect(page.getByRole('heading', { level: 2, name: `Landesweit am ${today}` })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Entwicklung seit Programmstart' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: `Budget nach Handlungsfeld ${programme.year}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Zu tun', exact: true })).toHaveCount(0);
    const figure = page.locator('[data-figure="agreementsInForce"] dd').getByRole('link');
    await expect(figure).toBeVisible();
    const n = Number((await figure.innerText()).replace(/\D+$/u, '').split(/\s/u)[0]!.replace(/\./gu, ''));
    expect(n).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'home page of the ministry with the figures of today');

    await figure.click();
    await expect(page).toHaveURL(/\/agreements\?.*figure=agreementsInForce/);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(today);
    const rows = page
      .getByRole('table', { name: await heading.innerText() })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(rows).toHaveCount(n);
    await expect(rows.filter({ hasText: 'Kooperationsvereinbarung Annaberg-Buchholz' })).toHaveCount(1);
    await expectAccessible(page, 'agreements in force today, opened from the ministry home page');

    // The list's download holds the same agreements: a header line and one line per row.
    const csvLink = page.getByRole('link', { name: /als CSV herunterladen$/ });
    await expect(csvLink).toHaveAttribute('href', /table=agreements&format=csv&agreementFigure=agreementsInForce/);
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const lines = (await readFile((await download.path())!, 'utf8'))
      .replace(/^\ufeff/u, '')
      .split('\r\n')
      .filter((l) => l !== '' && !l.startsWith('Demo-Daten'));
    expect(lines[0]).toContain('Vertragspartner');
    expect(lines).toHaveLength(n + 1);
  });
});
