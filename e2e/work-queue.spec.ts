import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { dataRows } from './helpers.ts';
import { LPR_STAFF } from './support/accounts.ts';
import { councilName, councilWithMembers, scheduleMeeting } from './support/councils-setup.ts';
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
