import type { LetterKind } from './letters.ts';
import type { LettersJob } from '../../../shared/surveys.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { notFound, ruleViolation } from '../../http/problem.ts';
import { canWithin, forbiddenScope, type MunicipalScope } from '../../auth/access.ts';
import { enqueueJob, findJob, jobResult, listJobsOf, registerJobHandler } from '../../lib/jobs.ts';
import { recordAudit } from '../audit/index.ts';
import { renderLetters } from './letters.ts';
import * as service from './surveys.service.ts';

/*
 * The letters of a code batch as a background job (lib/jobs.ts): large batches take longer than a
 * request should. Starting one checks access exactly like the letters route (a user who may run
 * the batch's municipality) and is audited; the worker derives the codes again from the survey key
 * and stores the PDF on the job, where it stays until the jobs of the day are removed. The PDF adds
 * nothing to what the database already holds: the key derives the same codes (decision 010).
 */

export const LETTERS_JOB = 'survey_letters';

interface LettersParams {
  surveyId: number;
  batch: number;
  kind: LetterKind;
  baseUrl: string;
}

export function lettersFileName(surveyId: number, batch: number, kind: LetterKind): string {
  return `${kind === 'reminder' ? 'erinnerung' : 'einladung'}-befragung-${surveyId}-stapel-${batch}.pdf`;
}

registerJobHandler(LETTERS_JOB, async ({ db, params, progress }) => {
  const p = params as LettersParams;
  const b = await service.batchCodesOfJob(db, p.surveyId, p.batch);
  const content = await renderLetters(
    {
      title: b.survey.title,
      municipality: b.municipality,
      fieldEnd: b.survey.field_end,
      baseUrl: p.baseUrl,
      batch: p.batch,
      codes: b.codes,
    },
    p.kind,
    progress,
  );
  return { content, type: 'application/pdf', name: lettersFileName(p.surveyId, p.batch, p.kind) };
});

function present(job: NonNullable<Awaited<ReturnType<typeof findJob>>>, params: LettersParams): LettersJob {
  return {
    id: job.id,
    surveyId: params.surveyId,
    batch: params.batch,
    kind: params.kind,
    state: job.status,
    done: job.progress_done,
    total: job.progress_total,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

export async function startLettersJob(
  db: Db,
  actor: Actor,
  principal: Principal,
  q: { surveyId: number; batch: number; kind: LetterKind; baseUrl: string },
): Promise<LettersJob> {
  const b = await service.batchCodes(db, principal, q.surveyId, q.batch);
  const params: LettersParams = { surveyId: q.surveyId, batch: q.batch, kind: q.kind, baseUrl: q.baseUrl };
  return db.transaction().execute(async (trx) => {
    const job = await enqueueJob(trx, {
      kind: LETTERS_JOB,
      scopeType: 'survey',
      scopeId: q.surveyId,
      ags: b.ags,
      params,
      total: b.codes.length,
      createdBy: actor.userId,
    });
    await recordAudit(trx, actor, {
      action: 'survey.letters',
      entityType: 'survey',
      entityId: q.surveyId,
      after: { batch: q.batch, kind: q.kind, letters: b.codes.length, job: job.id },
    });
    return present(job, params);
  });
}

/**
 * The same checks as for the letters themselves: the survey is visible (`loadSurvey`), and the
 * batch's municipality, kept on the job when it was started, is the principal's to run. Asked on
 * every poll, so it reads no codes.
 */
function mayRead(scope: MunicipalScope, principal: Principal, job: { ags: string | null }): boolean {
  return job.ags !== null && canWithin(scope, principal, 'surveys.manage', job.ags);
}

/** A letters job of the survey, if the principal may print the letters of its batch; 404 / 403 otherwise. */
async function loadLettersJob(db: Db, principal: Principal, surveyId: number, jobId: number) {
  const { scope } = await service.loadSurvey(db, principal, surveyId);
  const job = await findJob(db, jobId);
  if (!job || job.kind !== LETTERS_JOB || job.scope_type !== 'survey' || job.scope_id !== surveyId)
    throw notFound({ de: `Den Auftrag ${jobId} gibt es nicht.`, en: `Job ${jobId} does not exist.` });
  if (!mayRead(scope, principal, job)) throw forbiddenScope();
  return { job, params: JSON.parse(job.params_json) as LettersParams };
}

export async function getLettersJob(db: Db, principal: Principal, surveyId: number, jobId: number): Promise<LettersJob> {
  const { job, params } = await loadLettersJob(db, principal, surveyId, jobId);
  return present(job, params);
}

/** How many of a survey's letters jobs are listed (they are removed a day after they ended). */
const LISTED_JOBS = 20;

/**
 * The survey's recent letters jobs, newest first: those of batches whose municipality the
 * principal may run, the same rule as for one job (403 / 404 when the survey is not visible).
 */
export async function listLettersJobs(db: Db, principal: Principal, surveyId: number): Promise<LettersJob[]> {
  const { scope } = await service.loadSurvey(db, principal, surveyId);
  const jobs = await listJobsOf(db, { kind: LETTERS_JOB, scopeType: 'survey', scopeId: surveyId, limit: LISTED_JOBS });
  return jobs.filter((job) => mayRead(scope, principal, job)).map((job) => present(job, JSON.parse(job.params_json) as LettersParams));
}

export async function lettersJobFile(db: Db, principal: Principal, surveyId: number, jobId: number) {
  const { job } = await loadLettersJob(db, principal, surveyId, jobId);
  const content = job.status === 'done' ? await jobResult(db, jobId) : null;
  if (!content)
    throw ruleViolation({
      de: job.status === 'failed' ? 'Die Briefe konnten nicht erstellt werden.' : 'Die Briefe werden noch erstellt.',
      en: job.status === 'failed' ? 'The letters could not be produced.' : 'The letters are still being produced.',
    });
  return { content, name: job.result_name ?? 'briefe.pdf' };
}
