import { z } from 'zod';
import { idParam } from './common.schema.ts';
import { DOCUMENT_LIMITS } from './limits.ts';

/*
 * Stored documents: one table and one set of routes for every uploaded file. A document belongs
 * to one record of another module (its owner); access to the document follows access to the owner.
 */

/** The records a document can belong to. */
export const DOCUMENT_OWNER_TYPES = ['alliance_agreement', 'council', 'funding_project', 'funding_application', 'person'] as const;
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

/** The file formats accepted, each recognised from the bytes of the file. */
export const DOCUMENT_FORMATS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  doc: { mime: 'application/msword', extensions: ['doc'] },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

/** What the file picker offers (the server decides by content). */
export const DOCUMENT_ACCEPT = Object.values(DOCUMENT_FORMATS)
  .flatMap((f) => [f.mime, ...f.extensions.map((e) => `.${e}`)])
  .join(',');

const id = idParam;

export const documentOwnerQuerySchema = z.object({
  ownerType: z.enum(DOCUMENT_OWNER_TYPES).describe('The kind of record the documents belong to'),
  ownerId: id.describe('The id of that record'),
});
export type DocumentOwnerRef = z.infer<typeof documentOwnerQuerySchema>;

export const uploadDocumentQuerySchema = documentOwnerQuerySchema.extend({
  kind: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .describe('What the document is to its owner (e.g. rules_of_procedure, proof); the owner decides which kinds it takes'),
});
export type UploadDocumentQuery = z.infer<typeof uploadDocumentQuerySchema>;

export const documentIdParamSchema = z.object({ id });

export const documentSchema = z.object({
  id: z.number().int(),
  ownerType: z.enum(DOCUMENT_OWNER_TYPES),
  ownerId: z.number().int(),
  kind: z.string(),
  fileName: z.string().max(DOCUMENT_LIMITS.fileNameMax + 10),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type StoredDocument = z.infer<typeof documentSchema>;

/** The address a document is downloaded from. */
export const documentContentUrl = (documentId: number) => `/api/documents/${documentId}/content`;
