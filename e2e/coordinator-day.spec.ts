import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field } from './helpers.ts';
import { apiAs } from './support/api.ts';
import { councilName, councilWithMembers, scheduleMeeting } from './support/councils-setup.ts';
import { addDays, formatDate, todayBerlin } from '../src/shared/time.ts';

// A coordinator's day with the keyboard alone: from the home page to the overdue task, which is
// completed; a meeting added; the attendance of a meeting recorded; the rules of procedure uploaded;
// the member list downloaded as CSV, which German Excel opens into columns (semicolon, BOM).
// Focus moves with Tab and Enter; date and time fields are filled by value (as in councils.spec.ts,
// because the segment order of Chromium's date field follows the browser's UI language), and the
// file is picked in the file chooser the keyboard opens.
test.describe.configure({ timeout: 480_000 });

const day = (offset: number) => addDays(todayBerlin(), offset);
const deDate = (isoDate: string) => formatDate(isoDate, 'de');

/** Moves focus with Tab until the control is focused (proves it is reachable by keyboard). */
async function tabTo(page: Page, control: Locator, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await control.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('control not reachable with Tab');
}

/** Focuses a control reached by Tab and types into it. */
async function typeInto(page: Page, control: Locator, text: string): Promise<void> {
  await tabTo(page, control);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

function rulesOfProcedurePdf(): string {
  const pdf =
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-rules-')), 'geschaeftsordnung.pdf');
  fs.writeFileSync(file, pdf, 'latin1');
  return file;
}

test('a coordinator does the day’s work with the keyboard alone', async ({ page, signInAs }) => {
  // What earlier days left: a council with four members, last week's meeting and a task from it, due two days ago.
  const { municipality, coordinator, institutions, councilId } = await councilWithMembers();
  const lastWeek = await scheduleMeeting(coordinator, councilId, municipality, { date: day(-7), startTime: '18:00', endTime: '19:30' });
  const task = 'Standorte der Bushaltestellen erfassen';
  const api = await apiAs(coordinator);
  try {
    await api.post(`/api/councils/${councilId}/tasks`, { title: task, meetingId: lastWeek, dueDate: day(-2) });
  } finally {
    await api.dispose();
  }
  const name = councilName(municipality);

  // 1. The home page names the overdue task; it leads to its meeting, where it is marked done.
  await signInAs(coordinator);
  const overdue = page.getByRole('region', { name: 'Überfällige Aufgaben (1)' });
  await expect(overdue).toContainText(`fällig am ${deDate(day(-2))}, ${name}`);
  await expectAccessible(page, 'home page with an overdue task');
  await tabTo(page, overdue.getByRole('link', { name: task }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Sitzung des Präventionsrates am ${deDate(day(-7))}` })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: `„${task}“ als erledigt markieren` }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `„${task}“ ist erledigt.` })).toBeVisible();
  await expect(page.getByRole('button', { name: `„${task}“ als erledigt markieren` })).toHaveCount(0);

  // 2. Last week's attendance: three present, one excused (a select moves with the arrow keys).
  await expectAccessible(page, 'meeting page');
  const record = page.getByRole('form', { name: 'Ergebnisse erfassen' });
  await tabTo(page, field(record, 'Stand'));
  await page.keyboard.press('ArrowDown'); // geplant → stattgefunden
  await expect(field(record, 'Stand')).toHaveValue('held');
  for (const [k, i] of institutions.entries()) {
    const select = field(record, `Anwesenheit: ${i.first} ${i.last}`);
    await tabTo(page, select);
    await page.keyboard.press('ArrowDown'); // eingeladen → anwesend
    if (k === 3) await page.keyboard.press('ArrowDown'); // → entschuldigt
    await expect(select).toHaveValue(k === 3 ? 'excused' : 'present');
  }
  await tabTo(page, record.getByRole('button', { name: 'Speichern' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Die Sitzung ist gespeichert.' })).toBeVisible();
  await page.reload();
  await expect(
    field(page.getByRole('form', { name: 'Ergebnisse erfassen' }), `Anwesenheit: ${institutions[3]!.first} ${institutions[3]!.last}`),
  ).toHaveValue('excused');

  // 3. Back on the council page: next month's meeting.
  await tabTo(page, page.getByRole('link', { name: `Zurück zu ${name}` }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const plan = page.getByRole('form', { name: 'Sitzung planen' });
  const next = day(28);
  await tabTo(page, field(plan, 'Datum'));
  await field(plan, 'Datum').fill(next);
  await field(plan, 'Beginn').fill('17:00');
  await field(plan, 'Ende').fill('18:30');
  await typeInto(page, field(plan, 'Ort'), `Rathaus ${municipality.short}, Ratssaal`);
  await tabTo(page, plan.getByRole('button', { name: 'Sitzung planen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Die Sitzung ist geplant' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Kommende Sitzungen' }).getByRole('row', { name: new RegExp(`${deDate(next)}, 17:00–18:30 Uhr`) }),
  ).toBeVisible();

  // 4. The rules of procedure, picked in the file chooser that Space opens.
  const fileField = field(page, 'Geschäftsordnung (PDF)');
  await tabTo(page, fileField);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(rulesOfProcedurePdf());
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Hochladen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Das Dokument „geschaeftsordnung.pdf“ wurde hochgeladen.' })).toBeVisible();
  await expect(page.getByRole('link', { name: /geschaeftsordnung\.pdf/ })).toBeVisible();
  await expectAccessible(page, 'council page after the day’s work');

  // 5. The member list as CSV in the German Excel dialect: BOM, semicolons, one line per member.
  await tabTo(page, page.getByRole('link', { name: 'Mitgliederliste als CSV' }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^mitglieder-.*\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('Name;Funktion;Rolle;Institution;Art der Institution;E-Mail;Beginn;Ende;Steuerungsgruppe');
  expect(lines).toHaveLength(1 + institutions.length);
  for (const i of institutions) expect(lines.some((l) => l.startsWith(`${i.first} ${i.last};${i.fn};`))).toBe(true);
});
