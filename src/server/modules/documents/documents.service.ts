import crypto from 'node:crypto';
import {
  DOCUMENT_FORMATS,
  type DocumentFormat,
  type DocumentOwnerRef,
  type DocumentOwnerType,
  type StoredDocument,
  type UploadDocumentQuery,
} from '../../../shared/documents.schema.ts';
import { DOCUMENT_LIMITS } from '../../../shared/limits.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, fieldError, notFound } from '../../http/problem.ts';
import { nowIso } from '../../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { documentOwner } from './documents.policy.ts';
import * as repo from './documents.repository.ts';

/*
 * Stored documents of every module: upload checked by size and by the bytes of the file (never by
 * its name or the browser's claim alone), listing by owner, download, removal, and the erasure of
 * a person's documents. Every upload and removal is audited.
 */

type Text = { de: string; en: string };

/** An uploaded file as the route read it: the name and type the client declared, and the bytes. */
export interface UploadedFile {
  fileName: string;
  mimeType: string | null;
  content: Buffer;
}

export const ALLOWED_TEXT: Text = {
  de: 'Erlaubt sind PDF, Word (docx, doc), Excel (xlsx, xls), PowerPoint (pptx), OpenDocument (odt, ods) und Bilder (PNG, JPEG, GIF, WebP).',
  en: 'Allowed are PDF, Word (docx, doc), Excel (xlsx, xls), PowerPoint (pptx), OpenDocument (odt, ods) and images (PNG, JPEG, GIF, WebP).',
};

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const tooLarge = () =>
  new AppError(
    'payload-too-large',
    {
      de: `Höchstens ${megabytes(DOCUMENT_LIMITS.maxBytes)} MB je Dokument.`,
      en: `At most ${megabytes(DOCUMENT_LIMITS.maxBytes)} MB per document.`,
    },
    [
      {
        field: 'file',
        code: 'too_big',
        message: {
          de: `Die Datei ist größer als ${megabytes(DOCUMENT_LIMITS.maxBytes)} MB.`,
          en: `The file is larger than ${megabytes(DOCUMENT_LIMITS.maxBytes)} MB.`,
        },
      },
    ],
  );

const refused = (code: string, message: Text) => new AppError('unsupported-media-type', message, [{ field: 'file', code, message }]);

const FORMAT_OF_MIME = new Map<string, DocumentFormat>(Object.entries(DOCUMENT_FORMATS).map(([f, d]) => [d.mime, f as DocumentFormat]));
/** Names of types browsers send for the same format. */
const MIME_ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/vnd.ms-word': 'application/msword',
  'application/x-msexcel': 'application/vnd.ms-excel',
};
/** Declared types that say nothing about the content. */
const UNSPECIFIC_MIME = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'application/force-download',
]);
/** Extensions that name a file format; a name ending in another one ("Protokoll 12.03.2024") declares nothing. */
const KNOWN_EXTENSIONS = new Set([
  ...Object.values(DOCUMENT_FORMATS).flatMap((d) => d.extensions),
  'txt',
  'csv',
  'rtf',
  'html',
  'htm',
  'xml',
  'json',
  'svg',
  'zip',
  'rar',
  '7z',
  'gz',
  'exe',
  'msi',
  'bat',
  'cmd',
  'js',
  'sh',
  'ps1',
  'dll',
  'bmp',
  'tif',
  'tiff',
  'heic',
  'ico',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wav',
  'odp',
  'odg',
  'ppt',
  'pps',
  'ppsx',
  'docm',
  'xlsm',
  'pptm',
  'dotx',
  'xltx',
  'msg',
  'eml',
]);

const extensionOf = (fileName: string): string | null => {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : null;
};

/** The file name without path, control characters and quotes, shortened to the limit. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, DOCUMENT_LIMITS.fileNameMax);
}

/**
 * The format of an upload, recognised from its bytes (file-type): PDF, OOXML and OpenDocument
 * files, legacy Word and Excel files (an OLE compound file, D0 CF 11 E0, told apart by the declared
 * name or type), PNG, JPEG, GIF and WebP. Refuses (415) anything else, and a file whose declared
 * extension or type contradicts its bytes (a PNG named bericht.pdf, a PDF sent as image/png).
 */
export async function sniffDocument(file: UploadedFile): Promise<{ format: DocumentFormat; contentType: string; fileName: string }> {
  const fileName = cleanFileName(file.fileName);
  const extension = extensionOf(fileName);
  const declaredRaw = (file.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = UNSPECIFIC_MIME.has(declaredRaw) ? null : (MIME_ALIASES[declaredRaw] ?? declaredRaw);
  // Loaded with the first upload, not at server start (decision 019).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(file.content);
  let format: DocumentFormat | undefined;
  if (detected?.ext === 'cfb') {
    // An OLE compound file is a doc, an xls, but also an msi or msg: only the declaration tells which.
    const claimed =
      (extension === 'doc' || extension === 'xls' ? extension : undefined) ?? (declared ? FORMAT_OF_MIME.get(declared) : undefined);
    format = claimed === 'doc' || claimed === 'xls' ? claimed : undefined;
    if (!format) {
      throw refused('content_type', {
        de: `Die Datei ist ein OLE-Verbunddokument, aber weder als Word- (.doc) noch als Excel-Datei (.xls) ausgewiesen. ${ALLOWED_TEXT.de}`,
        en: `The file is an OLE compound document, but declared neither as a Word (.doc) nor as an Excel (.xls) file. ${ALLOWED_TEXT.en}`,
      });
    }
  } else if (detected) {
    format = FORMAT_OF_MIME.get(detected.mime);
  }
  if (!format) {
    const what = detected ? `${detected.mime} (.${detected.ext})` : null;
    throw refused('content_type', {
      de: `${what ? `Der Inhalt der Datei ist ${what}.` : 'Der Inhalt der Datei wurde nicht erkannt.'} ${ALLOWED_TEXT.de}`,
      en: `${what ? `The file's content is ${what}.` : "The file's content was not recognised."} ${ALLOWED_TEXT.en}`,
    });
  }
  const spec = DOCUMENT_FORMATS[format];
  const extensions: readonly string[] = spec.extensions;
  const contradictsName = extension !== null && KNOWN_EXTENSIONS.has(extension) && !extensions.includes(extension);
  const contradictsType = declared !== null && declared !== spec.mime;
  if (contradictsName || contradictsType) {
    const claim = contradictsName ? `.${extension}` : declared!;
    throw refused('content_mismatch', {
      de: `Die Datei ist als ${claim} ausgewiesen, ihr Inhalt ist aber ${format.toUpperCase()} (${spec.mime}). Bitte laden Sie die Datei mit dem passenden Namen hoch.`,
      en: `The file is declared as ${claim}, but its content is ${format.toUpperCase()} (${spec.mime}). Please upload it under a matching name.`,
    });
  }
  const named = fileName || `dokument.${extensions[0]}`;
  return {
    format,
    contentType: spec.mime,
    fileName: extension !== null && extensions.includes(extension) ? named : `${named}.${extensions[0]}`,
  };
}

/** The API view of a document row. */
export function presentDocument(d: repo.DocumentRow): StoredDocument {
  return {
    id: d.id,
    ownerType: d.owner_type as DocumentOwnerType,
    ownerId: d.owner_id,
    kind: d.kind,
    fileName: d.file_name,
    contentType: d.content_type,
    size: d.size_bytes,
    sha256: d.sha256,
    uploadedAt: d.uploaded_at,
    uploadedBy: d.uploaded_by === null ? null : { id: d.uploaded_by, name: d.uploader_name ?? `#${d.uploaded_by}` },
  };
}

const noDocument = (id: number) => notFound({ de: `Kein Dokument Nr. ${id}.`, en: `No document no. ${id}.` });

/** Stores a document of a record the principal may change, checked by size and content; audited. */
export async function uploadDocument(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  target: UploadDocumentQuery,
  file: UploadedFile,
): Promise<StoredDocument> {
  const owner = documentOwner(target.ownerType);
  await owner.assertWritable(db, principal, target.ownerId);
  const kind = target.kind ?? owner.kinds[0];
  if (!owner.kinds.includes(kind)) {
    throw fieldError(
      'kind',
      { de: `Erlaubt sind hier: ${owner.kinds.join(', ')}.`, en: `Allowed here: ${owner.kinds.join(', ')}.` },
      'invalid_kind',
    );
  }
  if (file.content.length > DOCUMENT_LIMITS.maxBytes) throw tooLarge();
  if (file.content.length === 0) throw fieldError('file', { de: 'Die Datei ist leer.', en: 'The file is empty.' }, 'empty');
  const sniffed = await sniffDocument(file);
  if (owner.formats && !owner.formats.includes(sniffed.format)) {
    const list = owner.formats.map((f) => f.toUpperCase()).join(', ');
    throw refused('format_not_accepted', {
      de: `Hier werden nur ${list}-Dateien angenommen (${owner.label.de}); diese Datei ist ${sniffed.format.toUpperCase()}.`,
      en: `Only ${list} files are accepted here (${owner.label.en}); this file is ${sniffed.format.toUpperCase()}.`,
    });
  }
  const id = await repo.insertDocument(db, {
    owner_type: target.ownerType,
    owner_id: target.ownerId,
    kind,
    file_name: sniffed.fileName,
    content_type: sniffed.contentType,
    size_bytes: file.content.length,
    sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    uploaded_by: actor.userId,
    uploaded_at: nowIso(),
    legacy_id: null,
  });
  const doc = presentDocument((await repo.findDocument(db, id))!);
  await recordAudit(db, actor, { action: 'upload', entityType: 'document', entityId: id, after: doc });
  return doc;
}

/** The documents of a record the principal may see. */
export async function listDocuments(db: DbOrTrx, principal: Principal, ref: DocumentOwnerRef): Promise<StoredDocument[]> {
  await documentOwner(ref.ownerType).assertReadable(db, principal, ref.ownerId);
  return (await repo.listDocumentsOfOwners(db, ref.ownerType, [ref.ownerId])).map(presentDocument);
}

/**
 * The documents of several records of one owner type, for the owner module's own answers (an
 * agreement with its documents). The owner module has checked access to the records.
 */
export async function listDocumentsOfOwners(
  db: DbOrTrx,
  ownerType: DocumentOwnerType,
  ownerIds: readonly number[],
): Promise<StoredDocument[]> {
  return (await repo.listDocumentsOfOwners(db, ownerType, ownerIds)).map(presentDocument);
}

/** A document with its content, if the principal may see its owner. */
export async function getDocumentContent(db: DbOrTrx, principal: Principal, id: number) {
  const doc = await repo.findDocumentContent(db, id);
  if (!doc) throw noDocument(id);
  await documentOwner(doc.owner_type as DocumentOwnerType).assertReadable(db, principal, doc.owner_id);
  return doc;
}

/** Removes a document of a record the principal may change; audited with its metadata. */
export async function deleteDocument(db: DbOrTrx, principal: Principal, actor: Actor, id: number): Promise<void> {
  const row = await repo.findDocument(db, id);
  if (!row) throw noDocument(id);
  await documentOwner(row.owner_type as DocumentOwnerType).assertWritable(db, principal, row.owner_id);
  if (!(await repo.deleteDocument(db, id))) throw noDocument(id);
  await recordAudit(db, actor, { action: 'delete', entityType: 'document', entityId: id, before: presentDocument(row) });
}

/**
 * Art. 17 GDPR for documents: removes every document of the person, and redacts the person's
 * mentions (the erasure's matcher, `redact`) in the name of any other document. The
 * removal is audited without the file names. Called by the erasure of a person, in its transaction.
 */
export async function eraseDocumentsOfPerson(db: DbOrTrx, actor: Actor, personId: number, redact: (fileName: string) => string) {
  const ids = await repo.listDocumentIdsOfOwner(db, 'person', personId);
  for (const id of ids) {
    const row = (await repo.findDocument(db, id))!;
    await repo.deleteDocument(db, id);
    await recordAudit(db, actor, {
      action: 'erase',
      entityType: 'document',
      entityId: id,
      after: { ownerType: 'person', ownerId: personId, kind: row.kind, size: row.size_bytes, reason: 'Art. 17 DSGVO' },
    });
  }
  let renamed = 0;
  for (
    let page = await repo.listDocumentNames(db, 0, 500);
    page.length > 0;
    page = await repo.listDocumentNames(db, page.at(-1)!.id, 500)
  ) {
    for (const doc of page) {
      const name = redact(doc.file_name);
      if (name === doc.file_name) continue;
      await repo.renameDocument(db, doc.id, name);
      renamed += 1;
    }
  }
  return { erasedDocuments: ids.length, renamedDocuments: renamed };
}
