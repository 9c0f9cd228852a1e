import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { outboxTo } from '../../test/mail-outbox.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { completeSteps, recordConsultation, validPlan } from './test-support.ts';

describe.each(DIALECTS)('mails to the applicant when a funding application changes state on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let admin: Client;
  let graffiti: number;
  let programmeId: number;
  let seq = 0;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    admin = await ctx.as('admin');
    const fields = (await lpr.get('/api/funding/fields-of-action')).json() as { id: number; code: string }[];
    graffiti = fields.find((f) => f.code === 'graffiti')!.id;
    await recordConsultation(lpr, ctx.territory.annaberg);
    const res = await lpr.post('/api/funding/programmes', {
      year: 2040,
      budgetCents: 110_000_000,
      windowOpens: addDays(todayBerlin(), -10),
      windowCloses: addDays(todayBerlin(), 10),
    });
    expect(res.statusCode, res.body).toBe(201);
    programmeId = res.json().id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A coordinator's submitted application of a project with a name of its own, in review. */
  async function inReview() {
    const coordinator = await ctx.as('coordinator');
    const title = `Graffiti-Wettbewerb Haltestelle ${++seq} ${dialect}`;
    const project = await coordinator.post('/api/projects', {
      ags: ctx.territory.annaberg,
      title,
      fieldIds: [graffiti],
      steps: completeSteps(),
    });
    expect(project.statusCode, project.body).toBe(201);
    const a = await coordinator.post('/api/funding/applications', {
      programmeId,
      projectId: project.json().id,
      fieldId: graffiti,
      ...validPlan(),
    });
    expect(a.statusCode, a.body).toBe(201);
    const sub = await coordinator.post(`/api/funding/applications/${a.json().id}/submit`, { version: a.json().version });
    expect(sub.statusCode, sub.body).toBe(200);
    const assigned = await admin.post(`/api/funding/applications/${a.json().id}/reviewers`, {
      version: sub.json().version,
      userId: lpr.user!.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return { coordinator, id: a.json().id as number, version: assigned.json().version as number, title };
  }

  it('received, approved with the grant notice PDF attached, and payment made: each to the applicant', async () => {
    const a = await inReview();
    const email = a.coordinator.user!.email;
    const received = await outboxTo(ctx.db, email, 'funding.received');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ category: 'funding', user_id: a.coordinator.user!.id, language: 'de' });
    expect(received[0]!.subject).toBe(`Antrag eingegangen: ${a.title} (Förderprogramm Kommunale Kriminalprävention 2040)`);
    expect(received[0]!.text).toContain('30.600,00 €');

    const decided = await lpr.post(`/api/funding/applications/${a.id}/decision`, {
      version: a.version,
      outcome: 'approved',
      reason: 'Schlüssiges Konzept.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const approved = await outboxTo(ctx.db, email, 'funding.approved');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.subject).toContain(`Bewilligt: ${a.title}`);
    expect(approved[0]!.text).toContain('Die Zuwendung beträgt 30.600,00 €');
    expect(approved[0]!.attachments).toHaveLength(1);
    const pdf = approved[0]!.attachments[0]!;
    expect(pdf.content_type).toBe('application/pdf');
    expect(pdf.filename).toMatch(/\.pdf$/);
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(pdf.content);
    expect(text).toContain('Zuwendungsbescheid');
    // A line may break after the hyphen of the name.
    expect(text.replace(/\s+/g, ' ').replace(/- /g, '-')).toContain(a.title);

    const req = await a.coordinator.post(`/api/funding/applications/${a.id}/payments`, {
      kind: 'advance',
      requestedCents: 1_000_000,
      note: 'Abschlag',
    });
    expect(req.statusCode, req.body).toBe(201);
    const payment = req.json().payments[0];
    const paid = await lpr.post(`/api/funding/payments/${payment.id}/paid`, { version: 1, paidCents: 1_000_000, paidOn: todayBerlin() });
    expect(paid.statusCode, paid.body).toBe(200);
    const paidMail = await outboxTo(ctx.db, email, 'funding.paid');
    expect(paidMail).toHaveLength(1);
    expect(paidMail[0]!.subject).toBe(`Auszahlung: 10.000,00 € für ${a.title}`);
    expect(paidMail[0]!.text).toContain('10.000,00 € der Zuwendung von 30.600,00 €');
    // Nothing went to the staff who decided and paid.
    expect(await ctx.db.selectFrom('mail_outbox').select('id').where('recipient', '=', lpr.user!.email).execute()).toEqual([]);
  });

  it('a rejection in English with the notice; an applicant who switched funding off gets nothing', async () => {
    const a = await inReview();
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', a.coordinator.user!.id).execute();
    const rejected = await lpr.post(`/api/funding/applications/${a.id}/decision`, {
      version: a.version,
      outcome: 'rejected',
      reason: 'Kein Bezug zur Kriminalprävention.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const [mail] = await outboxTo(ctx.db, a.coordinator.user!.email, 'funding.rejected');
    expect(mail).toMatchObject({ language: 'en' });
    expect(mail!.subject).toContain(`Rejected: ${a.title}`);
    expect(mail!.text).toContain('Reason: Kein Bezug zur Kriminalprävention.');
    expect((await pdfText(mail!.attachments[0]!.content)).text).toContain('Ablehnungsbescheid');

    const b = await inReview();
    await ctx.db
      .insertInto('mail_settings')
      .values({ user_id: b.coordinator.user!.id, meetings: 1, digest: 1, funding: 0, analysis: 1, updated_at: nowIso() })
      .execute();
    const approved = await lpr.post(`/api/funding/applications/${b.id}/decision`, { version: b.version, outcome: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await outboxTo(ctx.db, b.coordinator.user!.email)).map((m) => m.kind)).toEqual(['funding.received']);
  });
});
