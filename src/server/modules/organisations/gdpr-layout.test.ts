import { describe, expect, it } from 'vitest';
import type { PersonExportWithMentions } from '../../../shared/gdpr.schema.ts';
import { captureLayouts, checkPdfLayout, readStructure } from '../../test/pdf-layout-check.ts';
import { pdftotext } from '../../test/poppler.ts';
import { exportPersonPdf } from './gdpr.service.ts';

/* The GDPR export through the layout checks (decision 025): an ordinary person and an oversized export. */

function personExport(n: number, long = false): PersonExportWithMentions {
  const tail = long ? ' und Beauftragter für die Ortsteile Alte Ziegelei, Neudörfel, Schweinerden und Säuritz'.repeat(3) : '';
  return {
    exportedAt: '2026-11-30T10:00:00.000Z',
    person: {
      id: 7,
      ags: '14625240',
      firstName: 'Zdeněk',
      lastName: 'Dvořák',
      displayName: 'Zdeněk Dvořák',
      function: `Ortsvorsteher in Panschwitz-Kuckau / Pančicy-Kukow${tail}`,
      email: 'zdenek.dvorak@example.org',
      phone: '+49 35796 123',
      organisationId: 3,
      organisationName: 'Gemeindeverwaltung Panschwitz-Kuckau / Pančicy-Kukow',
      organisationType: 'administration',
      legalBasis: 'consent',
      purpose: `Mitarbeit im Präventionsrat${tail}`,
      consentGivenOn: '2025-03-01',
      notes: '',
      erasedAt: null,
      version: 1,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2026-01-15T09:00:00.000Z',
    },
    organisation: null,
    memberships: Array.from({ length: n }, (_, i) => ({
      councilId: i + 1,
      councilName: `Präventionsrat Crostwitz / Chrósćicy ${i + 1}`,
      role: 'Mitglied',
      startDate: '2025-03-01',
      endDate: null,
      organisationName: null,
    })),
    meetings: Array.from({ length: n }, (_, i) => ({
      meetingId: i + 1,
      councilName: 'Präventionsrat Lohsa / Łaz',
      title: `Sitzung ${i + 1}${tail}`,
      date: '2026-02-01',
      attendance: 'anwesend',
    })),
    tasks: [],
    enrolments: [],
    coaching: [],
    documents: [],
    mentions: Array.from({ length: n * 4 }, (_, i) => ({
      table: 'council_minutes',
      recordId: String(i + 1),
      column: 'text',
      excerpt: `… berichtet Zdeněk Dvořák über die Lage am Markt${tail} …`,
    })),
  };
}

describe('GDPR export layout', () => {
  for (const [label, data] of [
    ['an ordinary export', personExport(2)],
    ['an oversized export (200 mentions, long texts)', personExport(50, true)],
  ] as const)
    it(`lays out ${label} inside the margins, names intact, tagged`, async () => {
      const { result: bytes, layouts } = await captureLayouts(() => exportPersonPdf(data));
      expect(await checkPdfLayout(bytes, layouts[0])).toEqual([]);
      const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
      for (const name of ['Zdeněk Dvořák', 'Lohsa / Łaz', 'Crostwitz / Chrósćicy', 'Panschwitz-Kuckau / Pančicy-Kukow'])
        expect(text).toContain(name);
      const s = await readStructure(bytes);
      expect(s.tables).toHaveLength(1); // the person's data: label (TH, Scope Row) and value
      expect(s.tables[0]!.headerCells).toBeGreaterThan(5);
      expect(s.thWithoutScope).toBe(0);
      expect(s.bookmarks.map((b) => b.replace(/\s+/g, ''))).toEqual(s.headings.map((h) => h.text.replace(/\s+/g, '')));
    });
});
