import { z } from 'zod';
import {
  adoptSchema,
  analysisCountsSchema,
  analysisIdParamSchema,
  analysisSchema,
  areasInputSchema,
  comparisonSchema,
  createAnalysisSchema,
  createFindingSchema,
  createRecommendationSchema,
  createReportSchema,
  decisionInputSchema,
  deleteSchema,
  findingParamSchema,
  listAnalysesQuerySchema,
  analysisPageSchema,
  milestoneSchema,
  phaseParamSchema,
  profileSchema,
  recommendationParamSchema,
  reportEditSchema,
  reportParamSchema,
  reportSchema,
  updateAnalysisSchema,
  updateFindingSchema,
  updatePhaseSchema,
  updateRecommendationSchema,
} from '../../../shared/security-analysis.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { renderReportPdf } from './report-pdf.ts';
import { securityAnalysisPolicy as policy } from './security-analysis.policy.ts';
import * as analyses from './analyses.service.ts';
import * as findings from './findings.service.ts';
import * as reports from './reports.service.ts';
import * as workshop from './workshop.service.ts';
import { fileResponse } from '../../http/files.ts';
import { languageOf } from '../../http/problem.ts';
import { profileInLanguage } from './profile-language.ts';

const TAGS = ['security-analysis'];
const BASE = '/api/security-analyses';
const findingSchema = analysisSchema.shape.findings.element;
const recommendationSchema = analysisSchema.shape.recommendations.element;
const reportHeadSchema = analysisSchema.shape.reports.element;

export async function securityAnalysisRoutes(app: ZodApp): Promise<void> {
  const tx = <T>(fn: (trx: DbOrTrx) => Promise<T>) => app.db.transaction().execute(fn);

  app.get(
    BASE,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'Overview of the analyses in scope, with late phases (planned date passed, no actual date)',
        querystring: listAnalysesQuerySchema,
        response: { 200: analysisPageSchema, ...problemResponses },
      },
    },
    async (req) => analyses.listAnalyses(app.db, req.principal!, req.query),
  );

  app.get(
    `${BASE}/counts`,
    {
      config: { access: policy.counts },
      schema: {
        tags: TAGS,
        summary: 'Counts of analyses by status and late ones (no content)',
        querystring: listAnalysesQuerySchema.pick({ at: true }),
        response: { 200: analysisCountsSchema, ...problemResponses },
      },
    },
    async (req) => analyses.getCounts(app.db, req.query.at),
  );

  app.post(
    BASE,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Create an analysis for a municipality (phases planned from plannedStart when given)',
        body: createAnalysisSchema,
        response: { 201: analysisSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await tx((trx) => analyses.createAnalysis(trx, actorOf(req.principal, req.id), req.body))),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'One analysis: phases, areas, findings, recommendations, report versions',
        params: analysisIdParamSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => analyses.getAnalysis(app.db, req.principal!, req.params.id),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change title, contractor, linked survey or notes (optimistic locking by version)',
        params: analysisIdParamSchema,
        body: updateAnalysisSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => analyses.updateAnalysis(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.patch(
    `${BASE}/:id/phases/:phase`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Set planned and actual dates of a phase (an end before its start is refused)',
        params: phaseParamSchema,
        body: updatePhaseSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => analyses.updatePhase(trx, actorOf(req.principal, req.id), req.params.id, req.params.phase, req.body)),
  );

  app.post(
    `${BASE}/:id/start`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Start the analysis: records (or links) the alliance event "analysis started"',
        params: analysisIdParamSchema,
        body: milestoneSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => analyses.startAnalysis(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    `${BASE}/:id/complete`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Complete the analysis (needs the frozen final report): records the alliance event "analysis completed"',
        params: analysisIdParamSchema,
        body: milestoneSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => analyses.completeAnalysis(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.put(
    `${BASE}/:id/areas`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Replace the named areas (Ortsteile) of the analysis',
        params: analysisIdParamSchema,
        body: areasInputSchema,
        response: { 200: analysisSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => analyses.setAreas(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    `${BASE}/:id/profile`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The live area profile from the current data: population, crime indicators, survey results, comparisons, charts, map',
        params: analysisIdParamSchema,
        response: { 200: profileSchema, ...problemResponses },
      },
    },
    async (req) => profileInLanguage(await reports.getProfile(app.db, req.principal!, req.params.id), languageOf(req)),
  );

  app.get(
    `${BASE}/:id/comparison`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'Key figures compared with the other analysis of the municipality that has a final report',
        params: analysisIdParamSchema,
        response: { 200: comparisonSchema, ...problemResponses },
      },
    },
    async (req) => reports.compareAnalyses(app.db, req.principal!, req.params.id),
  );

  // ---- findings and recommendations ----

  app.post(
    `${BASE}/:id/findings`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Add a finding (text, evidence, field of action, priority)',
        params: analysisIdParamSchema,
        body: createFindingSchema,
        response: { 201: findingSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => findings.createFinding(trx, actorOf(req.principal, req.id), req.params.id, req.body))),
  );

  app.patch(
    `${BASE}/:id/findings/:findingId`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change a finding (refused once the final report is frozen)',
        params: findingParamSchema,
        body: updateFindingSchema,
        response: { 200: findingSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => findings.updateFinding(trx, actorOf(req.principal, req.id), req.params.id, req.params.findingId, req.body)),
  );

  app.delete(
    `${BASE}/:id/findings/:findingId`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Delete a finding',
        params: findingParamSchema,
        body: deleteSchema,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await tx((trx) => findings.deleteFinding(trx, actorOf(req.principal, req.id), req.params.id, req.params.findingId, req.body.version));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${BASE}/:id/recommendations`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Add a recommendation linked to findings',
        params: analysisIdParamSchema,
        body: createRecommendationSchema,
        response: { 201: recommendationSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => findings.createRecommendation(trx, actorOf(req.principal, req.id), req.params.id, req.body))),
  );

  app.patch(
    `${BASE}/:id/recommendations/:recommendationId`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change a recommendation (refused once the final report is frozen)',
        params: recommendationParamSchema,
        body: updateRecommendationSchema,
        response: { 200: recommendationSchema, ...problemResponses },
      },
    },
    async (req) =>
      tx((trx) => findings.updateRecommendation(trx, actorOf(req.principal, req.id), req.params.id, req.params.recommendationId, req.body)),
  );

  app.delete(
    `${BASE}/:id/recommendations/:recommendationId`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Delete a recommendation',
        params: recommendationParamSchema,
        body: deleteSchema,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await tx((trx) =>
        findings.deleteRecommendation(trx, actorOf(req.principal, req.id), req.params.id, req.params.recommendationId, req.body.version),
      );
      return reply.code(204).send(null);
    },
  );

  // ---- strategy workshop ----

  app.post(
    `${BASE}/:id/recommendations/:recommendationId/decision`,
    {
      config: { access: policy.workshop },
      schema: {
        tags: TAGS,
        summary: 'Strategy workshop: accept or reject a recommendation',
        params: recommendationParamSchema,
        body: decisionInputSchema,
        response: { 200: recommendationSchema, ...problemResponses },
      },
    },
    async (req) =>
      tx((trx) =>
        workshop.decideRecommendation(
          trx,
          actorOf(req.principal, req.id),
          req.principal!,
          req.params.id,
          req.params.recommendationId,
          req.body,
        ),
      ),
  );

  app.post(
    `${BASE}/:id/recommendations/:recommendationId/adopt`,
    {
      config: { access: policy.workshop },
      schema: {
        tags: TAGS,
        summary: 'Strategy workshop: turn an accepted recommendation into a problem field or a project idea (the link is kept)',
        params: recommendationParamSchema,
        body: adoptSchema,
        response: { 200: recommendationSchema, ...problemResponses },
      },
    },
    async (req) =>
      tx((trx) =>
        workshop.adoptRecommendation(
          trx,
          actorOf(req.principal, req.id),
          req.principal!,
          req.params.id,
          req.params.recommendationId,
          req.body,
        ),
      ),
  );

  // ---- reports ----

  app.post(
    `${BASE}/:id/reports`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Store a new draft, or freeze the final report (kind=final, confirm=true; once)',
        params: analysisIdParamSchema,
        body: createReportSchema,
        response: { 201: reportHeadSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await tx((trx) => reports.createReport(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body))),
  );

  app.get(
    `${BASE}/:id/reports/:number`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'One report version with the snapshot of everything it shows (the web view)',
        params: reportParamSchema,
        response: { 200: reportSchema, ...problemResponses },
      },
    },
    async (req) => reports.getReport(app.db, req.principal!, req.params.id, req.params.number),
  );

  app.patch(
    `${BASE}/:id/reports/:number`,
    {
      config: { access: policy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change the note of a draft (the frozen final report refuses every edit)',
        params: reportParamSchema,
        body: reportEditSchema,
        response: { 200: reportHeadSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => reports.editReport(trx, actorOf(req.principal, req.id), req.params.id, req.params.number, req.body)),
  );

  app.get(
    `${BASE}/:id/reports/:number/report.pdf`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The report version as PDF (German, tagged, with charts, map, tables)',
        params: reportParamSchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const report = await reports.getReport(app.db, req.principal!, req.params.id, req.params.number);
      const pdf = await renderReportPdf(report.snapshot);
      const name = `sicherheitsanalyse-${report.snapshot.analysis.ags}-${report.kind === 'final' ? 'abschlussbericht' : `entwurf-${report.number}`}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-sha256', report.contentSha256)
        .send(pdf);
    },
  );
}
