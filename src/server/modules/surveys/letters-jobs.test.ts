import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import { claimJob, enqueueJob, registerJobHandler, removeOldJobs, runQueuedJobs, startJobWorker } from '../../lib/jobs.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { renderLetters } from './letters.ts';
import { pdfQrCodes } from './qr-read.test-support.ts';
import { codesOfSurvey, createSurvey } from './test-support.ts';

describe.each(DIALECTS)('surveys: letters as a background job on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A survey of the municipality with one batch of `count` codes; its codes as printed. */
  async function batchOf(ags: string, count: number) {
    const s = await createSurvey(lpr, [ags]);
    const res = await lpr.post(`/api/surveys/${s.id}/codes`, { ags, count });
    expect(res.statusCode, res.body).toBe(201);
    return { id: s.id, codes: (await codesOfSurvey(ctx.db, s.id)).map(normalizeSurveyCode) };
  }

  it('starts a job (202), reports its progress, and serves the letters with their QR codes when done', async () => {
    const s = await batchOf(A, 3);
    const started = await lpr.post(
      `/api/surveys/${s.id}/codes/batches/1/letters-jobs`,
      { kind: 'invitation' },
      { headers: { host: 'praevis.example' } },
    );
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json();
    expect(job).toMatchObject({ surveyId: s.id, batch: 1, kind: 'invitation', state: 'queued', done: 0, total: 3 });
    expect(started.headers.location).toBe(`/api/surveys/${s.id}/letters-jobs/${job.id}`);
    // Not ready yet: no file.
    expect((await lpr.get(`/api/surveys/${s.id}/letters-jobs/${job.id}/letters.pdf`)).statusCode).toBe(422);

    expect(await runQueuedJobs(ctx.db)).toBe(1);
    const status = await lpr.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({ state: 'done', done: 3, total: 3 });
    expect(status.json().finishedAt).toEqual(expect.any(String));

    const file = await lpr.get(`/api/surveys/${s.id}/letters-jobs/${job.id}/letters.pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(`einladung-befragung-${s.id}-stapel-1.pdf`);
    const pdf = await pdfText(file.rawPayload);
    expect(pdf.pages).toHaveLength(3);
    s.codes.forEach((code, i) => expect(pdf.pages[i]).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`));
    expect(await pdfQrCodes(file.rawPayload)).toEqual(s.codes.map((c) => [`http://praevis.example/befragung/${c}`]));

    // The start is audited (without any code); reminders are a job of their own.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'survey.letters')
      .where('entity_id', '=', String(s.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(lpr.user!.id);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ batch: 1, kind: 'invitation', letters: 3, job: job.id });
    for (const c of s.codes) expect(audit[0]!.after_json).not.toContain(c);
    const reminder = (await lpr.post(`/api/surveys/${s.id}/codes/batches/1/letters-jobs`, { kind: 'reminder' })).json();
    await runQueuedJobs(ctx.db);
    const text = await pdfText((await lpr.get(`/api/surveys/${s.id}/letters-jobs/${reminder.id}/letters.pdf`)).rawPayload);
    expect(text.pages[0]).toMatch(/Erinnerung/);
  });

  it('reports the progress of large batches page by page while drawing', async () => {
    const codes = Array.from({ length: 250 }, (_, i) => `ABCDEFGH${String(i).padStart(4, '2')}`);
    const seen: Array<[number, number]> = [];
    await renderLetters(
      { title: 'T', municipality: 'M', fieldEnd: '2026-12-31', baseUrl: 'https://praevis.example', batch: 1, codes },
      'invitation',
      (done, total) => {
        seen.push([done, total]);
      },
    );
    expect(seen).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });

  it('lets nobody read a job who may not print the letters of its batch', async () => {
    const s = await batchOf(A, 2);
    const job = (await lpr.post(`/api/surveys/${s.id}/codes/batches/1/letters-jobs`, {})).json();
    await runQueuedJobs(ctx.db);
    const own = await ctx.as('coordinator', { communes: [A] });
    expect((await own.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`)).statusCode).toBe(200);
    expect((await own.get(`/api/surveys/${s.id}/letters-jobs/${job.id}/letters.pdf`)).statusCode).toBe(200);

    const other = await ctx.as('coordinator', { communes: [B] });
    expect((await other.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`)).statusCode).toBe(403);
    expect((await other.get(`/api/surveys/${s.id}/letters-jobs/${job.id}/letters.pdf`)).statusCode).toBe(403);
    expect((await other.post(`/api/surveys/${s.id}/codes/batches/1/letters-jobs`, {})).statusCode).toBe(403);
    const police = await ctx.as('police');
    expect((await police.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`)).statusCode).toBe(403);
    expect((await ctx.anonymous.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`)).statusCode).toBe(401);

    // A job is found only under its own survey, and only a letters job.
    const elsewhere = await batchOf(B, 1);
    expect((await lpr.get(`/api/surveys/${elsewhere.id}/letters-jobs/${job.id}`)).statusCode).toBe(404);
    expect((await lpr.get(`/api/surveys/${s.id}/letters-jobs/999999`)).statusCode).toBe(404);
    expect((await lpr.post(`/api/surveys/${s.id}/codes/batches/9/letters-jobs`, {})).statusCode).toBe(404);
  });

  it("lists a survey's recent jobs, newest first, only of the batches the caller may print", async () => {
    const s = await createSurvey(lpr, [A, B]);
    for (const ags of [A, B]) expect((await lpr.post(`/api/surveys/${s.id}/codes`, { ags, count: 2 })).statusCode).toBe(201);
    const ofA = (await lpr.post(`/api/surveys/${s.id}/codes/batches/1/letters-jobs`, {})).json();
    const ofB = (await lpr.post(`/api/surveys/${s.id}/codes/batches/2/letters-jobs`, { kind: 'reminder' })).json();
    const other = await batchOf(A, 1);
    await lpr.post(`/api/surveys/${other.id}/codes/batches/1/letters-jobs`, {});

    const all = await lpr.get(`/api/surveys/${s.id}/letters-jobs`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject([
      { id: ofB.id, batch: 2, kind: 'reminder', state: 'queued', total: 2 },
      { id: ofA.id, batch: 1, kind: 'invitation', state: 'queued', total: 2 },
    ]);
    await runQueuedJobs(ctx.db);
    expect((await lpr.get(`/api/surveys/${s.id}/letters-jobs`)).json().map((j: { state: string }) => j.state)).toEqual(['done', 'done']);

    const coordinatorOfA = await ctx.as('coordinator', { communes: [A] });
    const own = await coordinatorOfA.get(`/api/surveys/${s.id}/letters-jobs`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().map((j: { id: number }) => j.id)).toEqual([ofA.id]);
    expect((await coordinatorOfA.get(`/api/surveys/${s.id}/letters-jobs/${ofB.id}`)).statusCode).toBe(403);

    const outside = await ctx.as('coordinator', { communes: [B] });
    expect((await outside.get(`/api/surveys/${other.id}/letters-jobs`)).statusCode).toBe(403);
    expect((await (await ctx.as('police')).get(`/api/surveys/${s.id}/letters-jobs`)).statusCode).toBe(403);
    expect((await ctx.anonymous.get(`/api/surveys/${s.id}/letters-jobs`)).statusCode).toBe(401);
    expect((await lpr.get('/api/surveys/999999/letters-jobs')).statusCode).toBe(404);
  });

  it('runs queued jobs in a worker that polls until it is stopped', async () => {
    const s = await batchOf(A, 1);
    const job = (await lpr.post(`/api/surveys/${s.id}/codes/batches/1/letters-jobs`, {})).json();
    const worker = startJobWorker(ctx.db, { error: () => {} }, 10);
    try {
      await vi.waitFor(async () => expect((await lpr.get(`/api/surveys/${s.id}/letters-jobs/${job.id}`)).json().state).toBe('done'), {
        timeout: 60_000,
        interval: 50,
      });
    } finally {
      await worker.stop();
    }
  });

  it('puts the job that runs back in the queue when its worker stops, and fails jobs that ran for a day', async () => {
    let entered = false;
    // A job that would never end by itself: it only reports progress.
    registerJobHandler('test_endless', async ({ progress }) => {
      entered = true;
      for (;;) {
        await progress(1, 2);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const job = await enqueueJob(ctx.db, {
      kind: 'test_endless',
      scopeType: 'test',
      scopeId: 1,
      ags: null,
      params: {},
      total: 2,
      createdBy: null,
    });
    const worker = startJobWorker(ctx.db, { error: () => {} }, 10);
    await vi.waitFor(() => expect(entered).toBe(true), { timeout: 60_000, interval: 20 });
    await worker.stop();
    const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', started_at: null, progress_done: 0 });

    // A job left running by a process that ended is failed after a day.
    await ctx.db.updateTable('jobs').set({ status: 'running', started_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', job.id).execute();
    await removeOldJobs(ctx.db);
    expect(await ctx.db.selectFrom('jobs').select(['status', 'error']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({
      status: 'failed',
      error: 'interrupted',
    });
  });

  it.runIf(dialect === 'postgres')('never gives one job to two workers that claim at the same time', async () => {
    // Jobs of a kind no worker knows, so that only this test claims them.
    const ids = new Set<number>();
    for (let i = 0; i < 4; i += 1)
      ids.add(
        (await enqueueJob(ctx.db, { kind: 'test', scopeType: 'test', scopeId: 1, ags: null, params: {}, total: 0, createdBy: null })).id,
      );
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'failed' })
      .where('id', 'not in', [...ids])
      .where('status', '=', 'queued')
      .execute();
    // Four claims at once, each on its own connection of the pool (as four server processes would).
    const claimed = await Promise.all([claimJob(ctx.db), claimJob(ctx.db), claimJob(ctx.db), claimJob(ctx.db)]);
    const got = claimed.map((j) => j?.id);
    expect(got.every((id) => id !== undefined)).toBe(true);
    expect(new Set(got).size).toBe(4);
    expect(new Set(got)).toEqual(ids);
    expect(await claimJob(ctx.db)).toBeUndefined();
  });

  it.runIf(dialect === 'postgres')('passes over a job another worker is claiming instead of waiting for it', async () => {
    const enqueue = async () =>
      (await enqueueJob(ctx.db, { kind: 'test', scopeType: 'test', scopeId: 1, ags: null, params: {}, total: 0, createdBy: null })).id;
    const first = await enqueue();
    const second = await enqueue();
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'failed' })
      .where('id', 'not in', [first, second])
      .where('status', '=', 'queued')
      .execute();
    const other = await ctx.db.transaction().execute(async (trx) => {
      // Another worker holds the first job's row while it claims it.
      await trx.selectFrom('jobs').select('id').where('id', '=', first).forUpdate().execute();
      const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 20_000).unref());
      return Promise.race([claimJob(ctx.db), waited]);
    });
    expect(other).not.toBe('waited');
    expect((other as { id: number }).id).toBe(second);
  });
});
