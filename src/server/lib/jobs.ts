import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/migration-helpers.ts';
import type { JobsTable } from '../db/tables/jobs.ts';
import type { Selectable } from 'kysely';
import { nowIso } from '../../shared/time.ts';

/*
 * Background jobs: the one home for work that takes longer than a request should (long documents).
 * A module registers a handler for its kind of job and queues jobs with `enqueueJob`; the worker
 * started by `praevis serve` (app.ts) polls the `jobs` table, claims one queued job at a time and
 * runs it. On PostgreSQL the claim takes the row with FOR UPDATE SKIP LOCKED, so several server
 * processes never run the same job; on SQLite one process serves the file and the claim is a
 * transaction that starts with the write lock (BEGIN IMMEDIATE, db/transaction.ts). A worker that
 * stops puts its job back in the queue; a job whose process died while it ran is failed after a
 * day. Finished jobs and their results are removed after a day.
 */

export type Job = Selectable<JobsTable>;

export interface JobResult {
  content: Buffer;
  type: string;
  name: string;
}

export interface JobContext {
  db: Db;
  job: Job;
  params: unknown;
  /** Stores the progress (done of total) on the job. */
  progress: (done: number, total: number) => Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<JobResult>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler of a kind of job (once per kind; a module does it when its routes register). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export interface NewJob {
  kind: string;
  scopeType: string;
  scopeId: number;
  ags: string | null;
  params: unknown;
  total: number;
  createdBy: number | null;
}

export async function enqueueJob(db: Db, job: NewJob): Promise<Job> {
  return db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      scope_type: job.scopeType,
      scope_id: job.scopeId,
      ags: job.ags,
      params_json: JSON.stringify(job.params),
      status: 'queued',
      progress_total: job.total,
      error: null,
      result: null,
      result_type: null,
      result_name: null,
      created_by: job.createdBy,
      created_at: nowIso(),
      started_at: null,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const JOB_STATUS_COLUMNS = [
  'id',
  'kind',
  'scope_type',
  'scope_id',
  'ags',
  'params_json',
  'status',
  'progress_done',
  'progress_total',
  'error',
  'result_type',
  'result_name',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

/** A job without its result bytes (for status answers). */
export async function findJob(db: Db, id: number) {
  return db.selectFrom('jobs').select(JOB_STATUS_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The jobs of one kind for one record, newest first, without their result bytes (at most `limit`). */
export async function listJobsOf(db: Db, q: { kind: string; scopeType: string; scopeId: number; limit: number }) {
  return db
    .selectFrom('jobs')
    .select(JOB_STATUS_COLUMNS)
    .where('kind', '=', q.kind)
    .where('scope_type', '=', q.scopeType)
    .where('scope_id', '=', q.scopeId)
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
}

export async function jobResult(db: Db, id: number): Promise<Buffer | null> {
  const row = await db.selectFrom('jobs').select('result').where('id', '=', id).executeTakeFirst();
  return row?.result ? Buffer.from(row.result) : null;
}

/**
 * Takes the oldest queued job and marks it running; undefined when none is queued (or all are taken).
 * The worker asks every second: a plain read comes first, so an idle worker takes no write lock
 * (on SQLite that lock would make the whole process wait while another process, an import or a
 * backup, holds it).
 */
export async function claimJob(db: Db): Promise<Job | undefined> {
  if (!(await db.selectFrom('jobs').select('id').where('status', '=', 'queued').limit(1).executeTakeFirst())) return undefined;
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('jobs').select('id').where('status', '=', 'queued').orderBy('id').limit(1);
    if (isPostgres(db)) q = q.forUpdate().skipLocked();
    const next = await q.executeTakeFirst();
    if (!next) return undefined;
    return trx
      .updateTable('jobs')
      .set({ status: 'running', started_at: nowIso() })
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  });
}

/** Thrown from a job's progress report when its worker stops: the job goes back to the queue. */
class WorkerStopping extends Error {}

/**
 * Runs one job to its end: its result or its error is stored on it. When `stopping()` turns true,
 * the job ends at its next progress report and is queued again (a worker that stops for a restart
 * does not wait for a long document, and the next start draws it anew).
 */
export async function runJob(db: Db, job: Job, stopping: () => boolean = () => false): Promise<void> {
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
    const result = await handler({
      db,
      job,
      params: JSON.parse(job.params_json) as unknown,
      progress: async (done, total) => {
        if (stopping()) throw new WorkerStopping();
        await db.updateTable('jobs').set({ progress_done: done, progress_total: total }).where('id', '=', job.id).execute();
      },
    });
    await db
      .updateTable('jobs')
      .set({ status: 'done', result: result.content, result_type: result.type, result_name: result.name, finished_at: nowIso() })
      .where('id', '=', job.id)
      .execute();
  } catch (err) {
    if (err instanceof WorkerStopping) {
      await db.updateTable('jobs').set({ status: 'queued', started_at: null, progress_done: 0 }).where('id', '=', job.id).execute();
      return;
    }
    await db
      .updateTable('jobs')
      .set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: nowIso() })
      .where('id', '=', job.id)
      .execute();
  }
}

/** Claims and runs queued jobs until none is left; the number run. */
export async function runQueuedJobs(db: Db): Promise<number> {
  let n = 0;
  for (let job = await claimJob(db); job; job = await claimJob(db)) {
    await runJob(db, job);
    n += 1;
  }
  return n;
}

const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Removes finished jobs (and their files) older than a day, and ends as failed the jobs that began
 * running more than a day ago (their process ended while they ran). Writes only when one is due
 * (see claimJob for why the worker's polls read first).
 */
export async function removeOldJobs(db: Db): Promise<void> {
  const before = new Date(Date.parse(nowIso()) - KEEP_MS).toISOString();
  const due = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['done', 'failed']), eb('finished_at', '<', before)]),
        eb.and([eb('status', '=', 'running'), eb('started_at', '<', before)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (!due) return;
  await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', before).execute();
  await db
    .updateTable('jobs')
    .set({ status: 'failed', error: 'interrupted', finished_at: nowIso() })
    .where('status', '=', 'running')
    .where('started_at', '<', before)
    .execute();
}

export interface JobWorker {
  /** Stops polling; the job that runs now ends at its next progress report and is queued again. */
  stop: () => Promise<void>;
  /** How long the first poll took, in ms, once it has run (the start-up bench reports it). */
  firstPass: Promise<number>;
}

/** The longest pause between two polls while the database fails. */
const MAX_RETRY_MS = 30_000;

/**
 * Polls for queued jobs every `intervalMs` and runs them one after another, until stopped. While
 * the database fails (an outage), the pause doubles after each failed poll up to 30 s, so an
 * outage is logged a few times a minute rather than every second; the first poll that succeeds
 * brings the interval back.
 */
export function startJobWorker(db: Db, log: { error: (obj: object, msg: string) => void }, intervalMs = 1000): JobWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pause = intervalMs;
  let firstPassDone: ((ms: number) => void) | undefined;
  const firstPass = new Promise<number>((resolve) => (firstPassDone = resolve));
  const tick = () => {
    running = (async () => {
      const started = performance.now();
      try {
        await removeOldJobs(db);
        for (let job = await claimJob(db); job; job = stopped ? undefined : await claimJob(db)) await runJob(db, job, () => stopped);
        pause = intervalMs;
      } catch (err) {
        pause = Math.max(intervalMs, Math.min(pause * 2, MAX_RETRY_MS));
        log.error({ reason: err instanceof Error ? err.message : String(err), retryInMs: pause }, 'background jobs could not run');
      }
      firstPassDone?.(performance.now() - started);
      firstPassDone = undefined;
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, pause);
    });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    firstPass,
  };
}
