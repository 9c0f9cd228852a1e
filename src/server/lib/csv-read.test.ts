import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CsvSyntaxError, detectDelimiter, readCsv, readCsvFile } from './csv-read.ts';

describe('readCsv', () => {
  it('handles quotes, doubled quotes, line breaks in quotes and keeps the starting line', () => {
    const text = 'a,b\r\n"Chemnitz, Stadt","say ""hi"""\r\n\r\n"two\nlines",x\n';
    expect(readCsv(text)).toEqual({
      delimiter: ',',
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['Chemnitz, Stadt', 'say "hi"'] },
        { line: 4, cells: ['two\nlines', 'x'] },
      ],
    });
  });

  it('ends a line at CRLF, LF and a bare CR alike, and skips blank lines', () => {
    expect(readCsv('a;b\rc;d\r\n   \ne;"f\r\ng"\nh;i').records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 4, cells: ['e', 'f\ng'] },
      { line: 6, cells: ['h', 'i'] },
    ]);
  });

  it('keeps a quote inside an unquoted cell and allows records of different length', () => {
    expect(readCsv('a;b;c\nZoll 5";x\n').records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['Zoll 5"', 'x'] },
    ]);
  });

  it('names the line where an unclosed quoted cell starts', () => {
    let error: unknown;
    try {
      readCsv('a;b\nc;d\n\n\ne;"f\ng;h\n');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ line: 5, message: 'unterminated quoted cell' });
  });

  it('reads a file without quotes exactly as the parser would', () => {
    const text = '1;2;3\r\nSchlüssel;Straftat;Fälle\r\n\r\n  \r\n------;Straftaten insgesamt;9,677\r\n;;\r\nx\r\n';
    const withQuote = `${text}"q";1\r\n`;
    expect(readCsv(text).records).toEqual(readCsv(withQuote).records.slice(0, -1));
    expect(readCsv(text).records.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
  });

  it('uses a given delimiter', () => {
    expect(readCsv('a;b,c\n', { delimiter: ',' })).toEqual({ delimiter: ',', records: [{ line: 1, cells: ['a;b', 'c'] }] });
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent of ; tab , outside quotes in the first lines', () => {
    expect(detectDelimiter('kreis_ags,kreis_name,polizeidirektion\n')).toBe(',');
    expect(detectDelimiter('ags;name\n"Chemnitz, Stadt, Kreisfreie Stadt";1\n')).toBe(';');
    expect(detectDelimiter('ags\tname\tfälle\n')).toBe('\t');
    // A title line above the header does not decide.
    expect(detectDelimiter('Polizeiliche Kriminalstatistik 2022, Tabelle 01\n1;2;3;4\nSchlüssel;Straftat;Fälle;AQ\n')).toBe(';');
    expect(detectDelimiter('ags;name,kurz\n')).toBe(';');
    expect(detectDelimiter('nur eine Spalte\n')).toBe(',');
  });
});

describe('readCsvFile', () => {
  it('decodes and reads a Windows-1252 file', () => {
    const bytes = iconv.encode('Gemeinde;Hinweis\r\n„Gemeinde“;5 € – gesamt\r\n', 'windows-1252');
    expect(readCsvFile(bytes)).toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
      records: [
        { line: 1, cells: ['Gemeinde', 'Hinweis'] },
        { line: 2, cells: ['„Gemeinde“', '5 € – gesamt'] },
      ],
    });
  });
});

describe('readCsv without quotes', () => {
  // The parser reads the records before a quoted one as it would without it: appending one forces
  // the parser on the same text, and its records before the last are what the parser makes of it.
  const byParser = (text: string, delimiter: string) => readCsv(`${text}\n"q"`, { delimiter }).records.slice(0, -1);
  const quoteFree = fc.string({ unit: fc.constantFrom('a', 'ä', '1', ' ', '\u00a0', '\t', ';', ',', '\n', '\r'), maxLength: 80 });

  it('gives the same records as the parser for any quote-free text and delimiter', () => {
    fc.assert(
      fc.property(quoteFree, fc.constantFrom(';', '\t', ','), (text, delimiter) => {
        expect(readCsv(text, { delimiter }).records).toEqual(byParser(text, delimiter));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a line of tabs in a tab-separated file as a record of empty cells, as the parser does', () => {
    expect(readCsv('a\tb\n\t\nc\td\n', { delimiter: '\t' }).records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['', ''] },
      { line: 3, cells: ['c', 'd'] },
    ]);
  });
});
