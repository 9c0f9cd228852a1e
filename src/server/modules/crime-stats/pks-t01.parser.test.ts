import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../territory/index.ts';
import { t01File, T01_HEADER, T01_ROWS } from './pks-t01.fixtures.ts';
import { isSummaryKey, normaliseHeader, parseCount, parseDecimal, parsePksT01, recomputeClearanceRate } from './pks-t01.parser.ts';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportFileError) return err.issues;
    throw err;
  }
  throw new Error('expected an ImportFileError');
}

describe('PKS T01 parser', () => {
  it('reads an ISO-8859-1 file: skips the column numbers, pads the district key, parses separators, - and #DIV/0!', () => {
    const bytes = t01File();
    expect(bytes.includes(Buffer.from([0xe4]))).toBe(true); // "ä" as one Latin-1 byte
    const t = parsePksT01(bytes, { year: 2022 });
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows).toHaveLength(4);
    const [flensburg, chemnitz, damage, zero] = t.rows;
    expect(flensburg).toMatchObject({
      line: 3,
      key: '------',
      districtAgs: '01001',
      districtName: 'Flensburg',
      cases: 9677,
      hz: 10621,
      cleared: 5824,
      clearanceRate: 60.2,
      suspects: 3772,
    });
    expect(chemnitz).toMatchObject({ districtAgs: '14511', cases: 20084, hz: 8261 });
    expect(damage).toMatchObject({ offence: 'Sachbeschädigung §§ 303-305a StGB', attempts: 0 });
    expect(zero).toMatchObject({ cases: 0, clearanceRate: null });
    expect(t.yearFrom).toBe('option');
    expect(t.warnings).toEqual([]);
  });

  it('reads UTF-8 too, and columns by header name in any order, ignoring unknown columns', () => {
    const cols = T01_HEADER.split(';');
    const order = [5, 0, 2, 3, 1, 11, 6, 12];
    const header = [...order.map((i) => cols[i]), 'Extra Spalte'].join(';');
    const rows = T01_ROWS.slice(0, 2).map((r) => {
      const c = r.split(';');
      return [...order.map((i) => c[i]), 'x'].join(';');
    });
    const t = parsePksT01(t01File(rows, { header, encoding: 'utf8' }), { year: 2022 });
    expect(t.encoding).toBe('utf-8');
    expect(t.rows[1]).toMatchObject({ key: '------', districtAgs: '14511', cases: 20084, hz: 8261, cleared: 13185, suspects: null });
    expect(t.columns.ignored).toContain('Extra Spalte');
    expect(t.columns.missingOptional).toContain('suspects');
  });

  it('refuses text in a number column, naming line and column', () => {
    const rows = [...T01_ROWS];
    rows[1] = rows[1]!.replace('20,084', 'zwanzig');
    const issues = issuesOf(() => parsePksT01(t01File(rows), { year: 2022 }));
    expect(issues).toEqual([expect.objectContaining({ line: 4, field: 'Anzahl erfasste Faelle', code: 'not_a_number' })]);
  });

  it('refuses duplicate key rows, naming both lines', () => {
    const issues = issuesOf(() => parsePksT01(t01File([...T01_ROWS, T01_ROWS[1]!]), { year: 2022 }));
    expect(issues).toEqual([expect.objectContaining({ line: 7, code: 'duplicate' })]);
    expect(issues[0]!.message.en).toContain('line 4');
  });

  it('refuses a file without the required header names', () => {
    const header = T01_HEADER.replace('Anzahl erfasste Faelle', 'Faelle gesamt').replace('Auffklaerung - Anzahl Faelle', 'AQ-Zahl');
    const issues = issuesOf(() => parsePksT01(t01File(T01_ROWS, { header }), { year: 2022 }));
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [2, 'erfasste Fälle', 'missing_column'],
      [2, 'aufgeklärte Fälle', 'missing_column'],
    ]);
    const none = issuesOf(() => parsePksT01(Buffer.from('a;b;c\n1;2;3\n'), { year: 2022 }));
    expect(none[0]).toMatchObject({ line: 1, code: 'missing_header' });
  });

  it('refuses a file whose year contradicts the given year (title line, year column, file name)', () => {
    const title = issuesOf(() => parsePksT01(t01File(T01_ROWS, { title: 'PKS 2021 - Tabelle T01 Kreise' }), { year: 2022 }));
    expect(title).toEqual([expect.objectContaining({ line: 1, field: 'year', code: 'year_mismatch' })]);
    expect(parsePksT01(t01File(T01_ROWS, { title: 'PKS 2022 - Tabelle T01 Kreise' }), { year: 2022 }).yearFrom).toBe('title');
    const header = `${T01_HEADER};Jahr`;
    const rows = T01_ROWS.map((r, i) => `${r};${i === 2 ? 2021 : 2022}`);
    expect(issuesOf(() => parsePksT01(t01File(rows, { header }), { year: 2022 }))).toEqual([
      expect.objectContaining({ line: 5, field: 'Jahr', code: 'year_mismatch' }),
    ]);
    expect(issuesOf(() => parsePksT01(t01File(), { year: 2021, fileName: 'BKA_PKS2022_KR-F-01-T01.csv' }))[0]).toMatchObject({
      field: 'file',
      code: 'year_mismatch',
    });
  });

  it('warns when a published clearance rate does not match cleared / recorded', () => {
    const rows = [T01_ROWS[0]!.replace(';60.2;', ';61.2;')];
    const t = parsePksT01(t01File(rows), { year: 2022 });
    expect(t.warnings).toEqual([expect.objectContaining({ line: 3, code: 'clearance_rate_mismatch' })]);
  });

  it('has small helpers for numbers, headers and keys', () => {
    expect(parseCount('1,234,567')).toBe(1234567);
    expect(parseCount('1.5')).toBeUndefined();
    expect(parseCount('12,34')).toBeUndefined();
    expect(parseDecimal('8,261')).toBe(8261);
    expect(parseDecimal('#DIV/0!')).toBeNull();
    expect(normaliseHeader('Häufigkeitszahl (HZ)')).toBe('haeufigkeitszahlhz');
    expect(recomputeClearanceRate(9677, 5824)).toBe(60.2);
    expect(recomputeClearanceRate(0, 0)).toBeNull();
    expect(['------', '892000', '899000', '****00', '674000'].map(isSummaryKey)).toEqual([true, true, true, true, false]);
  });
});
