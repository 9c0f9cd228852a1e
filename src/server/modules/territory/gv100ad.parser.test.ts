import { describe, expect, it } from 'vitest';
import { gvLine, gvText, SAXONY_SAMPLE, type RecordSpec } from './gv100ad.fixtures.ts';
import { parseGv100ad } from './gv100ad.parser.ts';
import { ImportFileError, type ImportIssue } from './import-issues.ts';

const utf8 = (records: RecordSpec[]) => Buffer.from(gvText(records), 'utf8');

function issuesOf(bytes: Uint8Array, state: string | null = '14'): ImportIssue[] {
  try {
    parseGv100ad(bytes, { state });
  } catch (err) {
    if (err instanceof ImportFileError) return err.issues;
    throw err;
  }
  throw new Error('expected the parse to fail');
}

describe('GV100AD parser', () => {
  it('reads states, districts, associations and municipalities with their fields', () => {
    const d = parseGv100ad(utf8(SAXONY_SAMPLE), { state: '14' });
    expect(d.encoding).toBe('utf-8');
    expect(d.statusDate).toBe('2021-11-30');
    expect(d.states).toEqual([{ line: 1, ags: '14', name: 'Sachsen', seat: 'Dresden', statusDate: '2021-11-30' }]);
    expect(d.skippedRegions).toBe(1);
    expect(d.districts.map((x) => x.ags)).toEqual(['14625', '14626']);
    expect(d.associations.map((a) => a.ars)).toEqual(['146250020', '146255201', '146260110']);
    expect(d.municipalities).toHaveLength(3);
    expect(d.municipalities[0]).toEqual({
      line: 5,
      ags: '14625020',
      ars: '146250020020',
      districtAgs: '14625',
      associationArs: '146250020',
      name: 'Bautzen / Budyšin, Stadt',
      typeCode: '63',
      areaHa: 6667,
      population: 38006,
      populationMale: 18383,
      postcode: '02625',
      statusDate: '2021-11-30',
    });
  });

  it('sums the municipalities into the district totals the file leaves blank', () => {
    const d = parseGv100ad(utf8(SAXONY_SAMPLE), { state: '14' });
    const bautzen = d.districts.find((x) => x.ags === '14625')!;
    expect(bautzen).toMatchObject({
      areaHa: 6667 + 1226,
      population: 38006 + 1012,
      populationMale: 18383 + 521,
      totalsDerived: true,
      typeCode: '44',
      seat: 'Bautzen',
    });
  });

  it('reads ISO-8859-1 files (older vintages) and detects the encoding', () => {
    const latin1 = Buffer.from(
      gvText(SAXONY_SAMPLE.filter((r) => !r.name.includes('Budy') && !r.name.includes('Chrós') && r.ags !== '14625' && r.ags !== '146')),
      'latin1',
    );
    expect(latin1.includes(Buffer.from([0xf6]))).toBe(true); // ö of Görlitz as one byte
    const d = parseGv100ad(latin1, { state: '14' });
    expect(d.encoding).toBe('windows-1252');
    expect(d.districts[0]!.name).toBe('Görlitz');
    expect(d.municipalities[0]!.name).toBe('Görlitz, Stadt');
  });

  it('reads a hand-typed ISO-8859-1 byte sequence', () => {
    // "Löbau" with ö = 0xF6, as an old file stores it.
    const name = Buffer.from([0x4c, 0xf6, 0x62, 0x61, 0x75]);
    const lines = [
      gvLine({ type: '10', ags: '14', name: 'Sachsen' }),
      gvLine({ type: '40', ags: '14626', name: 'Görlitz', typeCode: '44' }),
      gvLine({ type: '50', ags: '14626', code: '0310', name: 'XXXXX', typeCode: '50' }),
      gvLine({
        type: '60',
        ags: '14626310',
        code: '0310',
        name: 'XXXXX',
        typeCode: '63',
        area: 7858,
        population: 14634,
        male: 7100,
        postcode: '02708',
      }),
    ].map((l) => Buffer.from(l, 'latin1'));
    for (const i of [2, 3]) name.copy(lines[i]!, 22);
    const d = parseGv100ad(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\r\n')])), { state: '14' });
    expect(d.encoding).toBe('windows-1252');
    expect(d.municipalities[0]!.name).toBe('Löbau');
  });

  it('limits the records to one state, or keeps all', () => {
    const other: RecordSpec[] = [
      { type: '10', ags: '13', name: 'Mecklenburg-Vorpommern', seat: 'Schwerin' },
      { type: '40', ags: '13003', name: 'Rostock', typeCode: '41' },
      { type: '50', ags: '13003', code: '0000', name: 'Rostock, Hanse- und Universitätsstadt', typeCode: '50' },
      {
        type: '60',
        ags: '13003000',
        code: '0000',
        name: 'Rostock, Hanse- und Universitätsstadt',
        typeCode: '61',
        area: 18128,
        population: 209061,
        male: 102000,
        postcode: '18055',
      },
    ];
    const bytes = utf8([...other, ...SAXONY_SAMPLE]);
    expect(parseGv100ad(bytes, { state: '14' }).municipalities.map((m) => m.ags)).toEqual(['14625020', '14625240', '14626110']);
    expect(parseGv100ad(bytes, { state: null }).municipalities).toHaveLength(4);
    expect(issuesOf(bytes, '15')[0]).toMatchObject({ field: 'file', code: 'empty' });
  });

  it('accepts LF line ends, trailing blanks stripped and a blank last line', () => {
    const text = SAXONY_SAMPLE.map((r) => gvLine(r).trimEnd()).join('\n') + '\n\n';
    expect(parseGv100ad(Buffer.from(text), { state: '14' }).municipalities).toHaveLength(3);
  });

  it('refuses a truncated line, naming line and field', () => {
    const lines = SAXONY_SAMPLE.map(gvLine);
    lines[4] = lines[4]!.slice(0, 145);
    const issues = issuesOf(Buffer.from(lines.join('\r\n')));
    expect(issues).toEqual([expect.objectContaining({ line: 5, field: 'line', code: 'truncated' })]);
    expect(issues[0]!.message.de).toContain('abgeschnitten');
  });

  it('refuses an unknown record type', () => {
    const lines = SAXONY_SAMPLE.map(gvLine);
    lines.splice(3, 0, gvLine({ type: '70', ags: '14625', name: 'Unbekannt' }));
    expect(issuesOf(Buffer.from(lines.join('\r\n')))).toEqual([
      expect.objectContaining({ line: 4, field: 'recordType', code: 'unknown_record_type' }),
    ]);
  });

  it('refuses a non-numeric population with its positions', () => {
    const records = structuredClone(SAXONY_SAMPLE);
    records[6]!.population = '00000001O12';
    const issues = issuesOf(utf8(records));
    expect(issues).toEqual([expect.objectContaining({ line: 7, field: 'population', code: 'not_a_number' })]);
    expect(issues[0]!.message.en).toContain('pos. 140–150');
  });

  it('lists every bad line at once, and checks dates, keys, type codes and postcodes', () => {
    const records = structuredClone(SAXONY_SAMPLE);
    records[0]!.date = '20211131';
    records[2]!.typeCode = '99';
    records[4]!.postcode = '2625x';
    records[9]!.male = 60000;
    const issues = issuesOf(utf8(records));
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [1, 'statusDate', 'invalid_date'],
      [3, 'typeCode', 'invalid_type_code'],
      [5, 'postcode', 'invalid_postcode'],
      [10, 'populationMale', 'inconsistent'],
    ]);
  });

  it('refuses duplicate keys and municipalities whose district is not in the file', () => {
    const dup = [...SAXONY_SAMPLE, SAXONY_SAMPLE[4]!];
    expect(issuesOf(utf8(dup))).toEqual([expect.objectContaining({ line: 11, field: 'ags', code: 'duplicate' })]);
    const orphan = SAXONY_SAMPLE.filter((r) => !(r.type === '40' && r.ags === '14626'));
    expect(issuesOf(utf8(orphan)).map((i) => [i.line, i.code])).toEqual([
      [8, 'unknown_parent'],
      [9, 'unknown_parent'],
    ]);
  });

  it('refuses a file of another kind on its first line', () => {
    const issues = issuesOf(Buffer.from('{"type":"FeatureCollection","features":[]}\n'));
    expect(issues[0]).toMatchObject({ line: 1, field: 'recordType', code: 'unknown_record_type' });
  });
});
