/*
 * Parser of the police directorate assignment: a CSV with one line per district (Kreis) naming the
 * directorate that covers it, e.g. `kreis_ags,kreis_name,polizeidirektion,rechtsgrundlage`.
 * Pure: bytes in, rows with line numbers out, or an ImportFileError.
 */
import { CsvSyntaxError, readCsvFile } from '../../lib/csv-read.ts';
import type { TextEncodingName } from '../../lib/text-decode.ts';
import { ImportFileError, IssueList } from './import-issues.ts';

export const DIRECTORATES_FORMAT = 'Polizeidirektionen-CSV';

/** Accepted header names (lower case) for the two columns the import needs. */
const DISTRICT_COLUMNS = ['kreis_ags', 'district_ags', 'kreis', 'kreisschluessel', 'kreisschlüssel', 'ags'];
const DIRECTORATE_COLUMNS = ['polizeidirektion', 'directorate', 'pd'];

export interface DirectorateAssignment {
  line: number;
  districtAgs: string;
  directorate: string;
}

export interface DirectorateCsv {
  encoding: TextEncodingName;
  rows: DirectorateAssignment[];
}

/** Parses the assignment CSV (`,`, `;` or tab separated; UTF-8, UTF-16 or Windows-1252). */
export function parseDirectoratesCsv(bytes: Uint8Array): DirectorateCsv {
  let encoding: TextEncodingName;
  let records;
  try {
    ({ encoding, records } = readCsvFile(bytes));
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new ImportFileError(DIRECTORATES_FORMAT, [
      {
        line: err.line,
        field: 'line',
        code: 'csv_syntax',
        message: { de: 'Anführungszeichen nicht geschlossen.', en: 'Quoted cell is not closed.' },
      },
    ]);
  }
  const header = records.shift();
  const issues = new IssueList();
  const headerNames = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const districtCol = headerNames.findIndex((h) => DISTRICT_COLUMNS.includes(h));
  const directorateCol = headerNames.findIndex((h) => DIRECTORATE_COLUMNS.includes(h));
  if (districtCol < 0) {
    issues.add({
      line: header?.line ?? 1,
      field: 'header',
      code: 'missing_column',
      message: {
        de: 'Spalte kreis_ags (Kreisschlüssel) fehlt in der Kopfzeile.',
        en: 'Column kreis_ags (district key) is missing from the header.',
      },
    });
  }
  if (directorateCol < 0) {
    issues.add({
      line: header?.line ?? 1,
      field: 'header',
      code: 'missing_column',
      message: { de: 'Spalte polizeidirektion fehlt in der Kopfzeile.', en: 'Column polizeidirektion is missing from the header.' },
    });
  }
  issues.throwIfAny(DIRECTORATES_FORMAT);
  const districtField = headerNames[districtCol]!;
  const directorateField = headerNames[directorateCol]!;

  const rows: DirectorateAssignment[] = [];
  const seen = new Map<string, DirectorateAssignment>();
  for (const r of records) {
    if (issues.full) break;
    const districtAgs = (r.cells[districtCol] ?? '').trim();
    const directorate = (r.cells[directorateCol] ?? '').trim().replace(/\s+/g, ' ');
    let ok = true;
    if (!/^\d{5}$/.test(districtAgs)) {
      issues.add({
        line: r.line,
        field: districtField,
        code: 'invalid_ags',
        message: { de: `„${districtAgs}“ ist kein 5-stelliger Kreisschlüssel.`, en: `"${districtAgs}" is not a 5-digit district key.` },
      });
      ok = false;
    }
    if (!directorate) {
      issues.add({
        line: r.line,
        field: directorateField,
        code: 'required',
        message: { de: 'Name der Polizeidirektion fehlt.', en: 'Directorate name is missing.' },
      });
      ok = false;
    } else if (directorate.length > 200) {
      issues.add({
        line: r.line,
        field: directorateField,
        code: 'too_big',
        message: { de: 'Name länger als 200 Zeichen.', en: 'Name longer than 200 characters.' },
      });
      ok = false;
    }
    if (!ok) continue;
    const prev = seen.get(districtAgs);
    if (prev) {
      issues.add({
        line: r.line,
        field: districtField,
        code: 'duplicate',
        message: {
          de: `Kreis ${districtAgs} steht schon in Zeile ${prev.line}.`,
          en: `District ${districtAgs} already appears on line ${prev.line}.`,
        },
      });
      continue;
    }
    const row = { line: r.line, districtAgs, directorate };
    seen.set(districtAgs, row);
    rows.push(row);
  }
  if (!issues.items.length && rows.length === 0) {
    issues.add({
      line: null,
      field: 'file',
      code: 'empty',
      message: { de: 'Die Datei enthält keine Zuordnungen.', en: 'The file holds no assignments.' },
    });
  }
  issues.throwIfAny(DIRECTORATES_FORMAT);
  return { encoding, rows };
}
