/*
 * Parser of the BKA's PKS table T01 per district (KR-F-01-T01): pure, no database.
 * Columns are found by header name (files of different years add or drop columns); the line of
 * column numbers and any title lines above the header are skipped (a title may state the year).
 * Numbers use `,` as thousands separator and `.` as decimal point; `-` stands for zero, spreadsheet
 * error cells (`#DIV/0!`) and empty cells for "no value". Every problem names its line and column.
 */
import { type CsvRecord, CsvSyntaxError, readCsvFile } from '../../lib/csv-read.ts';
import type { TextEncodingName } from '../../lib/text-decode.ts';
import { ImportFileError, type ImportIssue, IssueList } from '../territory/index.ts';

export const PKS_FORMAT = 'PKS-T01';

/** Field → accepted header names, normalised (lower case, umlauts spelled out, letters and digits only). */
const COLUMNS = {
  key: { required: true, label: 'Schlüssel', names: ['schluessel', 'straftatenschluessel', 'schluesselzahl'] },
  offence: { required: true, label: 'Straftat', names: ['straftat', 'straftatengruppe', 'bezeichnung'] },
  districtKey: { required: true, label: 'Gemeindeschlüssel', names: ['gemeindeschluessel', 'kreisschluessel', 'ags'] },
  districtName: { required: true, label: 'Stadt-/Landkreis', names: ['stadtlandkreis', 'kreis', 'kreisname', 'stadtkreislandkreis'] },
  districtType: { required: false, label: 'Kreisart', names: ['kreisart'] },
  cases: { required: true, label: 'erfasste Fälle', names: ['anzahlerfasstefaelle', 'erfasstefaelle', 'faelle', 'faelleerfasst'] },
  hz: { required: false, label: 'Häufigkeitszahl', names: ['haeufigkeitszahl', 'haeufigkeitszahlhz', 'hz'] },
  attempts: { required: false, label: 'Versuche Anzahl', names: ['erfasstefaelledavonversucheanzahl', 'versucheanzahl', 'versuche'] },
  cleared: {
    required: true,
    label: 'aufgeklärte Fälle',
    names: ['auffklaerunganzahlfaelle', 'aufklaerunganzahlfaelle', 'aufgeklaertefaelle', 'aufklaerunganzahl'],
  },
  clearanceRate: { required: false, label: 'Aufklärungsquote', names: ['aufklaerungsquote', 'aq'] },
  suspects: { required: false, label: 'Tatverdächtige insgesamt', names: ['tatverdaechtigeinsgesamt'] },
  suspectsMale: { required: false, label: 'Tatverdächtige männlich', names: ['tatverdaechtigemaennlich', 'maennlich'] },
  suspectsFemale: { required: false, label: 'Tatverdächtige weiblich', names: ['tatverdaechtigeweiblich', 'weiblich'] },
  suspectsNonGerman: {
    required: false,
    label: 'nichtdeutsche Tatverdächtige',
    names: ['nichtdeutschetatverdaechtigeanzahl', 'nichtdeutschetvanzahl'],
  },
  population: { required: false, label: 'Einwohner', names: ['einwohner', 'einwohnerzahl', 'bevoelkerung'] },
  year: { required: false, label: 'Jahr', names: ['jahr', 'berichtsjahr'] },
} as const;
type Field = keyof typeof COLUMNS;
const FIELDS = Object.keys(COLUMNS) as Field[];

export interface PksRow {
  line: number;
  key: string;
  offence: string;
  districtAgs: string;
  districtName: string;
  districtType: string | null;
  cases: number;
  hz: number | null;
  attempts: number | null;
  cleared: number;
  clearanceRate: number | null;
  suspects: number | null;
  suspectsMale: number | null;
  suspectsFemale: number | null;
  suspectsNonGerman: number | null;
  population: number | null;
}

export interface PksTable {
  encoding: TextEncodingName;
  year: number;
  yearFrom: 'column' | 'title' | 'file-name' | 'option';
  rows: PksRow[];
  columns: { found: string[]; missingOptional: string[]; ignored: string[] };
  warnings: ImportIssue[];
  warningCount: number;
}

/** Header text as compared: lower case, umlauts spelled out, letters and digits only. */
export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const INT = /^\d{1,3}(,\d{3})+$|^\d+$/;
const DEC = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/;

/** A count: thousands separators removed, `-` is zero, empty is null; anything else is undefined (an error). */
export function parseCount(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  if (s === '-' || s === '–') return 0;
  return INT.test(s) ? Number(s.replaceAll(',', '')) : undefined;
}

/** A rate or HZ: as parseCount with a decimal point; spreadsheet error cells (#DIV/0!) are null. */
export function parseDecimal(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === '' || s.startsWith('#')) return null;
  if (s === '-' || s === '–') return 0;
  return DEC.test(s) ? Number(s.replaceAll(',', '')) : undefined;
}

const YEAR_IN_TEXT = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/;

/** Recomputed clearance rate (cleared / cases × 100) rounded as the file rounds it, or null without cases. */
export function recomputeClearanceRate(cases: number, cleared: number, decimals = 1): number | null {
  if (cases <= 0) return null;
  const f = 10 ** decimals;
  // Integer arithmetic first: 23 / 80 × 100 × 10 is 287.4999… in floating point, 23 × 1000 / 80 is 287.5.
  return Math.round((cleared * 100 * f) / cases) / f;
}

/**
 * Parses a T01 file. `year` is the year the caller says the file is for: a year column, a title
 * line or the file name that states another year is an error. Throws ImportFileError listing
 * every problem (up to a cap); returns rows with their lines and warnings otherwise.
 */
export function parsePksT01(bytes: Uint8Array, opts: { year: number; fileName?: string }): PksTable {
  const issues = new IssueList();
  const en = (de: string, enText: string) => ({ de, en: enText });
  let encoding: TextEncodingName;
  let records: CsvRecord[];
  // The BKA writes `;`; a comma-separated export is read as well (the delimiter is detected).
  try {
    ({ encoding, records } = readCsvFile(bytes));
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new ImportFileError(PKS_FORMAT, [
        {
          line: err.line,
          field: 'file',
          code: 'csv_syntax',
          message: en(`CSV-Syntaxfehler: ${err.message}`, `CSV syntax error: ${err.message}`),
        },
      ]);
    throw err;
  }

  // The header is the first record naming the key and the offence; what comes before is numbers or titles.
  const headerIndex = records.slice(0, 20).findIndex((r) => {
    const names = new Set(r.cells.map(normaliseHeader));
    return COLUMNS.key.names.some((n) => names.has(n)) && COLUMNS.offence.names.some((n) => names.has(n));
  });
  if (headerIndex < 0) {
    const required = FIELDS.filter((f) => COLUMNS[f].required).map((f) => COLUMNS[f].label);
    throw new ImportFileError(PKS_FORMAT, [
      {
        line: records[0]?.line ?? 1,
        field: 'header',
        code: 'missing_header',
        message: en(
          `Keine Kopfzeile mit den Spalten ${required.join(', ')} gefunden (in den ersten 20 Zeilen).`,
          `No header line with the columns ${required.join(', ')} found (in the first 20 lines).`,
        ),
      },
    ]);
  }
  const header = records[headerIndex]!;
  let titleYear: { year: number; line: number } | null = null;
  for (const r of records.slice(0, headerIndex)) {
    if (r.cells.every((c) => /^\s*\d*\s*$/.test(c))) continue; // the line of column numbers
    const m = YEAR_IN_TEXT.exec(r.cells.join(' '));
    if (m && !titleYear) titleYear = { year: Number(m[1]), line: r.line };
  }

  const index = {} as Record<Field, number>;
  const used = new Set<number>();
  const normalised = header.cells.map(normaliseHeader);
  for (const f of FIELDS) {
    const i = normalised.findIndex((h, j) => !used.has(j) && (COLUMNS[f].names as readonly string[]).includes(h));
    index[f] = i;
    if (i >= 0) used.add(i);
  }
  for (const f of FIELDS) {
    if (COLUMNS[f].required && index[f] < 0) {
      issues.add({
        line: header.line,
        field: COLUMNS[f].label,
        code: 'missing_column',
        message: en(
          `Die Pflichtspalte „${COLUMNS[f].label}“ fehlt in der Kopfzeile.`,
          `The required column "${COLUMNS[f].label}" is missing from the header.`,
        ),
      });
    }
  }
  issues.throwIfAny(PKS_FORMAT);

  let yearFrom: PksTable['yearFrom'] = 'option';
  if (titleYear) {
    yearFrom = 'title';
    if (titleYear.year !== opts.year) {
      issues.add({
        line: titleYear.line,
        field: 'year',
        code: 'year_mismatch',
        message: en(
          `Die Datei nennt das Jahr ${titleYear.year}, angegeben ist ${opts.year}.`,
          `The file states the year ${titleYear.year}, but ${opts.year} was given.`,
        ),
      });
    }
  }
  const nameYear = opts.fileName ? /PKS[ _-]?((?:19|20)\d{2})/i.exec(opts.fileName) : null;
  if (nameYear && yearFrom === 'option') {
    yearFrom = 'file-name';
    if (Number(nameYear[1]) !== opts.year) {
      issues.add({
        line: null,
        field: 'file',
        code: 'year_mismatch',
        message: en(
          `Der Dateiname nennt das Jahr ${nameYear[1]}, angegeben ist ${opts.year}.`,
          `The file name states the year ${nameYear[1]}, but ${opts.year} was given.`,
        ),
      });
    }
  }
  if (index.year >= 0) yearFrom = 'column';

  const warnings: ImportIssue[] = [];
  let warningCount = 0;
  const warn = (w: ImportIssue) => {
    warningCount++;
    if (warnings.length < 100) warnings.push(w);
  };
  const rows: PksRow[] = [];
  const seen = new Map<string, number>();
  const label = (f: Field) => header.cells[index[f]]!.trim() || COLUMNS[f].label;
  const cell = (r: CsvRecord, f: Field) => (index[f] >= 0 ? (r.cells[index[f]] ?? '') : '');

  // Helpers read the current record; declared once, not per row (16,000 rows × closures shows in the profile).
  let r: CsvRecord = header;
  const bad = (f: Field, code: string, de: string, enText: string) =>
    issues.add({ line: r.line, field: label(f), code, message: en(de, enText) });
  const count = (f: Field, required: boolean): number | null => {
    if (index[f] < 0) return null;
    const raw = cell(r, f);
    const v = parseCount(raw);
    if (v === undefined) {
      bad(f, 'not_a_number', `„${raw.slice(0, 40)}“ ist keine Anzahl.`, `"${raw.slice(0, 40)}" is not a count.`);
      return null;
    }
    if (v === null && required) {
      bad(f, 'required', 'Wert fehlt.', 'Value is missing.');
      return null;
    }
    return v;
  };
  const decimal = (f: Field): number | null => {
    if (index[f] < 0) return null;
    const raw = cell(r, f);
    const v = parseDecimal(raw);
    if (v === undefined) {
      bad(f, 'not_a_number', `„${raw.slice(0, 40)}“ ist keine Zahl.`, `"${raw.slice(0, 40)}" is not a number.`);
      return null;
    }
    return v;
  };
  for (let ri = headerIndex + 1; ri < records.length; ri++) {
    r = records[ri]!;
    if (issues.full) break;
    const key = cell(r, 'key').trim();
    if (!/^(------|[0-9*]{6})$/.test(key))
      bad(
        'key',
        'invalid_key',
        `„${key.slice(0, 40)}“ ist kein Straftatenschlüssel (6 Zeichen).`,
        `"${key.slice(0, 40)}" is not an offence key (6 characters).`,
      );
    const rawDistrict = cell(r, 'districtKey').trim();
    // The BKA writes the district key as a number: Flensburg 01001 appears as 1001.
    if (!/^\d{4,5}$/.test(rawDistrict))
      bad(
        'districtKey',
        'invalid_key',
        `„${rawDistrict.slice(0, 40)}“ ist kein Kreisschlüssel (4–5 Ziffern).`,
        `"${rawDistrict.slice(0, 40)}" is not a district key (4–5 digits).`,
      );
    const districtAgs = rawDistrict.padStart(5, '0');
    const districtName = cell(r, 'districtName').trim();
    if (!districtName) bad('districtName', 'required', 'Kreisname fehlt.', 'District name is missing.');
    const cases = count('cases', true);
    const cleared = count('cleared', true);
    const row: PksRow = {
      line: r.line,
      key,
      offence: cell(r, 'offence').trim(),
      districtAgs,
      districtName,
      districtType: cell(r, 'districtType').trim() || null,
      cases: cases ?? 0,
      hz: decimal('hz'),
      attempts: count('attempts', false),
      cleared: cleared ?? 0,
      clearanceRate: decimal('clearanceRate'),
      suspects: count('suspects', false),
      suspectsMale: count('suspectsMale', false),
      suspectsFemale: count('suspectsFemale', false),
      suspectsNonGerman: count('suspectsNonGerman', false),
      population: count('population', false),
    };
    if (index.year >= 0) {
      const y = cell(r, 'year').trim();
      if (y !== String(opts.year))
        bad(
          'year',
          'year_mismatch',
          `Jahr „${y.slice(0, 20)}“ widerspricht dem angegebenen Jahr ${opts.year}.`,
          `Year "${y.slice(0, 20)}" contradicts the given year ${opts.year}.`,
        );
    }
    const id = `${key}|${districtAgs}`;
    const first = seen.get(id);
    if (first !== undefined)
      bad(
        'key',
        'duplicate',
        `Schlüssel ${key} für Kreis ${districtAgs} steht schon in Zeile ${first}.`,
        `Key ${key} for district ${districtAgs} already appears on line ${first}.`,
      );
    else seen.set(id, r.line);
    if (cases !== null && cleared !== null && cleared > cases)
      warn({
        line: r.line,
        field: label('cleared'),
        code: 'cleared_exceeds_cases',
        message: en('Mehr aufgeklärte als erfasste Fälle.', 'More cleared than recorded cases.'),
      });
    if (row.clearanceRate !== null && cases) {
      const again = recomputeClearanceRate(row.cases, row.cleared);
      if (again !== null && Math.abs(again - row.clearanceRate) > 0.05 + 1e-9) {
        warn({
          line: r.line,
          field: label('clearanceRate'),
          code: 'clearance_rate_mismatch',
          message: en(
            `Aufklärungsquote ${row.clearanceRate} weicht von ${again} (aufgeklärt/erfasst) ab.`,
            `Clearance rate ${row.clearanceRate} differs from ${again} (cleared/recorded).`,
          ),
        });
      }
    }
    rows.push(row);
  }
  if (!rows.length && !issues.items.length)
    issues.add({
      line: header.line,
      field: 'file',
      code: 'empty',
      message: en('Die Datei enthält keine Datenzeilen.', 'The file has no data rows.'),
    });
  issues.throwIfAny(PKS_FORMAT);

  if (index.hz < 0)
    warn({
      line: header.line,
      field: 'Häufigkeitszahl',
      code: 'missing_hz',
      message: en(
        'Keine Häufigkeitszahl in der Datei: sie wird aus der Einwohnerzahl des Verzeichnisses berechnet, wo vorhanden.',
        'No HZ column: it is computed from the directory population where available.',
      ),
    });
  return {
    encoding,
    year: opts.year,
    yearFrom,
    rows,
    warnings,
    warningCount,
    columns: {
      found: FIELDS.filter((f) => index[f] >= 0).map((f) => f),
      missingOptional: FIELDS.filter((f) => !COLUMNS[f].required && index[f] < 0),
      ignored: header.cells
        .filter((_c, i) => !used.has(i))
        .map((c) => c.trim())
        .filter(Boolean),
    },
  };
}

/** Summary keys (Summenschlüssel): all offences, wildcard keys and the 8xxxxx groups. */
export function isSummaryKey(key: string): boolean {
  return key === '------' || key.includes('*') || key.startsWith('8');
}
