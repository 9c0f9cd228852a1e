import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Extracts the text of a PDF with an independent parser (pdf.js), page by page, so tests check
 * what a reader of the document sees rather than what the generator was asked to draw.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string; info: Record<string, unknown> }> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/[ \t]+/g, ' ')
        .trim(),
    );
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.join('\n'), info: (meta.info ?? {}) as Record<string, unknown> };
}
