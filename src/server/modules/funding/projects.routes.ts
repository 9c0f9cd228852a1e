import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import {
  createProjectSchema, fieldOfActionSchema, projectIdParamSchema, projectListItemSchema,
  projectListQuerySchema, projectSchema, projectStatusChangeSchema, updateProjectSchema,
} from '../../../shared/projects.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { AppError, fieldError } from '../../http/problem.ts';
import { noContent, problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { projectDossierPdf } from './funding.pdf.ts';
import { fundingPolicy } from './funding.policy.ts';
import * as service from './projects.service.ts';
import { attachment, fileResponse } from '../../http/files.ts';

const TAGS = ['projects'];
const binary = (description: string) => z.string().meta({ format: 'binary', description });
/** A file response: the body is a Buffer; the OpenAPI document shows a binary string. */

/** Upload routes read the multipart body in the handler; the body validator lets the stream through. */
export const multipartRoute = {
  validatorCompiler: (def: FastifyRouteSchemaDef<any>) => (def.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(def)),
};

/** The file of a multipart upload (field "file"); malformed uploads are 400, oversized 413. */
export async function readUpload(req: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported-media-type', { de: 'Bitte als multipart/form-data mit dem Feld „file“ senden.', en: 'Please send multipart/form-data with the field "file".' },
      [{ field: 'file', code: 'multipart_required', message: { de: 'Datei fehlt.', en: 'File missing.' } }]);
  }
  try {
    const part = await req.file();
    if (!part) throw fieldError('file', { de: 'Keine Datei im Feld „file“.', en: 'No file in the field "file".' }, 'required');
    if (part.fieldname !== 'file') throw fieldError('file', { de: 'Die Datei gehört in das Feld „file“.', en: 'The file belongs in the field "file".' }, 'required');
    return { fileName: part.filename ?? 'upload', content: await part.toBuffer() };
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    if (err instanceof AppError || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) throw err;
    throw fieldError('file', { de: 'Der Upload ist kein gültiges multipart/form-data.', en: 'The upload is not valid multipart/form-data.' }, 'malformed');
  }
}

export async function projectRoutes(app: ZodApp): Promise<void> {
  app.get('/api/funding/fields-of-action', {
    config: { access: fundingPolicy.fields },
    schema: { tags: TAGS, summary: 'The fields of action (Handlungsfelder) projects and quotas refer to', response: { 200: z.array(fieldOfActionSchema), ...problemResponses } },
  }, async () => service.listFields(app.db));

  app.get('/api/projects', {
    config: { access: fundingPolicy.readProjects },
    schema: { tags: TAGS, summary: 'Projects the caller may see (coordinator: own communes; police: its directorate), filtered and paged', querystring: projectListQuerySchema, response: { 200: pageOf(projectListItemSchema), ...problemResponses } },
  }, async (req) => service.listProjects(app.db, req.principal!, req.query));

  app.post('/api/projects', {
    config: { access: fundingPolicy.writeProjects },
    schema: { tags: TAGS, summary: 'Create a project of a municipality (status idea)', body: createProjectSchema, response: { 201: projectSchema, ...problemResponses } },
  }, async (req, reply) => {
    const p = await app.db.transaction().execute((trx) => service.createProject(trx, actorOf(req.principal, req.id), req.principal!, req.body));
    return reply.code(201).send(p);
  });

  app.get('/api/projects/:id', {
    config: { access: fundingPolicy.readProjects },
    schema: { tags: TAGS, summary: 'A project with its Beccaria steps, completeness per step, partners, locations, documents and applications', params: projectIdParamSchema, response: { 200: projectSchema, ...problemResponses } },
  }, async (req) => service.getProject(app.db, req.principal!, req.params.id));

  app.patch('/api/projects/:id', {
    config: { access: fundingPolicy.writeProjects },
    schema: { tags: TAGS, summary: 'Change a project: title, fields, dates, Beccaria steps (those given), partners, locations (optimistic locking by version)', params: projectIdParamSchema, body: updateProjectSchema, response: { 200: projectSchema, ...problemResponses } },
  }, async (req) => app.db.transaction().execute((trx) => service.updateProject(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)));

  app.post('/api/projects/:id/status', {
    config: { access: fundingPolicy.writeProjects },
    schema: { tags: TAGS, summary: 'Move a project along idea → planned → running → completed → evaluated (422 for a transition not allowed)', params: projectIdParamSchema, body: projectStatusChangeSchema, response: { 200: projectSchema, ...problemResponses } },
  }, async (req) => app.db.transaction().execute((trx) => service.changeProjectStatus(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)));

  app.get('/api/projects/:id/dossier.pdf', {
    config: { access: fundingPolicy.applications },
    schema: { tags: TAGS, summary: 'The project dossier for auditors as PDF: all Beccaria steps, budget, payments, documents', params: projectIdParamSchema, produces: ['application/pdf'], response: { 200: fileResponse('PDF'), ...problemResponses } },
  }, async (req, reply) => {
    const pdf = await projectDossierPdf(app.db, req.principal!, req.params.id);
    return reply.type('application/pdf').header('content-disposition', attachment(pdf.fileName)).header('cache-control', 'private, no-store').send(pdf.body);
  });
}
