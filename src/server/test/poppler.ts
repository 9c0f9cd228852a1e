import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler-utils tool on the PDF bytes (written to a temporary file) and returns its stdout. */
async function withPdfFile<T>(bytes: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'praevis-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await fs.writeFile(file, bytes);
    return await fn(file, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The text as poppler's pdftotext reads it (UTF-8, reading order), a second reader beside pdf.js. */
export function pdftotext(bytes: Uint8Array): Promise<string> {
  return withPdfFile(bytes, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 })).stdout);
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts of every page as pdffonts lists them. */
export function pdffonts(bytes: Uint8Array): Promise<PdfFontRow[]> {
  return withPdfFile(bytes, async (file) => {
    const out = (await run('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    // name, type (may contain a space), encoding, emb, sub, uni, object ID: read the flags from the right.
    return out.map((line) => {
      const cols = line.trim().split(/\s+/);
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
  });
}

/** Renders every page with pdftoppm (PNG at the given resolution) and returns the page images. */
export function pdftoppm(bytes: Uint8Array, dpi = 50): Promise<Buffer[]> {
  return withPdfFile(bytes, async (file, dir) => {
    await run('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, 'page')], { maxBuffer: 64 << 20 });
    const pages = (await fs.readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    return Promise.all(pages.map((p) => fs.readFile(path.join(dir, p))));
  });
}
