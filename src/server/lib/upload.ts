import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { AppError, fieldError } from '../http/problem.ts';

/** An uploaded file: the name the browser sent, its bytes and the declared media type (not trusted: check the content). */
export interface Upload {
  fileName: string;
  content: Buffer;
  mimeType: string;
}

export interface UploadOptions {
  /**
   * Largest file accepted, in bytes, when a route takes less than UPLOAD_LIMIT_BYTES (which
   * always applies); a larger file is answered with 413.
   */
  maxBytes?: number;
}

/**
 * Route options of an upload route: the body schema only documents the multipart form in the
 * OpenAPI document, the validator lets the stream through, and the handler reads the file with
 * readUpload.
 */
export const multipartRoute = {
  validatorCompiler: (def: FastifyRouteSchemaDef<any>) => (def.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(def)),
};

const notMultipart = () =>
  new AppError(
    'unsupported-media-type',
    { de: 'Bitte als multipart/form-data mit dem Feld „file“ senden.', en: 'Please send multipart/form-data with the field "file".' },
    [{ field: 'file', code: 'multipart_required', message: { de: 'Datei fehlt.', en: 'File missing.' } }],
  );

/**
 * Reads the one file of a multipart/form-data upload (field "file"). Not multipart: 415; no file
 * or another field: 400 (`required`); a broken body: 400 (`malformed`); over the limit: 413.
 */
export async function readUpload(req: FastifyRequest, opts: UploadOptions = {}): Promise<Upload> {
  if (!req.isMultipart()) throw notMultipart();
  try {
    const part = await req.file(opts.maxBytes ? { limits: { fileSize: opts.maxBytes } } : undefined);
    if (!part) throw fieldError('file', { de: 'Keine Datei im Feld „file“.', en: 'No file in the field "file".' }, 'required');
    if (part.fieldname !== 'file')
      throw fieldError('file', { de: 'Die Datei gehört in das Feld „file“.', en: 'The file belongs in the field "file".' }, 'required');
    return { fileName: part.filename || 'upload', content: await part.toBuffer(), mimeType: part.mimetype };
  } catch (err) {
    // Size limits become 413 in the error handler; any other parser failure is a malformed upload, not a server error.
    const e = err as { statusCode?: number; code?: string };
    if (err instanceof AppError || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) throw err;
    throw fieldError(
      'file',
      { de: 'Der Upload ist kein gültiges multipart/form-data.', en: 'The upload is not valid multipart/form-data.' },
      'malformed',
    );
  }
}
