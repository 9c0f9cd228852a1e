import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../http/problem.ts';

/** The bytes of a file to import and a name to report it by (file name or URL). */
export interface ImportSource {
  name: string;
  data: Buffer;
}

export interface SourceLimits {
  /** Largest file accepted, in bytes (also the limit for a file unpacked from a ZIP). */
  maxBytes: number;
  /** How long a download may take. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function sourceError(field: string, code: string, de: string, en: string): AppError {
  return new AppError('validation', { de, en }, [{ field, code, message: { de, en } }]);
}

/** True for an http(s) URL, which is downloaded rather than read from disk. */
export function isUrl(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

/**
 * Downloads a URL with fetch, refusing bodies over the size limit while they stream in,
 * so that a wrong link cannot fill memory. Failures are input errors naming the field `url`.
 */
export async function fetchSource(url: string, limits: SourceLimits): Promise<ImportSource> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw sourceError('url', 'invalid', 'Keine gültige URL.', 'Not a valid URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw sourceError('url', 'protocol', 'Nur http- und https-Adressen.', 'Only http and https URLs.');
  let res: Response;
  try {
    res = await fetch(parsed, { redirect: 'follow', signal: AbortSignal.timeout(limits.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw sourceError('url', 'unreachable', `Die Adresse ist nicht erreichbar (${reason}).`, `The URL cannot be reached (${reason}).`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw sourceError('url', 'http_status', `Der Server antwortete mit ${res.status}.`, `The server answered ${res.status}.`);
  }
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  const tooLarge = () => sourceError('url', 'too_big', `Die Datei ist größer als ${limits.maxBytes} Bytes.`, `The file is larger than ${limits.maxBytes} bytes.`);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limits.maxBytes) {
          await reader.cancel().catch(() => {});
          throw tooLarge();
        }
        chunks.push(Buffer.from(value));
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw sourceError('url', 'unreachable', `Der Download brach ab (${reason}).`, `The download failed (${reason}).`);
    }
  }
  const name = decodeURIComponent(path.posix.basename(parsed.pathname)) || parsed.hostname;
  return { name: `${name} (${parsed.origin}${parsed.pathname})`, data: Buffer.concat(chunks) };
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
  if (stat.size > limits.maxBytes) throw sourceError('file', 'too_big', `Die Datei ist größer als ${limits.maxBytes} Bytes.`, `The file is larger than ${limits.maxBytes} bytes.`);
  return { name: path.basename(file), data: await fs.promises.readFile(file) };
}

/** Reads a CLI argument: an http(s) URL is downloaded, anything else is a file path. */
export function readSourceRef(ref: string, limits: SourceLimits): Promise<ImportSource> {
  return isUrl(ref) ? fetchSource(ref, limits) : readFileSource(ref, limits);
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
        if (f.originalSize > limits.maxBytes) { oversize = true; return false; }
        return true;
      },
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw sourceError('file', 'bad_zip', `Das ZIP-Archiv ist beschädigt (${reason}).`, `The ZIP archive is corrupt (${reason}).`);
  }
  if (oversize) throw sourceError('file', 'too_big', `Die Datei im ZIP-Archiv ist größer als ${limits.maxBytes} Bytes.`, `The file inside the ZIP archive is larger than ${limits.maxBytes} bytes.`);
  const names = Object.keys(files);
  if (names.length !== 1) {
    throw sourceError('file', 'zip_member', `Das ZIP-Archiv muss genau eine passende Datei enthalten (${member}), gefunden: ${names.length}.`,
      `The ZIP archive must contain exactly one matching file (${member}), found: ${names.length}.`);
  }
  const inner = names[0]!;
  return { name: `${path.posix.basename(inner)} (${source.name})`, data: Buffer.from(files[inner]!) };
}
