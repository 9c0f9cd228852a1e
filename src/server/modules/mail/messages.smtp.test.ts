import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { createPerson, foundCouncil, parseCalendar } from '../councils/test-support.ts';
import { completeSteps, recordConsultation, validPlan } from '../funding/test-support.ts';
import { runDailyMails } from '../reminders/index.ts';
import { createSmtpTransport, type MailTransport, sendDueMail } from './mail.sender.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp.test-support.ts';

/*
 * The messages other modules cause (decision 028), sent through the outbox worker's sender to a
 * real SMTP server in this process and read back with mailparser, ical.js and pdf.js.
 */

const FROM = 'Praevis Test <praevis@example.org>';

describe.each(DIALECTS)('meeting, funding and digest mails through a real SMTP server on %s', (dialect) => {
  let ctx: TestContext;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let coordinator: Client;
  let lpr: Client;
  let councilId: number;
  const send = () => sendDueMail(ctx.db, transport, FROM);
  const to = (email: string) =>
    smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.toLowerCase().includes(email.toLowerCase())));
  const icsOf = (m: ParsedMail) => {
    const file = m.attachments.find((a) => a.filename?.endsWith('.ics'));
    expect(file, 'an .ics attachment').toBeDefined();
    return parseCalendar(file!.content.toString('utf8'));
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestContext(dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://praevis.test', MAIL_FROM: FROM });
    transport = createSmtpTransport(smtp.url);
    coordinator = await ctx.as('coordinator');
    lpr = await ctx.as('lpr');
    councilId = (await foundCouncil(coordinator, [ctx.territory.annaberg])).id;
  });
  afterAll(async () => {
    transport?.close?.();
    await ctx?.close();
    await smtp?.close();
  });

  it('the invitation arrives with a valid .ics; a change sends a higher SEQUENCE, the cancellation METHOD:CANCEL', async () => {
    const email = `eingeladen.${dialect}@example.org`;
    const person = await createPerson(coordinator, ctx.territory.annaberg, { email });
    const date = addDays(todayBerlin(), 21);
    const created = await coordinator.post(`/api/councils/${councilId}/meetings`, {
      title: 'Sitzung des KPR',
      date,
      startTime: '18:00',
      endTime: '20:00',
      place: 'Rathaus, Ratssaal',
      invitees: [{ personId: person.id, attendance: 'invited' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await send()).sent).toBeGreaterThanOrEqual(1);
    const [invitation] = to(email);
    expect(invitation!.subject).toContain('Einladung: Sitzung des KPR');
    expect(invitation!.text).toContain('Rathaus, Ratssaal');
    const first = icsOf(invitation!);
    expect(first.comp.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = first.events[0]!;
    expect(event.summary).toContain('Sitzung des KPR');
    expect(event.startDate.toString()).toBe(`${date}T18:00:00`);
    expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');

    const moved = await coordinator.patch(`/api/meetings/${created.json().id}`, { version: created.json().version, place: 'Bürgerhaus' });
    expect(moved.statusCode, moved.body).toBe(200);
    await send();
    const update = icsOf(to(email)[1]!).events[0]!;
    expect(update.uid).toBe(event.uid);
    expect(update.sequence).toBeGreaterThan(event.sequence);
    expect(update.location).toBe('Bürgerhaus');

    const cancelled = await coordinator.patch(`/api/meetings/${created.json().id}`, { version: moved.json().version, status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await send();
    const cancel = icsOf(to(email)[2]!);
    expect(cancel.comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.events[0]!.uid).toBe(event.uid);
    expect(cancel.events[0]!.sequence).toBeGreaterThan(update.sequence);
    expect(to(email)).toHaveLength(3);
  });

  it('the approval mail carries the grant notice PDF with the project name', async () => {
    const fields = (await lpr.get('/api/funding/fields-of-action')).json() as { id: number; code: string }[];
    const graffiti = fields.find((f) => f.code === 'graffiti')!.id;
    await recordConsultation(lpr, ctx.territory.annaberg);
    const programme = await lpr.post('/api/funding/programmes', {
      year: 2041,
      budgetCents: 110_000_000,
      windowOpens: addDays(todayBerlin(), -10),
      windowCloses: addDays(todayBerlin(), 10),
    });
    expect(programme.statusCode, programme.body).toBe(201);
    const applicant = await ctx.as('coordinator');
    const title = `Nachtbus-Begleitung ${dialect}`;
    const project = await applicant.post('/api/projects', {
      ags: ctx.territory.annaberg,
      title,
      fieldIds: [graffiti],
      steps: completeSteps(),
    });
    const a = await applicant.post('/api/funding/applications', {
      programmeId: programme.json().id,
      projectId: project.json().id,
      fieldId: graffiti,
      ...validPlan(),
    });
    const sub = await applicant.post(`/api/funding/applications/${a.json().id}/submit`, { version: a.json().version });
    const admin = await ctx.as('admin');
    const assigned = await admin.post(`/api/funding/applications/${a.json().id}/reviewers`, {
      version: sub.json().version,
      userId: lpr.user!.id,
    });
    const decided = await lpr.post(`/api/funding/applications/${a.json().id}/decision`, {
      version: assigned.json().version,
      outcome: 'approved',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await send();
    const mails = to(applicant.user!.email);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringContaining('Antrag eingegangen'),
      expect.stringContaining(`Bewilligt: ${title}`),
    ]);
    const pdf = mails[1]!.attachments.find((f) => f.contentType === 'application/pdf')!;
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(pdf.content);
    expect(text.replace(/\s+/g, ' ').replace(/- /g, '-')).toContain(title);
  });

  it('the digest lists exactly the overdue tasks and those due this week; a user who switched the digest off gets nothing', async () => {
    const today = todayBerlin();
    // Only this test's coordinator takes part: every other account switches the digest off.
    const others = await ctx.db.selectFrom('users').select('id').execute();
    const reader = await ctx.as('coordinator');
    for (const u of others)
      await ctx.db
        .insertInto('mail_settings')
        .values({ user_id: u.id, meetings: 1, digest: 0, funding: 1, analysis: 1, updated_at: nowIso() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ digest: 0 }))
        .execute();
    for (const [title, due, status] of [
      ['Protokoll verschicken', -4, 'open'],
      ['Raum buchen', 3, 'open'],
      ['Jahresbericht', 30, 'open'],
      ['Längst erledigt', -9, 'done'],
    ] as const) {
      const res = await reader.post(`/api/councils/${councilId}/tasks`, { title, dueDate: addDays(today, due), status });
      expect(res.statusCode, res.body).toBe(201);
    }
    await runDailyMails(ctx.db, today);
    await send();
    const digests = smtp.received.filter((m) => m.subject?.startsWith('Ihre Aufgaben'));
    expect(digests.map((m) => (m.to as { text: string }).text)).toEqual([reader.user!.email]);
    const text = digests[0]!.text!;
    const overdue = text.slice(text.indexOf('Überfällig'), text.indexOf('In den nächsten 7 Tagen'));
    expect(
      overdue
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2, l.indexOf(' ('))),
    ).toEqual(['Protokoll verschicken']);
    expect(text).toContain('- Raum buchen (');
    expect(text).not.toContain('Jahresbericht');
    expect(text).not.toContain('Längst erledigt');
  });
});
