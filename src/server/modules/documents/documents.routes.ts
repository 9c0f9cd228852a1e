import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  documentIdParamSchema,
  documentOwnerQuerySchema,
  documentSchema,
  uploadDocumentQuerySchema,
} from '../../../shared/documents.schema.ts';
import { DOCUMENT_LIMITS } from '../../../shared/limits.ts';
import { actorOf } from '../../auth/principal.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { AppError } from '../../http/problem.ts';
import { multipartRoute, readUpload } from '../../lib/upload.ts';
import { noContent, problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { documentsPolicy } from './documents.policy.ts';
import * as service from './documents.service.ts';

const TAGS = ['documents'];

/** The one file of the upload, read up to the document limit (413 names the limit). */
async function readDocumentUpload(req: FastifyRequest): Promise<service.UploadedFile> {
  try {
    return await readUpload(req, { maxBytes: DOCUMENT_LIMITS.maxBytes });
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    if (!(err instanceof AppError) && (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413)) throw service.tooLarge();
    throw err;
  }
}

/** Stored documents of agreements, councils, projects, applications and people: one set of routes. */
export async function documentsRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/documents',
    {
      config: { access: documentsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'The documents of one record (metadata only); access follows the record',
        querystring: documentOwnerQuerySchema,
        response: { 200: z.array(documentSchema), ...problemResponses },
      },
    },
    async (req) => service.listDocuments(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/documents',
    {
      ...multipartRoute,
      config: { access: documentsPolicy.write },
      schema: {
        tags: TAGS,
        summary: `Upload a document to a record (multipart/form-data, field "file"; at most ${DOCUMENT_LIMITS.maxBytes / 1024 / 1024} MB; PDF, docx, xlsx, pptx, odt, ods, doc, xls, PNG, JPEG, GIF or WebP, recognised from the bytes)`,
        description:
          'A file whose content is not one of these formats, or whose name or declared type contradicts its content, is refused with 415. Some records take only some formats (agreements and councils: PDF).',
        querystring: uploadDocumentQuerySchema,
        consumes: ['multipart/form-data'],
        body: z.object({ file: z.string().meta({ format: 'binary', description: 'The document' }) }),
        response: { 201: documentSchema, 413: problemResponses[400], 415: problemResponses[400], ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await readDocumentUpload(req);
      const doc = await app.db
        .transaction()
        .execute((trx) => service.uploadDocument(trx, req.principal!, actorOf(req.principal, req.id), req.query, file));
      return reply.code(201).send(doc);
    },
  );

  app.get(
    '/api/documents/:id/content',
    {
      config: { access: documentsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Download a document (the stored type, as attachment)',
        params: documentIdParamSchema,
        produces: ['application/octet-stream'],
        response: { 200: fileResponse('The stored document'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const doc = await service.getDocumentContent(app.db, req.principal!, req.params.id);
      return reply
        .type(doc.content_type)
        .header('content-disposition', attachment(doc.file_name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', doc.sha256)
        .send(Buffer.from(doc.content));
    },
  );

  app.delete(
    '/api/documents/:id',
    {
      config: { access: documentsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Remove a document (audited)',
        params: documentIdParamSchema,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (req, reply) => {
      await app.db
        .transaction()
        .execute((trx) => service.deleteDocument(trx, req.principal!, actorOf(req.principal, req.id), req.params.id));
      return reply.code(204).send(null);
    },
  );
}
