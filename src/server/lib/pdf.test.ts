import { describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf-text.ts';
import { createPdf, numberPages, pdfBuffer } from './pdf.ts';

describe('PDF documents', () => {
  it('carry title and language, German text, and one page number per page without extra pages', async () => {
    const doc = await createPdf({ title: 'Zuwendungsbescheid 2026' });
    doc.fontSize(12).text('Bewilligt werden 25.000,00 € für „Größere Übungen“.');
    doc.addPage().text('Zweite Seite');
    numberPages(doc);
    const read = await pdfText(await pdfBuffer(doc));
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).toContain('Bewilligt werden 25.000,00 € für „Größere Übungen“.');
    expect(read.pages[0]).toContain('Seite 1 von 2');
    expect(read.pages[1]).toContain('Seite 2 von 2');
    expect(read.info).toMatchObject({ Title: 'Zuwendungsbescheid 2026', Language: 'de-DE' });
  });
});
