import { describe, expect, it } from 'vitest';
import { captureLayouts, checkPdfLayout, readStructure, squeeze } from '../test/pdf-layout-check.ts';
import { pdfText } from '../test/pdf-text.ts';
import { pdffonts } from '../test/poppler.ts';
import { createLayout } from './pdf-layout.ts';

const svg = (w: number, h: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect x="0" y="0" width="${w}" height="${h}" fill="#e8eef6"/><text x="10" y="30" font-size="24">Achse 2.000</text></svg>`;

describe('the PDF layout layer', () => {
  it('carries title and language, German text, one page number per page, embedded fonts only', async () => {
    const pdf = createLayout({ title: 'Zuwendungsbescheid 2026 & Anlage' });
    pdf.paragraph('Bewilligt werden 25.000,00 € für „Größere Übungen“ in Lohsa / Łaz.');
    pdf.newPage().paragraph('Zweite Seite');
    const bytes = await pdf.finish();
    const read = await pdfText(bytes);
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).toContain('Bewilligt werden 25.000,00 € für „Größere Übungen“ in Lohsa / Łaz.');
    expect(read.pages[0]).toContain('Seite 1 von 2');
    expect(read.pages[1]).toContain('Seite 2 von 2');
    expect(read.info).toMatchObject({ Title: 'Zuwendungsbescheid 2026 & Anlage', Language: 'de-DE' });
    const s = await readStructure(bytes);
    expect(s.pdfuaPart).toBe('1'); // the XMP stays readable with "&" in the title
    expect((await pdffonts(bytes)).filter((f) => !f.embedded || !f.subset)).toEqual([]);
  });

  it('moves a block that does not fit to the next page, breaks a 200-row table with its header repeated, scales 12 wide figures', async () => {
    const { result: bytes, layouts } = await captureLayouts(() => {
      const pdf = createLayout({ title: 'Übergroß' });
      pdf.heading(`Ein Titel, der länger ist als eine Zeile: ${'Panschwitz-Kuckau / Pančicy-Kukow, '.repeat(6)}`, 1);
      pdf.paragraph('Absatz. '.repeat(200));
      pdf.table({
        caption: 'Zweihundert Zeilen',
        header: ['Nr.', 'Bezeichnung', 'Wert'],
        rows: Array.from({ length: 200 }, (_, i) => [String(i + 1), `Zeile ${i + 1} mit Zdeněk Dvořák`, `${i},5 %`]),
      });
      for (let i = 0; i < 12; i += 1) {
        pdf.chart({
          title: `Abbildung ${i + 1}`,
          figure: { svg: svg(1200, 500), alt: `Abbildung ${i + 1}: eine Fläche`, width: 1200, height: 500 },
          table: { header: ['Jahr', 'Wert'], rows: [['2025', '1.000']] },
          source: 'Quelle: Test',
        });
      }
      return pdf.finish();
    });
    const layout = layouts[0]!;
    expect(await checkPdfLayout(bytes, layout)).toEqual([]);
    // Every figure is scaled to the content width and lies whole on one page.
    const figures = layout.blocks.filter((b) => b.kind === 'figure');
    expect(figures).toHaveLength(12);
    for (const f of figures) expect(f.width).toBeCloseTo(layout.box.width, 1);
    // The table spans pages; every page it continues on starts with the repeated header (an artifact).
    const beforeCharts = layout.blocks.slice(
      0,
      layout.blocks.findIndex((b) => b.kind === 'figure'),
    );
    const tablePages = [...new Set(beforeCharts.filter((b) => b.kind === 'table').map((b) => b.page))];
    expect(tablePages.length).toBeGreaterThan(3);
    const s = await readStructure(bytes);
    for (const p of tablePages.slice(1)) expect(s.artifactText[p]).toMatch(/^Nr\. Bezeichnung Wert/);
    expect(s.tables[0]).toEqual({ headerCells: 3, dataCells: 600 });
    // Equal up to where lines broke (extracted text has a space at each line end).
    expect(s.bookmarks.map(squeeze)).toEqual(s.headings.map((h) => squeeze(h.text)));
  });

  it('fails the checks when text is drawn outside the margins or over other text', async () => {
    const pdf = createLayout({ title: 'Fehlerhaft' });
    pdf.paragraph('Regulär');
    // Drawn past the layout layer, as the PDFs did before it: over the paragraph and off the page.
    pdf.doc.text('Darüber', pdf.box.left, pdf.box.top, { lineBreak: false });
    pdf.doc.text('Zu weit rechts', pdf.doc.page.width - 60, 300, { lineBreak: false });
    const { result: bytes, layouts } = await captureLayouts(() => pdf.finish());
    const problems = await checkPdfLayout(bytes, layouts[0]);
    expect(problems.some((p) => p.includes('overlap: "Regulär" and "Darüber"') || p.includes('overlap: "Darüber" and "Regulär"'))).toBe(
      true,
    );
    expect(problems.some((p) => p.includes('outside the margins: "Zu weit'))).toBe(true);
  });
});
