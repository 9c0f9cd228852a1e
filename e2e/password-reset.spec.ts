import type { ParsedMail } from 'mailparser';
import { startTestSmtpServer, type TestSmtpServer } from '../src/server/modules/mail/smtp.test-support.ts';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { field, goToSection, signIn } from './helpers.ts';
import { ADMIN } from './support/accounts.ts';
import { apiAs, uniqueTag } from './support/api.ts';
import { startOwnServer, TEMPLATE_ENV } from './support/servers.ts';

const NEW_PASSWORD = 'Kirschbaum-Laterne-Gewitter-42';

/** Waits until the test's SMTP server has received a message for the address (the server's worker sends every few seconds). */
async function mailTo(smtp: TestSmtpServer, email: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      () => {
        found = smtp.received.find((m) => JSON.stringify(m.to).includes(email) && m.subject === subject);
        return found !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

/** The path and query of the set-password link in the message's plain text. */
function linkPath(mail: ParsedMail): string {
  const m = /https?:\/\/\S+(\/set-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m) throw new Error('no link in the message');
  return m[1]!;
}

test('"Passwort vergessen": the mail, its link sets a new password once, the user signs in; an unknown address gets the same answer', async ({
  page,
}) => {
  test.setTimeout(240_000);
  expect(process.env[TEMPLATE_ENV]).toBeTruthy();
  const smtp = await startTestSmtpServer();
  const server = await startOwnServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Praevis <praevis@praevis.test>' });
  try {
    const tag = uniqueTag();
    const user = { email: `vergesslich.${tag}@praevis.test`, name: `Vera Vergesslich ${tag}` };
    const admin = await apiAs(ADMIN, server.url);
    const created = await admin.post<{ oneTimePassword: string | null; invitationSent: boolean }>('/api/users', {
      email: user.email,
      displayName: user.name,
      role: 'lpr',
      communes: [],
      directorateId: null,
      locale: 'de',
    });
    await admin.dispose();
    // With a mail server the new account gets an invitation instead of a one-time password.
    expect(created).toMatchObject({ oneTimePassword: null, invitationSent: true });
    await mailTo(smtp, user.email, 'Ihr Zugang zu Praevis');

    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Passwort vergessen?' })).toBeVisible();
    await expectAccessible(page, 'forgot password');
    await field(page, 'E-Mail-Adresse').fill(user.email);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'Wenn die Adresse zu einem Konto gehört' });
    await expect(answer).toBeVisible();
    const knownAnswer = await answer.textContent();
    await expectAccessible(page, 'forgot password answered');

    const mail = await mailTo(smtp, user.email, 'Passwort für Praevis zurücksetzen');
    expect(mail.html).toContain('Neues Passwort festlegen');
    const link = linkPath(mail);
    await page.goto(`${server.url}${link}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' })).toBeVisible();
    await expect(page.getByText(`Für das Konto ${user.email}.`)).toBeVisible();
    await expectAccessible(page, 'set password');
    await field(page, 'Neues Passwort').fill(NEW_PASSWORD);
    await field(page, 'Neues Passwort wiederholen').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ihr Passwort ist gespeichert.' })).toBeVisible();
    await expectAccessible(page, 'password set');

    await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await signIn(page, user.email, NEW_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: `Willkommen, ${user.name}` })).toBeVisible();

    // The link refuses a second use.
    await page.context().clearCookies();
    await page.goto(`${server.url}${link}`);
    await expect(page.getByText('Dieser Link ist abgelaufen oder wurde bereits verwendet.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Passwort speichern' })).toHaveCount(0);
    await expectAccessible(page, 'used link');

    // An unknown address gets the same answer, and no mail goes out for it.
    const unknown = `niemand.${tag}@praevis.test`;
    await page.goto(`${server.url}/forgot-password`);
    await field(page, 'E-Mail-Adresse').fill(unknown);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Wenn die Adresse zu einem Konto gehört' })).toHaveText(knownAnswer!);
    expect(smtp.received.some((m) => JSON.stringify(m.to).includes(unknown))).toBe(false);
  } finally {
    await server.stop();
    await smtp.close();
  }
});

test('without a mail server the Postausgang shows the kept messages', async ({ page, signInAs }) => {
  const admin = await apiAs();
  const tag = uniqueTag();
  const email = `ohne-mail.${tag}@praevis.test`;
  try {
    const created = await admin.post<{ oneTimePassword: string | null }>('/api/users', {
      email,
      displayName: `Otto Ohnemail ${tag}`,
      role: 'lpr',
      communes: [],
      directorateId: null,
      locale: 'de',
    });
    expect(created.oneTimePassword).toBeTruthy();
  } finally {
    await admin.dispose();
  }
  await signInAs(ADMIN);
  await goToSection(page, 'Postausgang');
  await expect(page.getByRole('heading', { level: 1, name: 'Postausgang' })).toBeVisible();
  await field(page, 'Status').selectOption({ label: 'zurückgehalten' });
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('account.invitation');
  await expect(row).toContainText('zurückgehalten');
  await expectAccessible(page, 'outbox');
  // The messages of the status chosen download as CSV in the German Excel dialect (and as XLSX).
  const csvLink = page.getByRole('link', { name: 'Postausgang als CSV herunterladen' });
  await expect(csvLink).toHaveAttribute('href', '/api/mail/outbox/export?status=kept&format=csv');
  const csv = await (await page.request.get((await csvLink.getAttribute('href'))!)).text();
  const line = csv.split('\r\n').find((l) => l.includes(`;${email};`));
  expect(line).toContain(';account.invitation;account;');
  expect(line).toContain(';zurückgehalten;');
  await expect(page.getByRole('link', { name: 'Postausgang als XLSX herunterladen' })).toBeVisible();
  await row.getByRole('button', { name: 'Anzeigen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Ihr Zugang zu Praevis');
  await expectAccessible(page, 'outbox message');
});
