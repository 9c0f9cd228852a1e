import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import {
  createProjectSchema,
  fieldOfActionSchema,
  projectIdParamSchema,
  projectListItemSchema,
  projectListQuerySchema,
  projectSchema,
  projectStatusChangeSchema,
  updateProjectSchema,
} from '../../../shared/projects.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { projectDossierPdf } from './funding.pdf.ts';
import { fundingPolicy } from './funding.policy.ts';
import * as service from './projects.service.ts';
import { attachment, fileResponse } from '../../http/files.ts';

const TAGS = ['projects'];

export async function projectRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/funding/fields-of-action',
    {
      config: { access: fundingPolicy.fields },
      schema: {
        tags: TAGS,
        summary: 'The fields of action (Handlungsfelder) projects and quotas refer to',
        response: { 200: z.array(fieldOfActionSchema), ...problemResponses },
      },
    },
    async () => service.listFields(app.db),
  );

  app.get(
    '/api/projects',
    {
      config: { access: fundingPolicy.readProjects },
      schema: {
        tags: TAGS,
        summary: 'Projects the caller may see (coordinator: own communes; police: its directorate), filtered and paged',
        querystring: projectListQuerySchema,
        response: { 200: pageOf(projectListItemSchema), ...problemResponses },
      },
    },
    async (req) => service.listProjects(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/projects',
    {
      config: { access: fundingPolicy.writeProjects },
      schema: {
        tags: TAGS,
        summary: 'Create a project of a municipality (status idea)',
        body: createProjectSchema,
        response: { 201: projectSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const p = await app.db
        .transaction()
        .execute((trx) => service.createProject(trx, actorOf(req.principal, req.id), req.principal!, req.body));
      return reply.code(201).send(p);
    },
  );

  app.get(
    '/api/projects/:id',
    {
      config: { access: fundingPolicy.readProjects },
      schema: {
        tags: TAGS,
        summary: 'A project with its Beccaria steps, completeness per step, partners, locations, documents and applications',
        params: projectIdParamSchema,
        response: { 200: projectSchema, ...problemResponses },
      },
    },
    async (req) => service.getProject(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/projects/:id',
    {
      config: { access: fundingPolicy.writeProjects },
      schema: {
        tags: TAGS,
        summary:
          'Change a project: title, fields, dates, Beccaria steps (those given), partners, locations (optimistic locking by version)',
        params: projectIdParamSchema,
        body: updateProjectSchema,
        response: { 200: projectSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updateProject(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.post(
    '/api/projects/:id/status',
    {
      config: { access: fundingPolicy.writeProjects },
      schema: {
        tags: TAGS,
        summary: 'Move a project along idea → planned → running → completed → evaluated (422 for a transition not allowed)',
        params: projectIdParamSchema,
        body: projectStatusChangeSchema,
        response: { 200: projectSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.changeProjectStatus(trx, actorOf(req.principal, req.id), req.principal!, req.params.id, req.body)),
  );

  app.get(
    '/api/projects/:id/dossier.pdf',
    {
      config: { access: fundingPolicy.applications },
      schema: {
        tags: TAGS,
        summary: 'The project dossier for auditors as PDF: all Beccaria steps, budget, payments, documents',
        params: projectIdParamSchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const pdf = await projectDossierPdf(app.db, req.principal!, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(pdf.fileName))
        .header('cache-control', 'private, no-store')
        .send(pdf.body);
    },
  );
}
