import { DOCUMENT_FORMATS, type DocumentFormat } from '../../../shared/documents.schema.ts';
import { DOCUMENT_LIMITS } from '../../../shared/limits.ts';

/*
 * What the file picker of a document offers and checks before sending: the formats its owner
 * takes and the one size limit. The server decides by the file's content; this only spares the
 * user an upload that is bound to be refused.
 */

/** Every format the documents module accepts. */
export const ALL_DOCUMENT_FORMATS = Object.keys(DOCUMENT_FORMATS) as DocumentFormat[];

/** The largest document in whole megabytes, as said in hints and errors. */
export const DOCUMENT_MAX_MB = Math.floor(DOCUMENT_LIMITS.maxBytes / (1024 * 1024));

/** The `accept` attribute of a file input for these formats (media types and extensions). */
export function acceptOf(formats: readonly DocumentFormat[]): string {
  return formats.flatMap((f) => [DOCUMENT_FORMATS[f].mime, ...DOCUMENT_FORMATS[f].extensions.map((e) => `.${e}`)]).join(',');
}

/** The formats as a user reads them, e.g. "PDF, DOCX". */
export function formatNamesOf(formats: readonly DocumentFormat[]): string {
  return formats.map((f) => f.toUpperCase()).join(', ');
}

/** Why a chosen file would be refused (too large, or by its name and type not one of the formats), or null. */
export function documentFileProblem(
  file: Pick<File, 'name' | 'size' | 'type'>,
  formats: readonly DocumentFormat[],
): 'tooLarge' | 'format' | null {
  if (file.size > DOCUMENT_LIMITS.maxBytes) return 'tooLarge';
  const name = file.name.toLowerCase();
  const known = formats.some(
    (f) => DOCUMENT_FORMATS[f].mime === file.type || DOCUMENT_FORMATS[f].extensions.some((e) => name.endsWith(`.${e}`)),
  );
  return known ? null : 'format';
}
