import { describe, expect, it } from 'vitest';
import { readCsvFile } from './csv-read.ts';
import { csvFile, toCsv } from './csv.ts';

describe('CSV writer', () => {
  const rows = [
    ['Kommune', 'Anteil', 'Anzahl', 'Notiz'],
    ['Bad Sülze', 34.3, 30000, 'a; b, "c"'],
    ['=SUMME(A1)', -0.5, null, 'Zeile\nzwei'],
  ];

  it('writes German Excel by default: semicolon, BOM, decimal comma, quoted separators', () => {
    const bytes = csvFile(rows, 'excel-de');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe(
      'Kommune;Anteil;Anzahl;Notiz\r\nBad Sülze;34,3;30000;"a; b, ""c"""\r\n\'=SUMME(A1);-0,5;;"Zeile\nzwei"\r\n',
    );
  });

  it('writes RFC 4180 when asked: comma, no BOM, decimal point', () => {
    const text = csvFile(rows, 'rfc4180').toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe('Kommune,Anteil,Anzahl,Notiz\r\nBad Sülze,34.3,30000,"a; b, ""c"""\r\n\'=SUMME(A1),-0.5,,"Zeile\nzwei"\r\n');
  });

  it.each(['excel-de', 'rfc4180'] as const)('reads back what it writes in %s', (dialect) => {
    const parsed = readCsvFile(csvFile(rows, dialect));
    expect(parsed.delimiter).toBe(dialect === 'excel-de' ? ';' : ',');
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ['Kommune', 'Anteil', 'Anzahl', 'Notiz'],
      ['Bad Sülze', dialect === 'excel-de' ? '34,3' : '34.3', '30000', 'a; b, "c"'],
      ["'=SUMME(A1)", dialect === 'excel-de' ? '-0,5' : '-0.5', '', 'Zeile\nzwei'],
    ]);
  });

  it('keeps text that looks like a number as written', () => {
    expect(toCsv([['01001000', '3.5']], 'excel-de')).toBe('01001000;3.5\r\n');
  });
});
