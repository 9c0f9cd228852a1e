import { isUtf8 } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'iso-8859-1';

/**
 * Decodes official text files whose encoding varies by vintage: valid UTF-8 is read as UTF-8
 * (a BOM is dropped), anything else as ISO-8859-1, which every byte sequence is.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) {
    const text = buf.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  }
  return { text: buf.toString('latin1'), encoding: 'iso-8859-1' };
}
