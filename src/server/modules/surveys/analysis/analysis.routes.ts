import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  benchmarkQuerySchema,
  benchmarkSchema,
  comparisonSchema,
  crosstabQuerySchema,
  crosstabSchema,
  exportQuerySchema,
  indicesSchema,
  marginsInputSchema,
  marginsSchema,
  resultsQuerySchema,
  resultsSchema,
  resultSurveysQuerySchema,
  resultSurveysSchema,
  surveyIdParamSchema,
} from '../../../../shared/survey-results.schema.ts';
import { actorOf } from '../../../auth/principal.ts';
import { languageOf } from '../../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../../http/zod-app.ts';
import { buildCodebookExport, buildResponsesExport, buildResultsExport } from './analysis.export.ts';
import { analysisPolicy } from './analysis.policy.ts';
import * as service from './analysis.service.ts';
import { attachment, fileResponse } from '../../../http/files.ts';
import { csvDialectQuerySchema } from '../../../../shared/csv.schema.ts';
import { XLSX_CONTENT_TYPE } from '../../../lib/table-export.ts';

const TAGS = ['survey-analysis'];

const langOf = (req: FastifyRequest, q: { lang?: 'de' | 'en' }) => q.lang ?? languageOf(req);

/** Analysis of citizen surveys: margins, results, crosstabs, indices, comparisons and exports. */
export async function surveyAnalysisRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/surveys/:id/margins',
    {
      config: { access: analysisPolicy.margins },
      schema: {
        tags: TAGS,
        summary:
          'Population margins for weighting (age group × sex, or sex; and area), with the categories of the questionnaire and what the municipality directory offers for prefilling',
        params: surveyIdParamSchema,
        querystring: z.object({ lang: z.enum(['de', 'en']).optional() }),
        response: { 200: marginsSchema, ...problemResponses },
      },
    },
    async (req) => service.getMargins(app.db, req.principal!, req.params.id, langOf(req, req.query)),
  );

  app.put(
    '/api/surveys/:id/margins',
    {
      config: { access: analysisPolicy.margins },
      schema: {
        tags: TAGS,
        summary: 'Replace the margins (with the version they are based on; 409 with the current margins when stale; audited)',
        params: surveyIdParamSchema,
        body: marginsInputSchema,
        response: { 200: marginsSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) =>
          service.putMargins(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body, languageOf(req)),
        ),
  );

  app.get(
    '/api/surveys/:id/results',
    {
      config: { access: analysisPolicy.readResults },
      schema: {
        tags: TAGS,
        summary:
          'Shares of every answer with 95 % confidence intervals (weighted by raking to the margins, or not), the weighting report; cells below k suppressed',
        params: surveyIdParamSchema,
        querystring: resultsQuerySchema,
        response: { 200: resultsSchema, ...problemResponses },
      },
    },
    async (req) =>
      service.getResults(app.db, req.principal!, req.params.id, { weighted: req.query.weighted === 'true', lang: langOf(req, req.query) }),
  );

  app.get(
    '/api/surveys/:id/crosstab',
    {
      config: { access: analysisPolicy.readResults },
      schema: {
        tags: TAGS,
        summary:
          'Crosstab of two choice variables (rows: answer, columns: group) with column shares and intervals; cells below k suppressed',
        params: surveyIdParamSchema,
        querystring: crosstabQuerySchema,
        response: { 200: crosstabSchema, ...problemResponses },
      },
    },
    async (req) =>
      service.getCrosstab(app.db, req.principal!, req.params.id, {
        row: req.query.row,
        col: req.query.col,
        weighted: req.query.weighted === 'true',
        lang: langOf(req, req.query),
      }),
  );

  app.get(
    '/api/surveys/:id/indices',
    {
      config: { access: analysisPolicy.readResults },
      schema: {
        tags: TAGS,
        summary:
          'Indices: felt unsafety at night, incivility index (0–100), avoidance, victimisation, trust in the police – with intervals',
        params: surveyIdParamSchema,
        querystring: resultsQuerySchema,
        response: { 200: indicesSchema, ...problemResponses },
      },
    },
    async (req) =>
      service.getIndices(app.db, req.principal!, req.params.id, { weighted: req.query.weighted === 'true', lang: langOf(req, req.query) }),
  );

  app.get(
    '/api/surveys/:id/comparison',
    {
      config: { access: analysisPolicy.readResults },
      schema: {
        tags: TAGS,
        summary:
          'The indices compared with the earlier wave (previousSurveyId) and with all closed surveys pooled (statewide), differences with 95 % intervals',
        params: surveyIdParamSchema,
        querystring: resultsQuerySchema,
        response: { 200: comparisonSchema, ...problemResponses },
      },
    },
    async (req) =>
      service.getComparison(app.db, req.principal!, req.params.id, {
        weighted: req.query.weighted === 'true',
        lang: langOf(req, req.query),
      }),
  );

  app.get(
    '/api/survey-results',
    {
      config: { access: analysisPolicy.readResults },
      schema: {
        tags: TAGS,
        summary:
          "Surveys whose results the caller may read, searched by title: in the caller's scope; closed ones only for the roles that do not read results during fieldwork (police, ministry)",
        querystring: resultSurveysQuerySchema,
        response: { 200: resultSurveysSchema, ...problemResponses },
      },
    },
    async (req) => service.listResultSurveys(app.db, req.principal!, req.query),
  );

  app.get(
    '/api/survey-benchmark',
    {
      config: { access: analysisPolicy.benchmark },
      schema: {
        tags: TAGS,
        summary:
          'The statewide benchmark of felt safety: the indices of every closed survey that allows comparison, weighted by its own margins, with linearised intervals, and the others pooled without the marked survey; suppressed below k',
        querystring: benchmarkQuerySchema,
        response: { 200: benchmarkSchema, ...problemResponses },
      },
    },
    async (req) => service.getBenchmark(app.db, req.principal!, { surveyId: req.query.surveyId, lang: langOf(req, req.query) }),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/surveys/:id/results.${format}`,
      {
        config: { access: analysisPolicy.readResults },
        schema: {
          tags: TAGS,
          summary: `Aggregated tables (shares with intervals, indices, weighting) as ${format.toUpperCase()}, suppressed like the API`,
          params: surveyIdParamSchema,
          querystring: exportQuerySchema,
          produces: [format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE],
          response: {
            200: fileResponse(format === 'csv' ? 'CSV, German Excel dialect unless dialect=rfc4180' : 'XLSX workbook'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        const file = await buildResultsExport(
          app.db,
          req.principal!,
          req.params.id,
          format,
          req.query.weighted === 'true',
          langOf(req, req.query),
          req.query.dialect,
        );
        return reply
          .type(file.contentType)
          .header('content-disposition', attachment(file.fileName))
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  }

  app.get(
    '/api/surveys/:id/responses.csv',
    {
      config: { access: analysisPolicy.researchData },
      schema: {
        tags: TAGS,
        summary:
          'The anonymised response data for researchers (closed surveys): no ids, days, channels or free texts; rare combinations of demographics blanked (k-anonymous); random order',
        params: surveyIdParamSchema,
        querystring: csvDialectQuerySchema,
        produces: ['text/csv'],
        response: { 200: fileResponse('CSV, German Excel dialect unless dialect=rfc4180'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await buildResponsesExport(app.db, req.principal!, req.params.id, req.query.dialect);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/surveys/:id/codebook.csv',
    {
      config: { access: analysisPolicy.researchData },
      schema: {
        tags: TAGS,
        summary: 'The codebook of the research data set: variables, labels and value codes',
        params: surveyIdParamSchema,
        querystring: csvDialectQuerySchema.extend({ lang: z.enum(['de', 'en']).optional() }),
        produces: ['text/csv'],
        response: { 200: fileResponse('CSV, German Excel dialect unless dialect=rfc4180'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await buildCodebookExport(app.db, req.principal!, req.params.id, langOf(req, req.query), req.query.dialect);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
