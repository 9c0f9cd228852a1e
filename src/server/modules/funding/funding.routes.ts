import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import {
  applicationListItemSchema,
  applicationListQuerySchema,
  applicationSchema,
  assignReviewerSchema,
  budgetOverviewSchema,
  checkProofSchema,
  createApplicationSchema,
  createProgrammeSchema,
  decisionInputSchema,
  exportQuerySchema,
  fundedListSchema,
  idParamSchema,
  markPaidSchema,
  paymentRequestSchema,
  programmeSchema,
  programmeVersionSchema,
  proofInputSchema,
  publicationSchema,
  publicProgrammeSchema,
  recommendationInputSchema,
  reviewerSchema,
  reviewInputSchema,
  reviewParamSchema,
  submitApplicationSchema,
  updateApplicationSchema,
  updateProgrammeSchema,
  yearParamSchema,
} from '../../../shared/funding.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { grantNoticePdf } from './funding.pdf.ts';
import { fundingPolicy } from './funding.policy.ts';
import { buildFundingExport, getBudgetOverview, getFundedList, getPublicFundedList, listPublishedProgrammes } from './funding.reports.ts';
import * as programmes from './programmes.service.ts';
import * as applications from './applications.service.ts';
import * as review from './review.service.ts';
import * as payments from './payments.service.ts';
import * as proofOfUse from './proof-of-use.service.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { registerDocumentOwner } from '../documents/index.ts';
import { applicationDocuments, projectDocuments } from './funding.documents.ts';
import { projectRoutes } from './projects.routes.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['funding'];

/** Projects (projects.routes.ts) and the funding programme: programmes, applications, review, decision, payments, proof of use, reports. */
export async function fundingRoutes(app: ZodApp): Promise<void> {
  registerDocumentOwner(projectDocuments);
  registerDocumentOwner(applicationDocuments);
  await projectRoutes(app);

  // ---- programmes ----

  app.get(
    '/api/funding/programmes',
    {
      config: { access: fundingPolicy.readProgrammes },
      schema: {
        tags: TAGS,
        summary: 'Funding programmes by year, with their rules and committed sums',
        response: { 200: z.array(programmeSchema), ...problemResponses },
      },
    },
    async () => programmes.listProgrammes(app.db),
  );

  app.post(
    '/api/funding/programmes',
    {
      config: { access: fundingPolicy.editProgrammes },
      schema: {
        tags: TAGS,
        summary: 'Open the programme of a year (default rules: window 31 Aug–15 Oct of the previous year, 90 %, 10 %, 10,000 EUR)',
        body: createProgrammeSchema,
        response: { 201: programmeSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const p = await app.db.transaction().execute((trx) => programmes.createProgramme(trx, actorOf(req.principal, req.id), req.body));
      return reply.code(201).send(p);
    },
  );

  app.get(
    '/api/funding/programmes/:id',
    {
      config: { access: fundingPolicy.readProgrammes },
      schema: {
        tags: TAGS,
        summary: 'One programme with its rules',
        params: idParamSchema,
        response: { 200: programmeSchema, ...problemResponses },
      },
    },
    async (req) => programmes.getProgramme(app.db, req.params.id),
  );

  app.patch(
    '/api/funding/programmes/:id',
    {
      config: { access: fundingPolicy.editProgrammes },
      schema: {
        tags: TAGS,
        summary: 'Change the rules as a new version with a reason (under the budget lock; optimistic locking by version)',
        params: idParamSchema,
        body: updateProgrammeSchema,
        response: { 200: programmeSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => programmes.updateProgramme(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/funding/programmes/:id/versions',
    {
      config: { access: fundingPolicy.editProgrammes },
      schema: {
        tags: TAGS,
        summary: "Every version of the programme's rules, newest first",
        params: idParamSchema,
        response: { 200: z.array(programmeVersionSchema), ...problemResponses },
      },
    },
    async (req) => programmes.listProgrammeVersions(app.db, req.params.id),
  );

  app.post(
    '/api/funding/programmes/:id/publication',
    {
      config: { access: fundingPolicy.publish },
      schema: {
        tags: TAGS,
        summary: "Publish or withdraw the programme's list of funded projects (admin)",
        params: idParamSchema,
        body: publicationSchema,
        response: { 200: programmeSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => programmes.setPublication(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/funding/programmes/:id/overview',
    {
      config: { access: fundingPolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'Budget overview: budget, requested, committed, paid, reclaimed, free; per field of action (with quota) and district',
        params: idParamSchema,
        response: { 200: budgetOverviewSchema, ...problemResponses },
      },
    },
    async (req) => getBudgetOverview(app.db, req.params.id),
  );

  app.get(
    '/api/funding/programmes/:id/funded',
    {
      config: { access: fundingPolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'The list of funded projects of a programme',
        params: idParamSchema,
        response: { 200: fundedListSchema, ...problemResponses },
      },
    },
    async (req) => getFundedList(app.db, req.params.id),
  );

  app.get(
    '/api/funding/programmes/:id/export',
    {
      config: { access: fundingPolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'The budget overview or the funded list as CSV or XLSX',
        params: idParamSchema,
        querystring: exportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV (UTF-8 with BOM) or XLSX'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await buildFundingExport(app.db, req.params.id, req.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  // ---- applications ----

  app.get(
    '/api/funding/applications',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Applications the caller may see (coordinator: own communes), filtered and paged',
        querystring: applicationListQuerySchema,
        response: { 200: pageOf(applicationListItemSchema), ...problemResponses },
      },
    },
    async (req) => applications.listApplications(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/funding/applications',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Create a draft application with cost and financing plan (422 naming every rule broken; nothing is stored then)',
        body: createApplicationSchema,
        response: { 201: applicationSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const a = await app.db
        .transaction()
        .execute((trx) => applications.createApplication(trx, actorOf(req.principal, req.id), req.principal!, req.body));
      return reply.code(201).send(a);
    },
  );

  app.get(
    '/api/funding/applications/:id',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'An application: plans, rule check, Beccaria description, review (staff), decision, payments, proof of use',
        params: idParamSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) => applications.getApplication(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/funding/applications/:id',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Change a draft (optimistic locking by version; 422 naming every rule broken)',
        params: idParamSchema,
        body: updateApplicationSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => applications.updateApplication(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.post(
    '/api/funding/applications/:id/submit',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Submit a draft inside the window (council staff: outside it with a reason)',
        params: idParamSchema,
        body: submitApplicationSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => applications.submitApplication(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.get(
    '/api/funding/reviewers',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Council staff who can be assigned as reviewers',
        response: { 200: z.array(reviewerSchema), ...problemResponses },
      },
    },
    async () => review.listReviewers(app.db),
  );

  app.post(
    '/api/funding/applications/:id/reviewers',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Assign a reviewer; the application goes into review',
        params: idParamSchema,
        body: assignReviewerSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => review.assignReviewer(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.put(
    '/api/funding/applications/:id/reviews/:reviewId',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Scores by criteria (1–5) and a comment, by the assigned reviewer',
        params: reviewParamSchema,
        body: reviewInputSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) =>
          review.submitReview(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.params.reviewId, req.body),
        ),
  );

  app.post(
    '/api/funding/applications/:id/recommendation',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'The recommendation summary for the deciding board',
        params: idParamSchema,
        body: recommendationInputSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => review.recommend(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/funding/applications/:id/decision',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Decide: approved, partly approved (amount) or rejected; 409 when the budget or the quota cannot carry it',
        params: idParamSchema,
        body: decisionInputSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => review.decideApplication(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/funding/applications/:id/notice.pdf',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'The grant notice (Zuwendungsbescheid) of a decided application as PDF',
        params: idParamSchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const pdf = await grantNoticePdf(app.db, req.principal!, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(pdf.fileName))
        .header('cache-control', 'private, no-store')
        .send(pdf.body);
    },
  );

  // ---- payments and proof of use ----

  app.post(
    '/api/funding/applications/:id/payments',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Request a payment: reimbursement of proven costs (only kind below the threshold) or an advance',
        params: idParamSchema,
        body: paymentRequestSchema,
        response: { 201: applicationSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const a = await app.db
        .transaction()
        .execute((trx) => payments.requestPayment(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body));
      return reply.code(201).send(a);
    },
  );

  app.post(
    '/api/funding/payments/:id/paid',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Record that a requested payment was paid',
        params: idParamSchema,
        body: markPaidSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => payments.markPaymentPaid(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.put(
    '/api/funding/applications/:id/proof',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'Submit or replace the proof of use (Verwendungsnachweis): actual costs by category and the factual report',
        params: idParamSchema,
        body: proofInputSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => proofOfUse.submitProof(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.post(
    '/api/funding/applications/:id/proof/check',
    {
      config: { access: fundingPolicy.staff },
      schema: {
        tags: TAGS,
        summary: 'Check the proof of use: accepted eligible costs; closes the application or demands repayment',
        params: idParamSchema,
        body: checkProofSchema,
        response: { 200: applicationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => proofOfUse.checkProof(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  // ---- public ----

  app.get(
    '/api/public/funding/programmes',
    {
      config: { access: fundingPolicy.public },
      schema: {
        tags: TAGS,
        summary: 'Programme years whose list of funded projects is published',
        response: { 200: z.array(publicProgrammeSchema), ...problemResponses },
      },
    },
    async () => listPublishedProgrammes(app.db),
  );

  app.get(
    '/api/public/funding/programmes/:year/funded',
    {
      config: { access: fundingPolicy.public },
      schema: {
        tags: TAGS,
        summary: 'The published list of funded projects of a year (404 unless an admin published it)',
        params: yearParamSchema,
        response: { 200: fundedListSchema, ...problemResponses },
      },
    },
    async (req) => getPublicFundedList(app.db, req.params.year),
  );
}
