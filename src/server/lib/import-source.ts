import fs from 'node:fs';
import path from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
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

/** Limits on unpacking a ZIP: a small upload must not unpack into gigabytes (a "ZIP bomb"). */
export const ZIP_LIMITS = {
  /** Most entries an archive may list; publishers ship a handful, an XLSX a few dozen. */
  maxEntries: 1000,
  /** Highest ratio of unpacked to packed bytes of a member, checked once it has unpacked 1 MiB. */
  maxRatio: 100,
  ratioFloorBytes: 1 << 20,
  /** The archive is fed in slices this small, so one slice unpacks to at most about 16 MB. */
  sliceBytes: 16 * 1024,
} as const;

/** True when the bytes start with a ZIP local file header (a ZIP, or an XLSX/DOCX). */
export function isZip(data: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => data[i] === b);
}

function zipTooBig(limit: number): AppError {
  return sourceError(
    'file',
    'too_big',
    `Der Inhalt des ZIP-Archivs ist größer als ${limit} Bytes.`,
    `The content of the ZIP archive is larger than ${limit} bytes.`,
  );
}

function zipMemberCount(member: RegExp, found: number): AppError {
  return sourceError(
    'file',
    'zip_member',
    `Das ZIP-Archiv muss genau eine passende Datei enthalten (${member}), gefunden: ${found}.`,
    `The ZIP archive must contain exactly one matching file (${member}), found: ${found}.`,
  );
}

/**
 * Streams a ZIP archive and unpacks the entries `select` picks, handing each unpacked slice to
 * `onData`. The unpacked bytes are counted as they come (the sizes a ZIP declares may lie), and
 * unpacking stops with 400 as soon as the archive lists more than ZIP_LIMITS.maxEntries entries,
 * the selected entries unpack to more than `maxBytes` together, or one unpacks to more than
 * ZIP_LIMITS.maxRatio times its packed size. Entries not selected are never unpacked.
 */
function streamZip(
  data: Buffer,
  maxBytes: number,
  select: (name: string) => boolean,
  onData: (name: string, chunk: Uint8Array, final: boolean) => void,
): void {
  let entries = 0;
  let unpacked = 0;
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > ZIP_LIMITS.maxEntries)
      throw sourceError(
        'file',
        'zip_entries',
        `Das ZIP-Archiv enthält mehr als ${ZIP_LIMITS.maxEntries} Einträge.`,
        `The ZIP archive holds more than ${ZIP_LIMITS.maxEntries} entries.`,
      );
    if (file.name.endsWith('/') || !select(file.name)) return;
    if (file.originalSize !== undefined && unpacked + file.originalSize > maxBytes) throw zipTooBig(maxBytes);
    // The packed size is known from the header, else it is at most the whole archive.
    const packed = Math.max(1, file.size ?? data.length);
    let own = 0;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      own += chunk.length;
      unpacked += chunk.length;
      if (unpacked > maxBytes) throw zipTooBig(maxBytes);
      if (own > ZIP_LIMITS.ratioFloorBytes && own / packed > ZIP_LIMITS.maxRatio)
        throw sourceError(
          'file',
          'zip_ratio',
          `Eine Datei im ZIP-Archiv entpackt sich auf mehr als das ${ZIP_LIMITS.maxRatio}-fache ihrer Größe.`,
          `A file inside the ZIP archive unpacks to more than ${ZIP_LIMITS.maxRatio} times its size.`,
        );
      onData(file.name, chunk, final);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < data.length; at += ZIP_LIMITS.sliceBytes) {
      const end = Math.min(at + ZIP_LIMITS.sliceBytes, data.length);
      unzip.push(data.subarray(at, end), end === data.length);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw sourceError('file', 'bad_zip', `Das ZIP-Archiv ist beschädigt (${reason}).`, `The ZIP archive is corrupt (${reason}).`);
  }
}

/**
 * Checks a ZIP-based file (an XLSX) against the ZIP limits before a library unpacks it whole:
 * the entries are streamed and counted, nothing is kept.
 */
export function checkZipLimits(data: Buffer, limits: SourceLimits): void {
  if (isZip(data))
    streamZip(
      data,
      limits.maxBytes,
      () => true,
      () => undefined,
    );
}

/**
 * Publishers ship their files zipped (Destatis' GV100AD download is a ZIP). A ZIP source is
 * replaced by its one member whose name matches; anything else is returned as it is. The archive
 * is streamed within ZIP_LIMITS and `limits.maxBytes`, and a second matching member stops it.
 */
export function unwrapZip(source: ImportSource, member: RegExp, limits: SourceLimits): ImportSource {
  if (!isZip(source.data)) return source;
  let matches = 0;
  let inner = '';
  let finished = false;
  const chunks: Uint8Array[] = [];
  streamZip(
    source.data,
    limits.maxBytes,
    (name) => {
      if (!member.test(name)) return false;
      matches += 1;
      if (matches > 1) throw zipMemberCount(member, matches);
      inner = name;
      return true;
    },
    (_name, chunk, final) => {
      chunks.push(chunk);
      if (final) finished = true;
    },
  );
  if (matches !== 1) throw zipMemberCount(member, matches);
  if (!finished) throw sourceError('file', 'bad_zip', 'Das ZIP-Archiv ist unvollständig.', 'The ZIP archive is incomplete.');
  return { name: `${path.posix.basename(inner)} (${source.name})`, data: Buffer.concat(chunks) };
}
