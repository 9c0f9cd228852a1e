import type { FastifyRequest } from 'fastify';
import { problemSchema } from '../../shared/common.schema.ts';
import { importUrlBodySchema } from '../../shared/territory-import.schema.ts';
import type { ImportSource } from '../lib/import-source.ts';
import { readUpload } from '../lib/upload.ts';
import { type FetchLimits, fetchUrl } from '../lib/url-fetch.ts';
import { AppError } from './problem.ts';
import { uploadForm } from './files.ts';
import { documentBodyPerMediaType, problemResponses } from './zod-app.ts';

const required = (): AppError =>
  new AppError(
    'validation',
    {
      de: 'Laden Sie eine Datei hoch (multipart/form-data, Feld „file“) oder geben Sie eine URL an ({ "url": … }).',
      en: 'Upload a file (multipart/form-data, field "file") or give a URL ({ "url": … }).',
    },
    [{ field: 'file', code: 'required', message: { de: 'Datei oder URL fehlt.', en: 'File or URL is missing.' } }],
  );

/** The file of an import request: an uploaded file (readUpload), or the download of the URL in the JSON body (fetchUrl). */
export async function importSourceOf(
  req: FastifyRequest,
  body: { url: string } | null | undefined,
  limits: FetchLimits,
): Promise<ImportSource> {
  if (req.isMultipart()) {
    const file = await readUpload(req, { maxBytes: limits.maxBytes });
    return { name: file.fileName, data: file.content };
  }
  if (body?.url) return fetchUrl(body.url, limits);
  throw required();
}

/** OpenAPI parts shared by every import route that takes an upload or a URL. */
export const importConsumes = ['multipart/form-data', 'application/json'];
// A multipart request reaches validation with a null body (the file is read by the handler).
export const importBody = documentBodyPerMediaType(importUrlBodySchema.nullish(), {
  'multipart/form-data': uploadForm('The file to import (a ZIP with one matching file is unpacked)'),
  'application/json': importUrlBodySchema,
});
export const importResponses = { ...problemResponses, 413: problemSchema, 415: problemSchema };
