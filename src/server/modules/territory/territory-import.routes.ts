import {
  boundariesImportQuerySchema,
  boundariesReportSchema,
  directoratesImportQuerySchema,
  directoratesReportSchema,
  gv100adImportQuerySchema,
  gv100adReportSchema,
} from '../../../shared/territory-import.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { importBody, importConsumes, importResponses, importSourceOf } from '../../http/import-upload.ts';
import type { ZodApp } from '../../http/zod-app.ts';
import { importBoundaries } from './boundaries.service.ts';
import { territoryPolicy } from './territory.policy.ts';
import { importDirectorates, importGv100ad } from './territory-import.service.ts';

const consumes = importConsumes;
const responses = importResponses;

/** Admin imports of territorial reference data; each answers with its change report (dryRun: a preview). */
export async function territoryImportRoutes(app: ZodApp): Promise<void> {
  const maxBytes = app.config.uploadLimit;
  const sourceLimits = { maxBytes, allow: app.config.importUrlAllow };

  app.post(
    '/api/admin/imports/gv100ad',
    {
      config: { access: territoryPolicy.import },
      schema: {
        tags: ['territory'],
        summary: 'Import the municipality directory (Destatis GV100AD, or its ZIP) from an upload or a URL',
        consumes,
        querystring: gv100adImportQuerySchema,
        body: importBody,
        response: { 200: gv100adReportSchema, ...responses },
      },
    },
    async (req) => {
      const source = await importSourceOf(req, req.body, sourceLimits);
      const state = req.query.state === 'all' ? null : (req.query.state ?? app.config.defaultState);
      return app.db
        .transaction()
        .execute((trx) =>
          importGv100ad(trx, actorOf(req.principal, req.id), source, { state, dryRun: req.query.dryRun === 'true', maxBytes }),
        );
    },
  );

  app.post(
    '/api/admin/imports/directorates',
    {
      config: { access: territoryPolicy.import },
      schema: {
        tags: ['territory'],
        summary: 'Import the police directorates and their districts (CSV) from an upload or a URL',
        consumes,
        querystring: directoratesImportQuerySchema,
        body: importBody,
        response: { 200: directoratesReportSchema, ...responses },
      },
    },
    async (req) => {
      const source = await importSourceOf(req, req.body, sourceLimits);
      return app.db
        .transaction()
        .execute((trx) =>
          importDirectorates(trx, actorOf(req.principal, req.id), source, { dryRun: req.query.dryRun === 'true', maxBytes }),
        );
    },
  );

  app.post(
    '/api/admin/imports/boundaries',
    {
      config: { access: territoryPolicy.import },
      schema: {
        tags: ['territory'],
        summary: 'Import boundaries of municipalities or districts (GeoJSON, WGS84) from an upload or a URL; rebuilds the map',
        consumes,
        querystring: boundariesImportQuerySchema,
        body: importBody,
        response: { 200: boundariesReportSchema, ...responses },
      },
    },
    async (req) => {
      const source = await importSourceOf(req, req.body, sourceLimits);
      return app.db.transaction().execute((trx) =>
        importBoundaries(trx, actorOf(req.principal, req.id), source, {
          level: req.query.level,
          dryRun: req.query.dryRun === 'true',
          maxBytes,
        }),
      );
    },
  );
}
