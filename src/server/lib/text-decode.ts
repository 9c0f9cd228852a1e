import iconv from 'iconv-lite';
import type { TEXT_ENCODINGS } from '../../shared/territory-import.schema.ts';

export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an imported text file whose encoding the file does not state: a byte order mark
 * decides first (UTF-8, UTF-16 LE/BE; the mark is dropped); then bytes that are valid UTF-8 are
 * read as UTF-8; anything else as Windows-1252, which is what German spreadsheet programs write
 * (it differs from ISO-8859-1 only where that has control characters: „ “ € – …).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: iconv.decode(Buffer.from(b.subarray(3)), 'utf-8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(Buffer.from(b.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(Buffer.from(b.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: utf8.decode(b), encoding: 'utf-8' };
  } catch {
    // iconv-lite's own table: the runtime's TextDecoder('windows-1252') is not reliable across Node versions.
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'windows-1252'), encoding: 'windows-1252' };
  }
}
