import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdftoppm } from './poppler.ts';

/** test-output/pdf/ at the repository root (gitignored): page images for a reviewer to look at. */
export const PDF_OUTPUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-output/pdf');

/** Writes the given pages (1-based) of a PDF as PNG images named `<name>-page-<n>.png`; returns the paths. */
export async function writePageImages(bytes: Uint8Array, name: string, pages: number[], dpi = 80): Promise<string[]> {
  const images = await pdftoppm(bytes, dpi);
  await fs.mkdir(PDF_OUTPUT_DIR, { recursive: true });
  const written: string[] = [];
  for (const n of pages) {
    const png = images[n - 1];
    if (!png) continue;
    const file = path.join(PDF_OUTPUT_DIR, `${name}-page-${n}.png`);
    await fs.writeFile(file, png);
    written.push(file);
  }
  return written;
}
