import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../http/problem.ts';

/* File responses and uploads of the councils, organisations, coaching and training routes. */

/** A file response: the body is a Buffer or string, sent as is; the OpenAPI document shows a binary string. */
export const binary = (description: string) => z.string().meta({ format: 'binary', description });

/** Upload routes document their multipart form in OpenAPI; the parts are read and checked in the handler. */
export const multipartRoute = {
  validatorCompiler: (def: FastifyRouteSchemaDef<any>) => (def.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(def)),
};

/** Reads the one file of a multipart/form-data upload (field "file"). */
export async function readUpload(req: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported-media-type', { de: 'Bitte als multipart/form-data mit dem Feld „file“ senden.', en: 'Please send multipart/form-data with the field "file".' },
      [{ field: 'file', code: 'multipart_required', message: { de: 'Datei fehlt.', en: 'File missing.' } }]);
  }
  try {
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw fieldError('file', { de: 'Keine Datei im Feld „file“.', en: 'No file in the field "file".' }, 'required');
    return { fileName: part.filename ?? 'upload', content: await part.toBuffer() };
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    if (err instanceof AppError || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) throw err;
    throw fieldError('file', { de: 'Der Upload ist kein gültiges multipart/form-data.', en: 'The upload is not valid multipart/form-data.' }, 'malformed');
  }
}
