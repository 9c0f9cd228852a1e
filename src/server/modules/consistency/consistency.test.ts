import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildApplicationsInReview } from '../funding/test-support.ts';
import { clearAlliance } from '../alliance/test-support.ts';
import type { ConsistencyReport } from '../../../shared/consistency.schema.ts';
import { addDays, nowIso, resetClock, setClock, todayBerlin } from '../../../shared/time.ts';

/*
 * `praevis check` and the page "Widersprüche" (decision 026): clean data reports nothing; a
 * contradiction of each kind that data can hold, planted one at a time, is reported, naming its
 * record and linking to it.
 */
describe.each(DIALECTS)('consistency check on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;
  let D: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B, dresdenCity: D } = ctx.territory);
  });
  afterAll(async () => {
    resetClock();
    await ctx?.close();
  });
  afterEach(() => resetClock());

  const check = async (): Promise<ConsistencyReport> => {
    const res = await lpr.get('/api/consistency');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const record = async (ags: string, body: Record<string, unknown>) => {
    const res = await lpr.post(`/api/alliance/municipalities/${ags}/events`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('admits admins and LPR staff only', async () => {
    expect((await (await ctx.as('admin')).get('/api/consistency')).statusCode).toBe(200);
    for (const role of ['ministry', 'coordinator', 'police'] as const)
      expect((await (await ctx.as(role)).get('/api/consistency')).statusCode, role).toBe(403);
    expect((await ctx.anonymous.get('/api/consistency')).statusCode).toBe(401);
  });

  it('downloads the list as CSV in the German Excel dialect (or RFC 4180) and as XLSX, one line per contradiction', async () => {
    await clearAlliance(ctx.db);
    await record(A, { type: 'council_constituted', date: '2024-05-01' });
    await record(B, { type: 'coaching_started', date: '2024-06-01' });
    const report = await check();
    expect(report.total).toBeGreaterThanOrEqual(2);
    const csv = await lpr.get('/api/consistency/export');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toContain(`widersprueche-${report.today}.csv`);
    expect(csv.body.startsWith('\ufeffArt;Modul;Datensatz;Nr.;AGS;Datum;Widerspruch;Seite\r\n')).toBe(true);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(report.total + 1);
    expect(lines.some((l) => l.startsWith(`Ereignis ohne Datensatz;alliance;alliance_event;`) && l.includes(`;${A};2024-05-01;`))).toBe(
      true,
    );
    const rfc = await lpr.get('/api/consistency/export?dialect=rfc4180');
    expect(rfc.body.startsWith('Art,Modul,Datensatz')).toBe(true);
    const xlsx = await lpr.get('/api/consistency/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await (await ctx.as('coordinator')).get('/api/consistency/export')).statusCode).toBe(403);
  });

  it('reports nothing for consistent data, and each planted contradiction with its record and link', async () => {
    await clearAlliance(ctx.db);
    // Consistent: advice, a pre-agreement, an agreement, and an analysis within it.
    await record(A, { type: 'consultation', date: '2024-01-10' });
    await record(B, { type: 'pre_agreement_signed', date: '2024-02-01' });
    expect((await lpr.post('/api/alliance/agreements', { municipalities: [A], signedOn: '2024-03-01' })).statusCode).toBe(201);
    const clean = await check();
    expect(clean.items).toEqual([]);
    expect(clean.total).toBe(0);

    // An event without its record: a council constituted only in the history.
    const constituted = await record(A, { type: 'council_constituted', date: '2024-05-01' });
    // Coaching in a municipality without agreement or pre-agreement (and without a process record).
    const coaching = await record(D, { type: 'coaching_started', date: '2024-06-01' });
    // A record without its event: a security analysis started, with no event in the history.
    const now = nowIso();
    const { id: analysisId } = await ctx.db
      .insertInto('security_analyses')
      .values({ ags: A, contractor: 'Forschungsgruppe', status: 'running', started_on: '2024-07-01', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A date in the future: an event recorded while the clock stood a year ahead.
    const later = addDays(todayBerlin(), 400);
    setClock(`${later}T10:00:00Z`);
    const future = await record(B, { type: 'consultation', date: later });
    resetClock();
    // Funding: a grant without a completed review, for a project that is still an idea, paid before it was requested.
    const programme = await lpr.post('/api/funding/programmes', { year: 2031, budgetCents: 50_000_000 });
    expect(programme.statusCode, programme.body).toBe(201);
    const field = await ctx.db.selectFrom('fields_of_action').select('id').where('code', '=', 'graffiti').executeTakeFirstOrThrow();
    const [applicationId] = await buildApplicationsInReview(ctx.db, {
      programmeId: programme.json().id,
      ags: A,
      fieldId: field.id,
      count: 1,
      requestedCents: 2_000_000,
      createdBy: null,
    });
    await ctx.db
      .updateTable('funding_applications')
      .set({ status: 'approved', approved_cents: 2_000_000, decided_at: now })
      .where('id', '=', applicationId!)
      .execute();
    const app = await ctx.db
      .selectFrom('funding_applications')
      .select('project_id')
      .where('id', '=', applicationId!)
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('funding_projects').set({ status: 'idea' }).where('id', '=', app.project_id).execute();
    const { id: paymentId } = await ctx.db
      .insertInto('funding_payments')
      .values({
        application_id: applicationId!,
        kind: 'reimbursement',
        status: 'paid',
        requested_cents: 500_000,
        requested_on: '2026-06-01',
        note: '',
        paid_cents: 500_000,
        paid_on: '2025-06-30',
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const report = await check();
    const find = (kind: string, recordType: string, recordId: string | number) =>
      report.items.find((i) => i.kind === kind && i.recordType === recordType && i.recordId === String(recordId));
    expect(find('event_without_record', 'alliance_event', constituted.id)).toMatchObject({ ags: A, link: `/municipalities/${A}` });
    expect(find('event_without_record', 'alliance_event', coaching.id)).toBeDefined();
    expect(find('process_without_agreement', 'municipality', D)).toMatchObject({ link: `/municipalities/${D}` });
    expect(find('record_without_event', 'security_analysis', analysisId)).toMatchObject({ link: `/security-analyses/${analysisId}` });
    expect(find('date_in_future', 'alliance_event', future.id)?.de).toContain('nach heute');
    expect(find('approval_without_review', 'funding_application', applicationId!)).toMatchObject({
      link: `/funding/applications/${applicationId}`,
    });
    expect(find('project_stage', 'funding_project', app.project_id)?.de).toContain('Idee');
    expect(find('payment_before_request', 'funding_payment', paymentId)?.de).toContain('30. Juni 2025');
    expect(report.total).toBe(report.items.length);
    expect(report.total).toBe(8);
    expect(report.byKind).toMatchObject({ event_without_record: 2, date_in_future: 1, payment_before_request: 1 });
  });
});
