import { describe, expect, it } from 'vitest';
import { captureLayouts, checkPdfLayout, readStructure } from '../../test/pdf-layout-check.ts';
import { pdftotext } from '../../test/poppler.ts';
import { renderLetters } from './letters.ts';

/* Survey letters through the layout checks (decision 025): a small batch and an oversized one. */

const batch = (over: Partial<Parameters<typeof renderLetters>[0]> = {}) => ({
  title: 'Sicher leben 2026',
  municipality: 'Annaberg-Buchholz',
  fieldEnd: '2026-12-31',
  baseUrl: 'https://praevis.example',
  batch: 1,
  codes: ['ABCDEFGHJKLM', 'NPQRSTUVWXYZ', '23456789ABCD'],
  ...over,
});

describe('survey letters layout', () => {
  it('lays out a batch, one letter a page, inside the margins; the QR code is a figure with alternative text', async () => {
    const { result: bytes, layouts } = await captureLayouts(() => renderLetters(batch(), 'invitation'));
    expect(await checkPdfLayout(bytes, layouts[0])).toEqual([]);
    expect(layouts[0]!.pageCount).toBe(3);
    const s = await readStructure(bytes);
    expect(s.figures).toHaveLength(3);
    for (const f of s.figures) expect(f.alt).toMatch(/^QR-Code mit der Adresse https:\/\/praevis\.example\/befragung\/[A-Z0-9]{12}$/);
    expect(s.language).toBe('de-DE');
    expect(s.pdfuaPart).toBe('1');
  });

  it('keeps an oversized letter (long municipality and survey names) in its margins, names intact', async () => {
    const municipality = 'Panschwitz-Kuckau / Pančicy-Kukow und Crostwitz / Chrósćicy mit Lohsa / Łaz';
    const { result: bytes, layouts } = await captureLayouts(() =>
      renderLetters(
        batch({
          municipality,
          title: `Befragung zur Sicherheit im Wohnumfeld, im öffentlichen Nahverkehr und an Schulen ${'2026 '.repeat(8)}`,
        }),
        'reminder',
      ),
    );
    expect(await checkPdfLayout(bytes, layouts[0])).toEqual([]);
    const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
    for (const name of ['Lohsa / Łaz', 'Crostwitz / Chrósćicy', 'Panschwitz-Kuckau / Pančicy-Kukow']) expect(text).toContain(name);
  });
});
