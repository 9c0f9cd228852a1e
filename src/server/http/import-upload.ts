import type { FastifyRequest } from 'fastify';
import { problemSchema } from '../../shared/common.schema.ts';
import { importUrlBodySchema } from '../../shared/territory-import.schema.ts';
import { fetchSource, type ImportSource } from '../lib/import-source.ts';
import { AppError } from './problem.ts';
import { problemResponses } from './zod-app.ts';

const required = (): AppError => new AppError('validation', {
  de: 'Laden Sie eine Datei hoch (multipart/form-data, Feld „file“) oder geben Sie eine URL an ({ "url": … }).',
  en: 'Upload a file (multipart/form-data, field "file") or give a URL ({ "url": … }).',
}, [{ field: 'file', code: 'required', message: { de: 'Datei oder URL fehlt.', en: 'File or URL is missing.' } }]);

/** The file of an import request: an uploaded file, or the download of the URL in the JSON body. */
export async function importSourceOf(req: FastifyRequest, body: { url: string } | null | undefined, maxBytes: number): Promise<ImportSource> {
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

/** OpenAPI parts shared by every import route that takes an upload or a URL. */
export const importConsumes = ['multipart/form-data', 'application/json'];
// A multipart request reaches validation with a null body (the file is read by the handler).
export const importBody = importUrlBodySchema.nullish().describe('application/json: { "url": "https://…" }; or multipart/form-data with the file in the field "file"');
export const importResponses = { ...problemResponses, 413: problemSchema, 415: problemSchema };
