import { consistencyExportQuerySchema, consistencyReportSchema } from '../../../shared/consistency.schema.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';
import { consistencyPolicy } from './consistency.policy.ts';
import { checkConsistency, exportConsistency } from './consistency.service.ts';

/** The contradictions across modules ("Widersprüche"), as `praevis check` lists them. */
export async function consistencyRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/consistency',
    {
      config: { access: consistencyPolicy.read },
      schema: {
        tags: ['consistency'],
        summary: 'Every contradiction across the modules at today: events and records, dates, payments, reviews, project stages, figures',
        response: { 200: consistencyReportSchema, ...problemResponses },
      },
    },
    async () => checkConsistency(app.db),
  );

  app.get(
    '/api/consistency/export',
    {
      config: { access: consistencyPolicy.read },
      schema: {
        tags: ['consistency'],
        summary: 'The contradictions at today as CSV or XLSX, one line each with the page that resolves it',
        querystring: consistencyExportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV or XLSX'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await exportConsistency(app.db, req.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
