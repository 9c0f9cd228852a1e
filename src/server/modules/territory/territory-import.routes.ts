import type { FastifyRequest } from 'fastify';
import {
  boundariesImportQuerySchema, boundariesReportSchema, directoratesImportQuerySchema, directoratesReportSchema,
  gv100adImportQuerySchema, gv100adReportSchema, importUrlBodySchema,
} from '../../../shared/territory-import.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { AppError } from '../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { fetchSource, type ImportSource } from '../../lib/import-source.ts';
import { problemSchema } from '../../../shared/common.schema.ts';
import { importBoundaries } from './boundaries.service.ts';
import { territoryPolicy } from './territory.policy.ts';
import { importDirectorates, importGv100ad } from './territory-import.service.ts';

const required = (): AppError => new AppError('validation', {
  de: 'Laden Sie eine Datei hoch (multipart/form-data, Feld „file“) oder geben Sie eine URL an ({ "url": … }).',
  en: 'Upload a file (multipart/form-data, field "file") or give a URL ({ "url": … }).',
}, [{ field: 'file', code: 'required', message: { de: 'Datei oder URL fehlt.', en: 'File or URL is missing.' } }]);

/** The file of an import request: an uploaded file, or the download of the URL in the JSON body. */
async function sourceOf(req: FastifyRequest, body: { url: string } | null | undefined, maxBytes: number): Promise<ImportSource> {
  if (req.isMultipart()) {
    try {
      const file = await req.file();
      if (!file) throw required();
      return { name: file.filename || 'upload', data: await file.toBuffer() };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const e = err as { code?: string; statusCode?: number };
      if (e.code === 'FST_REQ_FILE_TOO_LARGE' || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) throw err;
      throw new AppError('validation', { de: 'Der Upload ist unvollständig oder beschädigt.', en: 'The upload is incomplete or malformed.' },
        [{ field: 'file', code: 'malformed_multipart', message: { de: 'Ungültiger multipart-Inhalt.', en: 'Malformed multipart body.' } }]);
    }
  }
  if (body?.url) return fetchSource(body.url, { maxBytes });
  throw required();
}

const consumes = ['multipart/form-data', 'application/json'];
// A multipart request reaches validation with a null body (the file is read by the handler).
const importBody = importUrlBodySchema.nullish().describe('application/json: { "url": "https://…" }; or multipart/form-data with the file in the field "file"');
const responses = { ...problemResponses, 413: problemSchema, 415: problemSchema };

/** Admin imports of territorial reference data; each answers with its change report (dryRun: a preview). */
export async function territoryImportRoutes(app: ZodApp): Promise<void> {
  const maxBytes = app.config.uploadLimit;

  app.post('/api/admin/imports/gv100ad', {
    config: { access: territoryPolicy.import },
    schema: {
      tags: ['territory'], summary: 'Import the municipality directory (Destatis GV100AD, or its ZIP) from an upload or a URL',
      consumes, querystring: gv100adImportQuerySchema, body: importBody, response: { 200: gv100adReportSchema, ...responses },
    },
  }, async (req) => {
    const source = await sourceOf(req, req.body, maxBytes);
    const state = req.query.state === 'all' ? null : (req.query.state ?? app.config.defaultState);
    return app.db.transaction().execute((trx) => importGv100ad(trx, actorOf(req.principal, req.id), source, { state, dryRun: req.query.dryRun === 'true', maxBytes }));
  });

  app.post('/api/admin/imports/directorates', {
    config: { access: territoryPolicy.import },
    schema: {
      tags: ['territory'], summary: 'Import the police directorates and their districts (CSV) from an upload or a URL',
      consumes, querystring: directoratesImportQuerySchema, body: importBody, response: { 200: directoratesReportSchema, ...responses },
    },
  }, async (req) => {
    const source = await sourceOf(req, req.body, maxBytes);
    return app.db.transaction().execute((trx) => importDirectorates(trx, actorOf(req.principal, req.id), source, { dryRun: req.query.dryRun === 'true', maxBytes }));
  });

  app.post('/api/admin/imports/boundaries', {
    config: { access: territoryPolicy.import },
    schema: {
      tags: ['territory'], summary: 'Import boundaries of municipalities or districts (GeoJSON, WGS84) from an upload or a URL; rebuilds the map',
      consumes, querystring: boundariesImportQuerySchema, body: importBody, response: { 200: boundariesReportSchema, ...responses },
    },
  }, async (req) => {
    const source = await sourceOf(req, req.body, maxBytes);
    return app.db.transaction().execute((trx) => importBoundaries(trx, actorOf(req.principal, req.id), source, { level: req.query.level, dryRun: req.query.dryRun === 'true', maxBytes }));
  });
}
