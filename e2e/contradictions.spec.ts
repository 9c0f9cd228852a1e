import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { goToSection } from './helpers.ts';
import { ADMIN, LPR_STAFF, MUNICIPALITIES } from './support/accounts.ts';
import { apiAs } from './support/api.ts';
import { claimFirst } from './support/claims.ts';
import { addDays, todayBerlin } from '../src/shared/time.ts';

// An admin opens "Widersprüche": a council constituted only in the history (no council record),
// planted through the API in a municipality of this test's own, is listed with its event number;
// its link leads to the municipality's page. The page passes axe. The event is cancelled afterwards.
test.describe.configure({ timeout: 120_000 });

const USED_ELSEWHERE = new Set<string>(Object.values(MUNICIPALITIES).map((m) => m.ags));

test('an admin sees a planted contradiction and follows its link to the record', async ({ page, signInAs }) => {
  const staff = await apiAs(LPR_STAFF);
  let planted: { id: number; version: number } | null = null;
  try {
    const all = await staff.get<{ items: { ags: string; name: string }[] }>('/api/municipalities?district=14522&pageSize=500&sort=name');
    const place = claimFirst(
      'municipality',
      all.items.filter((m) => !USED_ELSEWHERE.has(m.ags)),
      (m) => m.ags,
    );
    planted = await staff.post<{ id: number; version: number }>(`/api/alliance/municipalities/${place.ags}/events`, {
      type: 'council_constituted',
      date: addDays(todayBerlin(), -30),
    });
    const number = planted.id;

    await signInAs(ADMIN);
    await goToSection(page, 'Widersprüche');
    await expect(page.getByRole('heading', { level: 1, name: 'Widersprüche' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: `(Nr. ${number}, AGS ${place.ags})` });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').first()).toHaveText('Ereignis ohne Datensatz');
    await expect(row).toContainText('kein Präventionsrat dazu erfasst');
    await expectAccessible(page, 'Widersprüche');

    // The list downloads as CSV in the German Excel dialect (and as XLSX), with the planted line.
    const csvLink = page.getByRole('link', { name: 'Widersprüche als CSV herunterladen' });
    const csv = await page.request.get((await csvLink.getAttribute('href'))!);
    const text = await csv.text();
    expect(text.replace(/^\ufeff/u, '').split('\r\n')[0]).toBe('Art;Modul;Datensatz;Nr.;AGS;Datum;Widerspruch;Seite');
    expect(text).toContain(`Ereignis ohne Datensatz;alliance;alliance_event;${number};${place.ags};`);
    await expect(page.getByRole('link', { name: 'Widersprüche als XLSX herunterladen' })).toHaveAttribute(
      'href',
      '/api/consistency/export?format=xlsx',
    );

    await row.getByRole('link', { name: `alliance_event ${number} öffnen` }).click();
    await expect(page).toHaveURL(new RegExp(`/municipalities/${place.ags}$`));
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(place.name.split(',')[0]!) })).toBeVisible();
  } finally {
    if (planted) await staff.post(`/api/alliance/events/${planted.id}/cancel`, { version: planted.version, reason: 'Testdaten entfernt' });
    await staff.dispose();
  }
});
