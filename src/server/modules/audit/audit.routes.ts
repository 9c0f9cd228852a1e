import { Readable } from 'node:stream';
import { auditEntrySchema, auditExportQuerySchema, auditFacetsSchema, auditQuerySchema } from '../../../shared/audit.schema.ts';
import { pageOf } from '../../../shared/common.schema.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { CSV_CONTENT_TYPE } from '../../lib/csv.ts';
import { auditPolicy } from './audit.policy.ts';
import { auditFacets, exportAuditCsv, listAudit } from './audit.service.ts';

export async function auditRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/audit',
    {
      config: { access: auditPolicy.read },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first, with filters',
        querystring: auditQuerySchema,
        response: { 200: pageOf(auditEntrySchema), ...problemResponses },
      },
    },
    async (req) => listAudit(app.db, req.query),
  );

  app.get(
    '/api/audit/facets',
    {
      config: { access: auditPolicy.read },
      schema: {
        tags: ['audit'],
        summary: 'The actions and entity types the trail holds, for the filter',
        response: { 200: auditFacetsSchema, ...problemResponses },
      },
    },
    async () => auditFacets(app.db),
  );

  app.get(
    '/api/audit.csv',
    {
      config: { access: auditPolicy.read },
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit trail as CSV (German Excel dialect unless dialect=rfc4180)',
        querystring: auditExportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      reply.type(CSV_CONTENT_TYPE).header('content-disposition', 'attachment; filename="audit.csv"');
      return reply.send(Readable.from(exportAuditCsv(app.db, req.query)));
    },
  );
}
