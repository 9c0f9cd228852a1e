import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParam, idParamSchema, INT4_MAX } from '../../../shared/common.schema.ts';
import { csvDialectQuerySchema } from '../../../shared/csv.schema.ts';
import {
  batchParamSchema,
  codesBatchListSchema,
  createCodesResultSchema,
  createCodesSchema,
  createSurveySchema,
  importModeQuerySchema,
  lettersJobParamSchema,
  lettersJobSchema,
  lettersQuerySchema,
  startLettersJobSchema,
  paperReturnResultSchema,
  paperReturnSchema,
  publicAnswersBodySchema,
  publicDraftResultSchema,
  publicOpenResultSchema,
  publicOpenSchema,
  publicSubmitResultSchema,
  putQuestionnaireSchema,
  questionnaireVersionListSchema,
  questionnaireVersionSchema,
  restoreQuestionnaireSchema,
  responseImportResultSchema,
  surveyDetailSchema,
  surveyListQuerySchema,
  surveyListSchema,
  surveySchema,
  updateSurveySchema,
  versionParamSchema,
} from '../../../shared/surveys.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { languageOf } from '../../http/problem.ts';
import { noContent, problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { renderCodesCsv, renderLetters } from './letters.ts';
import { getLettersJob, lettersJobFile, listLettersJobs, startLettersJob } from './letters.jobs.ts';
import * as paper from './paper.service.ts';
import * as pub from './public.service.ts';
import { surveysPolicy } from './surveys.policy.ts';
import * as service from './surveys.service.ts';
import { PublicThrottle } from './throttle.ts';
import { attachment, fileResponse, uploadForm } from '../../http/files.ts';
import { multipartRoute, readUpload } from '../../lib/upload.ts';
import { CSV_CONTENT_TYPE } from '../../lib/csv.ts';

const TAGS = ['surveys'];
const PUBLIC_TAGS = ['survey-public'];
const optionalVersion = z.object({ version: z.number().int().positive().max(INT4_MAX).optional() }).nullish();
const closeBody = z
  .object({
    version: z.number().int().positive().max(INT4_MAX).optional(),
    discardPendingPaperEntries: z
      .boolean()
      .optional()
      .describe('Discard first entries of paper returns still waiting for their second entry'),
  })
  .nullish();
const deleteQuery = z.object({ version: idParam.optional() });

/** The throttle of the public routes of this process (exported for tests, which reset it). */
export const publicThrottle = new PublicThrottle();

export async function surveysRoutes(app: ZodApp): Promise<void> {
  // A write-ahead log left by a crash may still hold submissions beside their codes (decision 010).
  await pub.settleJournal(app.db);

  const baseUrl = (req: FastifyRequest) => app.config.publicUrl ?? `${req.protocol}://${req.host}`;

  // ---- surveys ----

  app.get(
    '/api/surveys',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Surveys the user may see (coordinators: those including one of their communes), newest field period first',
        querystring: surveyListQuerySchema,
        response: { 200: surveyListSchema, ...problemResponses },
      },
    },
    async (req) => service.listSurveys(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/surveys',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Create a survey with a copy of the standard questionnaire as version 1',
        body: createSurveySchema,
        response: { 201: surveySchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const survey = await app.db
        .transaction()
        .execute((trx) => service.createSurvey(trx, actorOf(req.principal, req.id), req.principal!, req.body));
      return reply.code(201).send(survey);
    },
  );

  app.get(
    '/api/surveys/:id',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'A survey with counts of codes and responses by channel',
        params: idParamSchema,
        response: { 200: surveyDetailSchema, ...problemResponses },
      },
    },
    async (req) => service.getSurveyDetail(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/surveys/:id',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change a survey (title; k only upwards; dates; municipalities only in draft); 409 when the version is stale',
        params: idParamSchema,
        body: updateSurveySchema,
        response: { 200: surveySchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updateSurvey(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.delete(
    '/api/surveys/:id',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Delete a survey that is still a draft',
        params: idParamSchema,
        querystring: deleteQuery,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (req, reply) => {
      await app.db
        .transaction()
        .execute((trx) => service.deleteSurvey(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.query.version));
      return reply.code(204).send(null);
    },
  );

  // ---- questionnaire ----

  app.get(
    '/api/surveys/:id/questionnaire',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'The current questionnaire version',
        params: idParamSchema,
        response: { 200: questionnaireVersionSchema, ...problemResponses },
      },
    },
    async (req) => service.getQuestionnaire(app.db, req.principal!, req.params.id),
  );

  app.get(
    '/api/surveys/:id/questionnaire/versions',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Every questionnaire version with its number of responses',
        params: idParamSchema,
        response: { 200: questionnaireVersionListSchema, ...problemResponses },
      },
    },
    async (req) => service.listQuestionnaireVersions(app.db, req.principal!, req.params.id),
  );

  app.get(
    '/api/surveys/:id/questionnaire/versions/:v',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'One questionnaire version',
        params: versionParamSchema,
        response: { 200: questionnaireVersionSchema, ...problemResponses },
      },
    },
    async (req) => service.getQuestionnaire(app.db, req.principal!, req.params.id, req.params.v),
  );

  app.put(
    '/api/surveys/:id/questionnaire',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Save the questionnaire as a new version (409 when basedOnVersion is stale)',
        description:
          'In draft any valid change; during fieldwork wording and translation only (422 structure_locked names the first changed question); closed: none.',
        params: idParamSchema,
        body: putQuestionnaireSchema,
        response: { 201: questionnaireVersionSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const q = await app.db
        .transaction()
        .execute((trx) => service.putQuestionnaire(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body));
      return reply.code(201).send(q);
    },
  );

  app.post(
    '/api/surveys/:id/questionnaire/versions/:v/restore',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Restore an older questionnaire version as a new version (409 when basedOnVersion is stale)',
        description: 'The same rules as saving: in draft any version; during fieldwork only one that differs in wording; closed: none.',
        params: versionParamSchema,
        body: restoreQuestionnaireSchema,
        response: { 201: questionnaireVersionSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const q = await app.db
        .transaction()
        .execute((trx) =>
          service.restoreQuestionnaireVersion(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.params.v, req.body),
        );
      return reply.code(201).send(q);
    },
  );

  // ---- fieldwork ----

  app.post(
    '/api/surveys/:id/start',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Start the fieldwork (draft → fieldwork); the public may answer from field_start to field_end inclusive (Europe/Berlin)',
        params: idParamSchema,
        body: optionalVersion,
        response: { 200: surveySchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.startSurvey(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body?.version)),
  );

  app.post(
    '/api/surveys/:id/close',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Close the survey (fieldwork → closed); unsent drafts are deleted',
        params: idParamSchema,
        body: closeBody,
        response: { 200: surveySchema, ...problemResponses },
      },
    },
    async (req) => {
      const closed = await app.db
        .transaction()
        .execute((trx) => service.closeSurvey(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body ?? {}));
      // The deleted drafts leave the write-ahead log too (decision 010).
      await pub.settleJournal(app.db);
      return closed;
    },
  );

  app.post(
    '/api/surveys/:id/codes',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Generate one-time access codes for a sample of N people of one municipality (one batch)',
        params: idParamSchema,
        body: createCodesSchema,
        response: { 201: createCodesResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const result = await app.db
        .transaction()
        .execute((trx) => service.createCodes(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body));
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/surveys/:id/codes/batches',
    {
      config: { access: surveysPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Code batches with their counts of unused, started and used codes',
        params: idParamSchema,
        response: { 200: codesBatchListSchema, ...problemResponses },
      },
    },
    async (req) => service.listBatches(app.db, req.principal!, req.params.id),
  );

  app.get(
    '/api/surveys/:id/codes/batches/:batch/letters.pdf',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Invitation or reminder letters of a batch as PDF: one per page with code, short URL and QR code',
        params: batchParamSchema,
        querystring: lettersQuerySchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const b = await service.batchCodes(app.db, req.principal!, req.params.id, req.params.batch);
      const pdf = await renderLetters(
        {
          title: b.survey.title,
          municipality: b.municipality,
          fieldEnd: b.survey.field_end,
          baseUrl: baseUrl(req),
          batch: req.params.batch,
          codes: b.codes,
        },
        req.query.kind,
      );
      const name = `${req.query.kind === 'reminder' ? 'erinnerung' : 'einladung'}-befragung-${req.params.id}-stapel-${req.params.batch}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/surveys/:id/codes/batches/:batch/letters-jobs',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Starts drawing the invitation or reminder letters of a batch in the background; poll the job for its progress',
        params: batchParamSchema,
        body: startLettersJobSchema,
        response: { 202: lettersJobSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const job = await startLettersJob(app.db, actorOf(req.principal, req.id), req.principal!, {
        surveyId: req.params.id,
        batch: req.params.batch,
        kind: req.body?.kind ?? 'invitation',
        baseUrl: baseUrl(req),
      });
      return reply.code(202).header('location', `/api/surveys/${req.params.id}/letters-jobs/${job.id}`).send(job);
    },
  );

  app.get(
    '/api/surveys/:id/letters-jobs',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: "The survey's recent letters jobs, newest first: state, progress and end (only of batches the caller may print)",
        params: idParamSchema,
        response: { 200: z.array(lettersJobSchema), ...problemResponses },
      },
    },
    async (req, reply) => {
      const jobs = await listLettersJobs(app.db, req.principal!, req.params.id);
      return reply.header('cache-control', 'no-store').send(jobs);
    },
  );

  app.get(
    '/api/surveys/:id/letters-jobs/:jobId',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'A letters job: its state and progress (letters drawn of the batch)',
        params: lettersJobParamSchema,
        response: { 200: lettersJobSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const job = await getLettersJob(app.db, req.principal!, req.params.id, req.params.jobId);
      return reply.header('cache-control', 'no-store').send(job);
    },
  );

  app.get(
    '/api/surveys/:id/letters-jobs/:jobId/letters.pdf',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'The letters of a finished letters job as PDF (422 while the job still runs or when it failed)',
        params: lettersJobParamSchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await lettersJobFile(app.db, req.principal!, req.params.id, req.params.jobId);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(file.name))
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  app.get(
    '/api/surveys/:id/codes/batches/:batch/codes.csv',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'The codes of a batch as CSV for a mail merge (running number, code, short URL)',
        params: batchParamSchema,
        querystring: csvDialectQuerySchema,
        produces: ['text/csv'],
        response: { 200: fileResponse('CSV, German Excel dialect unless dialect=rfc4180'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const b = await service.batchCodes(app.db, req.principal!, req.params.id, req.params.batch);
      const csv = renderCodesCsv(
        {
          title: b.survey.title,
          municipality: b.municipality,
          ags: b.ags,
          fieldEnd: b.survey.field_end,
          baseUrl: baseUrl(req),
          batch: req.params.batch,
          codes: b.codes,
        },
        req.query.dialect,
      );
      return reply
        .type(CSV_CONTENT_TYPE)
        .header('content-disposition', attachment(`codes-befragung-${req.params.id}-stapel-${req.params.batch}.csv`))
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  // ---- paper returns and imports ----

  app.post(
    '/api/surveys/:id/paper-returns',
    {
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary:
          'Enter a paper return: single entry, or double entry (first, then second; stored only when both agree, else the differing questions are listed)',
        params: idParamSchema,
        body: paperReturnSchema,
        response: { 200: paperReturnResultSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => paper.enterPaperReturn(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.post(
    '/api/surveys/:id/imports/responses',
    {
      ...multipartRoute,
      config: { access: surveysPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Import returns from CSV by codebook variable names: preview, then commit all or nothing (errors name line and field)',
        description:
          'Header: codebook variable names (question id; question_option for multiple choice; question_row for matrices), optionally ags. Cells: option code or codebook value, numbers, text; empty = no answer.',
        params: idParamSchema,
        querystring: importModeQuerySchema,
        consumes: ['multipart/form-data'],
        body: uploadForm('CSV (UTF-8, UTF-16 or Windows-1252; semicolon, comma or tab)'),
        response: {
          200: responseImportResultSchema,
          201: responseImportResultSchema,
          413: problemResponses[400],
          415: problemResponses[400],
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const data = (await readUpload(req)).content;
      const result = await app.db
        .transaction()
        .execute((trx) =>
          paper.importResponses(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.query.mode, data, languageOf(req)),
        );
      return reply.code(result.mode === 'commit' ? 201 : 200).send(result);
    },
  );

  // ---- the public questionnaire: no login, no cookie, the code in the body only ----

  const publicCtx = (req: FastifyRequest) => ({ db: app.db, throttle: publicThrottle, ip: req.ip });
  const noStore = { 'cache-control': 'no-store' };

  app.post(
    '/api/public/survey/open',
    {
      config: { access: surveysPolicy.public, rateLimit: false },
      schema: {
        tags: PUBLIC_TAGS,
        summary: 'Open the questionnaire with an access code (with the saved draft)',
        body: publicOpenSchema,
        response: { 200: publicOpenResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.headers(noStore).send(await pub.openQuestionnaire(publicCtx(req), req.body.code)),
  );

  app.put(
    '/api/public/survey/draft',
    {
      config: { access: surveysPolicy.public, rateLimit: false },
      schema: {
        tags: PUBLIC_TAGS,
        summary: 'Save a partly answered questionnaire; invalid answers are refused by question id, the others saved',
        body: publicAnswersBodySchema,
        response: { 200: publicDraftResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.headers(noStore).send(await pub.saveDraft(publicCtx(req), req.body.code, req.body.answers)),
  );

  app.post(
    '/api/public/survey/submit',
    {
      config: { access: surveysPolicy.public, rateLimit: false },
      schema: {
        tags: PUBLIC_TAGS,
        summary: 'Submit the questionnaire: stored anonymously, the code marked used, the draft deleted',
        body: publicAnswersBodySchema,
        response: { 200: publicSubmitResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = {
        ...publicCtx(req),
        transaction: <T>(fn: (trx: typeof app.db) => Promise<T>) => app.db.transaction().execute(fn as never) as Promise<T>,
      };
      return reply.headers(noStore).send(await pub.submitQuestionnaire(ctx, req.body.code, req.body.answers));
    },
  );
}
