import {
  agsParamSchema,
  clearComparisonQuerySchema,
  analysisParamSchema,
  followUpSchema,
  comparisonParamSchema,
  effectEstimateSchema,
  effectListSchema,
  effectsExportQuerySchema,
  projectParamSchema,
  setComparisonSchema,
  statewideQuerySchema,
  StatewideEffectsSchema,
} from '../../../shared/effects.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { languageOf } from '../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { buildEffectsExport } from './effects.export.ts';
import { effectsPolicy } from './effects.policy.ts';
import * as service from './effects.service.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['effects'];

/** Effects of prevention: estimates per municipality, per project, statewide per field; the LPR's comparison groups; exports. */
export async function effectsRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/effects/municipalities/:ags',
    {
      config: { access: effectsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Effects of a municipality's interventions per field of action (difference in differences)",
        params: agsParamSchema,
        response: { 200: effectListSchema, ...problemResponses },
      },
    },
    async (req) => service.getMunicipalityEffects(app.db, req.principal!, req.params.ags),
  );

  app.get(
    '/api/effects/projects/:id',
    {
      config: { access: effectsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Effects of a funded project in its field of action',
        params: projectParamSchema,
        response: { 200: effectListSchema, ...problemResponses },
      },
    },
    async (req) => service.getProjectEffects(app.db, req.principal!, req.params.id),
  );

  app.get(
    '/api/effects/statewide',
    {
      config: { access: effectsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Effects per field of action for a year, in the caller's scope",
        querystring: statewideQuerySchema,
        response: { 200: StatewideEffectsSchema, ...problemResponses },
      },
    },
    async (req) => service.getStatewideEffects(app.db, req.principal!, req.query.year),
  );

  app.get(
    '/api/effects/security-analyses/:id/follow-up',
    {
      config: { access: effectsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "A security analysis' follow-up: the figures of its baseline year against the latest, per field of action",
        params: analysisParamSchema,
        response: { 200: followUpSchema, ...problemResponses },
      },
    },
    async (req) => service.getAnalysisFollowUp(app.db, req.principal!, req.params.id),
  );

  app.put(
    '/api/effects/comparisons/:kind/:id/:field',
    {
      config: { access: effectsPolicy.choose },
      schema: {
        tags: TAGS,
        summary: 'Choose the comparison group of an intervention in a field of action (versioned, audited)',
        params: comparisonParamSchema,
        body: setComparisonSchema,
        response: { 200: effectEstimateSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => service.setComparison(trx, actorOf(req.principal, req.id), req.params, req.body)),
  );

  app.delete(
    '/api/effects/comparisons/:kind/:id/:field',
    {
      config: { access: effectsPolicy.choose },
      schema: {
        tags: TAGS,
        summary: 'Return the comparison group of an intervention in a field of action to the automatic choice (versioned, audited)',
        params: comparisonParamSchema,
        querystring: clearComparisonQuerySchema,
        response: { 200: effectEstimateSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => service.clearComparison(trx, actorOf(req.principal, req.id), req.params, req.query.version)),
  );

  app.get(
    '/api/effects/export',
    {
      config: { access: effectsPolicy.read },
      schema: {
        tags: TAGS,
        summary:
          'Every estimate in scope (one municipality, one project, or all of a year) as CSV or XLSX, with comparison group and method version; headers and labels in German or English (lang, else Accept-Language)',
        querystring: effectsExportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV (UTF-8 with BOM) or XLSX file'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await buildEffectsExport(app.db, req.principal!, req.query, req.query.lang ?? languageOf(req));
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
