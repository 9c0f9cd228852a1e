import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../http/problem.ts';
import { type FetchLimits, fetchUrl } from './url-fetch.ts';

/** The bytes of a file to import and a name to report it by (file name or URL). */
export interface ImportSource {
  name: string;
  data: Buffer;
}

export interface SourceLimits {
  /** Largest file accepted, in bytes (also the limit for a file unpacked from a ZIP). */
  maxBytes: number;
}

function sourceError(field: string, code: string, de: string, en: string): AppError {
  return new AppError('validation', { de, en }, [{ field, code, message: { de, en } }]);
}

/** True for an http(s) URL, which is downloaded rather than read from disk. */
export function isUrl(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

/** Reads a local file, refusing files over the size limit. */
export async function readFileSource(file: string, limits: SourceLimits): Promise<ImportSource> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw sourceError('file', 'not_found', `Die Datei ${file} gibt es nicht.`, `There is no file ${file}.`);
  }
  if (!stat.isFile()) throw sourceError('file', 'not_a_file', `${file} ist keine Datei.`, `${file} is not a file.`);
  if (stat.size > limits.maxBytes)
    throw sourceError(
      'file',
      'too_big',
      `Die Datei ist größer als ${limits.maxBytes} Bytes.`,
      `The file is larger than ${limits.maxBytes} bytes.`,
    );
  return { name: path.basename(file), data: await fs.promises.readFile(file) };
}

/** Reads a CLI argument: an http(s) URL is downloaded (see fetchUrl), anything else is a file path. */
export function readSourceRef(ref: string, limits: FetchLimits): Promise<ImportSource> {
  return isUrl(ref) ? fetchUrl(ref, limits) : readFileSource(ref, limits);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Publishers ship their files zipped (Destatis' GV100AD download is a ZIP). A ZIP source is
 * replaced by its one member whose name matches; anything else is returned as it is.
 */
export function unwrapZip(source: ImportSource, member: RegExp, limits: SourceLimits): ImportSource {
  if (!ZIP_MAGIC.every((b, i) => source.data[i] === b)) return source;
  let files: Record<string, Uint8Array>;
  let oversize = false;
  try {
    files = unzipSync(source.data, {
      filter: (f) => {
        if (!member.test(f.name)) return false;
        if (f.originalSize > limits.maxBytes) {
          oversize = true;
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw sourceError('file', 'bad_zip', `Das ZIP-Archiv ist beschädigt (${reason}).`, `The ZIP archive is corrupt (${reason}).`);
  }
  if (oversize)
    throw sourceError(
      'file',
      'too_big',
      `Die Datei im ZIP-Archiv ist größer als ${limits.maxBytes} Bytes.`,
      `The file inside the ZIP archive is larger than ${limits.maxBytes} bytes.`,
    );
  const names = Object.keys(files);
  if (names.length !== 1) {
    throw sourceError(
      'file',
      'zip_member',
      `Das ZIP-Archiv muss genau eine passende Datei enthalten (${member}), gefunden: ${names.length}.`,
      `The ZIP archive must contain exactly one matching file (${member}), found: ${names.length}.`,
    );
  }
  const inner = names[0]!;
  return { name: `${path.posix.basename(inner)} (${source.name})`, data: Buffer.from(files[inner]!) };
}
