import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './text-decode.ts';

describe('decodeText', () => {
  it('follows a byte order mark (UTF-8, UTF-16 LE and BE) and drops it', () => {
    expect(decodeText(Buffer.from('\uFEFFBautzen / Budyšin', 'utf8'))).toEqual({ text: 'Bautzen / Budyšin', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Lohsa / Łaz', 'utf16le')]))).toEqual({
      text: 'Lohsa / Łaz',
      encoding: 'utf-16le',
    });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('Lohsa / Łaz', 'utf-16be')]))).toEqual({
      text: 'Lohsa / Łaz',
      encoding: 'utf-16be',
    });
  });

  it('reads valid UTF-8 as UTF-8, Sorbian names included', () => {
    const names = 'Lohsa / Łaz;Crostwitz / Chrósćicy;Panschwitz-Kuckau / Pančicy-Kukow';
    expect(decodeText(Buffer.from(names, 'utf8'))).toEqual({ text: names, encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Plain ASCII'))).toEqual({ text: 'Plain ASCII', encoding: 'utf-8' });
  });

  it('reads anything else as Windows-1252, so „ “ € – stay what a German spreadsheet meant', () => {
    const bytes = Buffer.from([
      0x84,
      ...Buffer.from('Gemeinde'),
      0x93,
      0x20,
      0x96,
      0x20,
      0x35,
      0x80,
      0x20,
      0x47,
      0xf6,
      0x72,
      0x6c,
      0x69,
      0x74,
      0x7a,
    ]);
    expect(decodeText(bytes)).toEqual({ text: '„Gemeinde“ – 5€ Görlitz', encoding: 'windows-1252' });
    // What reading the bytes as ISO-8859-1 (latin1) gave: control characters instead of the punctuation.
    expect(bytes.toString('latin1')).toBe('\u0084Gemeinde\u0093 \u0096 5\u0080 Görlitz');
  });
});
