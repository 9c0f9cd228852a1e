import { describe, expect, it } from 'vitest';
import { captureLayouts, checkPdfLayout, readStructure, squeeze } from '../../test/pdf-layout-check.ts';
import { writePageImages } from '../../test/pdf-output.ts';
import { pdftotext } from '../../test/poppler.ts';
import { renderReportPdf } from './report-pdf.ts';
import { gridMap, reportSnapshot } from './report.fixtures.ts';

/*
 * The security-analysis report through the layout checks (decision 025): a demo-sized report and
 * an oversized one (12 charts, a 200-row table, titles longer than a line), read back with pdf.js
 * and rendered with pdftoppm; and its PDF/UA structure.
 */

async function render(size: Parameters<typeof reportSnapshot>[1]) {
  const { result: bytes, layouts } = await captureLayouts(() => renderReportPdf(reportSnapshot(gridMap(), size)));
  return { bytes, layout: layouts[0] };
}

describe('security-analysis report layout', () => {
  it('lays out the demo-sized report inside the margins, without overlaps, every page rendered; page images for review', async () => {
    const { bytes, layout } = await render({});
    expect(await checkPdfLayout(bytes, layout)).toEqual([]);
    // The title page and the first chart's page.
    const chartPage = layout!.headings.find((h) => h.text.startsWith('Abbildung:'))!.page + 1;
    expect(await writePageImages(bytes, 'report', [1, chartPage])).toHaveLength(2);
  });

  it('keeps the oversized report in its margins: 12 charts, a 200-row table with its header on every page, long titles wrapped', async () => {
    const long = 'Panschwitz-Kuckau / Pančicy-Kukow mit den Ortsteilen Alte Ziegelei, Neudörfel, Schweinerden und Säuritz';
    const { bytes, layout } = await render({ charts: 12, offenceRows: 200, longTitles: true, municipalityName: long });
    expect(await checkPdfLayout(bytes, layout)).toEqual([]);
    const s = await readStructure(bytes);
    expect(s.figures).toHaveLength(13); // 12 charts and the map
    // The 200 offences span pages; each continuation page repeats the header row (as an artifact).
    expect(new Set(layout!.blocks.filter((b) => b.kind === 'table').map((b) => b.page)).size).toBeGreaterThan(3);
    const text = (await pdftotext(bytes)).split('\f');
    const continued = text.map((t, i) => ({ t, i })).filter(({ t }) => /Straftat 1[5-9]\d\b/.test(t));
    expect(continued.length).toBeGreaterThan(0);
    for (const { i } of continued) expect(s.artifactText[i]).toContain('Schlüssel Straftat Fälle');
    // Long titles wrap instead of being cut: the whole heading is in the text.
    expect(s.headings.map((h) => h.text)).toContain(
      'Abbildung: Abbildung 12: Häufigkeitszahl Straftatengruppe 12 im Vergleich der Ortsteile, der Nachbargemeinden des Landkreises und des Freistaates Sachsen über die Berichtsjahre der Polizeilichen Kriminalstatistik seit Beginn der Erhebung',
    );
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain(long);
  });

  it('is tagged for PDF/UA as far as checkable: TH with Scope, Alt on figures, de-DE, identifier, bookmarks = headings, linked contents', async () => {
    const { bytes, layout } = await render({});
    const s = await readStructure(bytes);
    expect(s.language).toBe('de-DE');
    expect(s.title).toBe('Sicherheitsanalyse Annaberg-Buchholz');
    expect(s.displayDocTitle).toBe(true);
    expect(s.pdfuaPart).toBe('1');
    expect(s.tables.length).toBeGreaterThan(10);
    for (const t of s.tables) expect(t.headerCells).toBeGreaterThan(0);
    expect(s.thWithoutScope).toBe(0);
    expect(s.figures).toHaveLength(11);
    for (const f of s.figures) expect(f.alt?.length).toBeGreaterThan(10);
    expect(s.headings.length).toBeGreaterThan(20);
    // Equal up to where lines broke (extracted text has a space at each line end).
    expect(s.bookmarks.map(squeeze)).toEqual(s.headings.map((h) => squeeze(h.text)));
    expect(s.headings.map((h) => squeeze(h.text))).toEqual(layout!.headings.map((h) => squeeze(h.text)));
    // Nine sections in the contents, each a Link element with its annotation (StructParent, OBJR).
    expect(s.tocEntries).toBe(9);
    expect(s.tocLinks).toBe(9);
    expect(s.linkAnnotations).toBe(9);
    expect(s.linkAnnotationsWithStructParent).toBe(9);
    expect(s.objectReferences).toBe(9);
    // Page numbers and the charts' axis labels are artifacts, outside the structure.
    expect(s.artifactText[0]).toContain('Seite 1 von');
    const chartPage = layout!.headings.find((h) => h.text.startsWith('Abbildung:'))!.page;
    expect(s.artifactText[chartPage]).toMatch(/HZ 0 1\.000 2\.000/);
  });

  it('renders a frozen snapshot byte-identical every time', async () => {
    const snapshot = reportSnapshot(gridMap());
    const [a, b] = [await renderReportPdf(snapshot), await renderReportPdf(structuredClone(snapshot))];
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
