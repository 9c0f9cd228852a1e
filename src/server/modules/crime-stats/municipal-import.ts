/*
 * Import of municipality-level figures as the state police deliver them (XLSX or CSV), through a
 * saved column mapping: which column holds the AGS or the name, the offence key, the year, the
 * cases and optionally suspects, cleared cases and population. Names that match no municipality
 * are listed (with suggestions) for manual assignment in the mapping; a commit with unmatched
 * names or any bad cell is refused as a whole. A re-import of a year from the same source (the
 * mapping's source label) replaces that year's figures of that source and the demo's.
 */
import crypto from 'node:crypto';
import { ALL_OFFENCES, type Mapping, type MunicipalColumnsReport, type MunicipalImportReport } from '../../../shared/crime-stats.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../http/problem.ts';
import { CsvSyntaxError, readCsvFile } from '../../lib/csv-read.ts';
import { checkZipLimits, type ImportSource } from '../../lib/import-source.ts';
import type { TextEncodingName } from '../../lib/text-decode.ts';
import { recordAudit } from '../audit/index.ts';
import { ImportFileError, importProblem, issueField, IssueList } from '../territory/index.ts';
import * as repo from './crime-stats.repository.ts';
import { attributionFor } from './crime-stats.service.ts';
import { normaliseHeader } from './pks-t01.parser.ts';
import { nowIso } from '../../../shared/time.ts';

const FORMAT = 'Gemeindezahlen';
/** Most bytes an XLSX may unpack to: its sheets are XML, several times the packed size. */
const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
type Cell = string | number | boolean | Date | null | undefined;
const text = (c: Cell) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).trim();

interface FileTable {
  format: 'xlsx' | 'csv';
  encoding: TextEncodingName | null;
  sheets: string[];
  sheet: string | null;
  delimiter: string | null;
  rows: { line: number; cells: Cell[] }[];
}

/** Reads the rows of an XLSX (by its ZIP signature) or a CSV file; each row keeps its 1-based line. */
async function readTable(data: Buffer, opts: { sheet: string | null; delimiter: string | null }): Promise<FileTable> {
  if (data[0] === 0x50 && data[1] === 0x4b) {
    checkZipLimits(data, { maxBytes: XLSX_MAX_UNPACKED_BYTES });
    let sheets;
    try {
      // Loaded with the first workbook: the reader costs a quarter of a second at server start.
      const { default: readXlsxFile } = await import('read-excel-file/node');
      sheets = await readXlsxFile(data);
    } catch (err) {
      throw new AppError('validation', { de: 'Die XLSX-Datei ist nicht lesbar.', en: 'The XLSX file cannot be read.' }, [
        {
          field: 'file',
          code: 'bad_xlsx',
          message: { de: String((err as Error).message ?? err).slice(0, 200), en: String((err as Error).message ?? err).slice(0, 200) },
        },
      ]);
    }
    const sheet = opts.sheet ? sheets.find((s) => s.sheet === opts.sheet) : sheets[0];
    if (!sheet)
      throw new AppError('validation', { de: `Kein Tabellenblatt „${opts.sheet}“.`, en: `No sheet "${opts.sheet}".` }, [
        {
          field: 'sheet',
          code: 'not_found',
          message: { de: `Blätter: ${sheets.map((s) => s.sheet).join(', ')}`, en: `Sheets: ${sheets.map((s) => s.sheet).join(', ')}` },
        },
      ]);
    return {
      format: 'xlsx',
      encoding: null,
      sheets: sheets.map((s) => s.sheet),
      sheet: sheet.sheet,
      delimiter: null,
      rows: sheet.data.map((cells, i) => ({ line: i + 1, cells: cells as Cell[] })),
    };
  }
  try {
    const { encoding, delimiter, records } = readCsvFile(data, { delimiter: opts.delimiter });
    return { format: 'csv', encoding, sheets: [], sheet: null, delimiter, rows: records };
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw importProblem(
        new ImportFileError(FORMAT, [{ line: err.line, field: 'file', code: 'csv_syntax', message: { de: err.message, en: err.message } }]),
      );
    throw err;
  }
}

const SAMPLE_ROWS = 5;
const MAX_COLUMNS = 100;
const isNumeric = (s: string) => /^[\d.,\s-]+$/.test(s);

/** The header among the first 20 rows: the one with the most text (non-numeric) cells, at least two. */
function findHeader(rows: FileTable['rows']): number {
  let best = -1;
  let bestScore = 1;
  rows.slice(0, 20).forEach((r, i) => {
    const score = r.cells.map(text).filter((c) => c && !isNumeric(c)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

type ColumnField = keyof MunicipalColumnsReport['suggested'];
/** Words of the header names the state police use, per field of the mapping (normalised: lower case, umlauts spelt out). */
const COLUMN_HINTS: [ColumnField, (h: string) => boolean][] = [
  [
    'ags',
    (h) =>
      h === 'ags' ||
      h.includes('gemeindeschluessel') ||
      h.includes('gemeindekennziffer') ||
      h === 'gkz' ||
      h.includes('regionalschluessel'),
  ],
  ['year', (h) => h === 'jahr' || h.includes('berichtsjahr') || h === 'year'],
  ['offenceKey', (h) => h.includes('schluessel') || h === 'key' || h === 'skz'],
  ['cleared', (h) => (h.includes('aufgeklaert') || h.includes('aufklaerung')) && !h.includes('quote') && h !== 'aq'],
  ['cases', (h) => h.includes('erfasst') || (h.includes('faelle') && !h.includes('aufgekl') && !h.includes('versuch'))],
  ['suspects', (h) => h.includes('tatverdaechtig') && !/anteil|nichtdeutsch|maennlich|weiblich/.test(h)],
  ['population', (h) => h.includes('einwohner') || h.includes('bevoelkerung')],
  ['municipalityName', (h) => h.includes('gemeinde') || h.includes('kommune') || h === 'name' || h.includes('stadt') || h === 'ort'],
];

/** Suggests a column for each field of the mapping by its header name; each column at most once. */
export function suggestColumns(columns: string[]): MunicipalColumnsReport['suggested'] {
  const out: MunicipalColumnsReport['suggested'] = {
    ags: null,
    municipalityName: null,
    offenceKey: null,
    year: null,
    cases: null,
    suspects: null,
    cleared: null,
    population: null,
  };
  const used = new Set<string>();
  for (const [field, fits] of COLUMN_HINTS) {
    const hit = columns.find((c) => !used.has(c) && fits(normaliseHeader(c)));
    if (hit) {
      out[field] = hit;
      used.add(hit);
    }
  }
  return out;
}

/** Reads a municipality file to map its columns: the sheets, the header line, its column names, the first rows and suggestions. Stores nothing. */
export async function inspectMunicipalFile(
  source: ImportSource,
  opts: { sheet?: string; delimiter?: string },
): Promise<MunicipalColumnsReport> {
  const table = await readTable(source.data, { sheet: opts.sheet ?? null, delimiter: opts.delimiter ?? null });
  const h = findHeader(table.rows);
  const seen = new Set<string>();
  const columns: string[] = [];
  const index: number[] = [];
  if (h >= 0) {
    table.rows[h]!.cells.forEach((c, i) => {
      const name = text(c).replace(/\s+/g, ' ').slice(0, 200);
      if (!name || seen.has(normaliseHeader(name)) || columns.length >= MAX_COLUMNS) return;
      seen.add(normaliseHeader(name));
      columns.push(name);
      index.push(i);
    });
  }
  const data = (h >= 0 ? table.rows.slice(h + 1) : table.rows).filter((r) => r.cells.some((c) => text(c) !== ''));
  return {
    source: source.name,
    format: table.format,
    encoding: table.encoding,
    sheets: table.sheets,
    sheet: table.sheet,
    delimiter: table.delimiter,
    headerLine: h >= 0 ? table.rows[h]!.line : null,
    columns,
    sample: data
      .slice(0, SAMPLE_ROWS)
      .map((r) => (h >= 0 ? index.map((i) => text(r.cells[i])) : r.cells.slice(0, MAX_COLUMNS).map(text)).map((c) => c.slice(0, 100))),
    dataRows: data.length,
    suggested: suggestColumns(columns),
  };
}

/** A count from a spreadsheet cell: numbers as they are; text with `.`/`,` thousands separators; `-` is zero. */
function count(c: Cell): number | null | undefined {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 0 ? c : undefined;
  const s = text(c);
  if (!s) return null;
  if (s === '-' || s === '–') return 0;
  if (/^\d+$/.test(s) || /^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return undefined;
}

export function mappingFromRow(row: { id: number; name: string; mapping_json: string; version: number; updated_at: string }): Mapping {
  const m = JSON.parse(row.mapping_json) as Omit<Mapping, 'id' | 'name' | 'version' | 'updatedAt'>;
  return {
    id: row.id,
    name: row.name,
    sourceLabel: m.sourceLabel,
    sheet: m.sheet ?? null,
    delimiter: m.delimiter ?? null,
    fixedOffenceKey: m.fixedOffenceKey ?? null,
    columns: m.columns,
    assignments: m.assignments ?? {},
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function getMapping(db: DbOrTrx, id: number): Promise<Mapping> {
  const row = await repo.findMapping(db, id);
  if (!row) throw notFound({ de: `Keine Spaltenzuordnung ${id}.`, en: `No column mapping ${id}.` });
  return mappingFromRow(row);
}

const nameKey = (s: string) =>
  normaliseHeader(
    s
      .replace(/\s*\(.*\)\s*/g, ' ')
      .replace(/,?\s*(stadt|gemeinde)$/i, '')
      .replace(/^(stadt|gemeinde)\s+/i, ''),
  );

/** Imports municipality figures with a saved mapping; dryRun reports rows, unmatched names and warnings only. */
export async function importMunicipalFigures(
  db: DbOrTrx,
  actor: Actor,
  source: ImportSource,
  opts: { mappingId: number; year?: number; dryRun: boolean },
): Promise<MunicipalImportReport> {
  const mapping = await getMapping(db, opts.mappingId);
  const { format, rows } = await readTable(source.data, { sheet: mapping.sheet, delimiter: mapping.delimiter });
  const cols = mapping.columns;
  const issues = new IssueList();
  const wanted = Object.entries(cols).filter(([, v]) => v) as [keyof typeof cols, string][];
  const headerIdx = rows.slice(0, 20).findIndex((r) => {
    const names = r.cells.map((c) => normaliseHeader(text(c)));
    return wanted.every(([, v]) => names.includes(normaliseHeader(v)));
  });
  if (headerIdx < 0) {
    throw importProblem(
      new ImportFileError(FORMAT, [
        {
          line: rows[0]?.line ?? 1,
          field: 'header',
          code: 'missing_header',
          message: {
            de: `Keine Kopfzeile mit den Spalten ${wanted.map(([, v]) => `„${v}“`).join(', ')} gefunden.`,
            en: `No header line with the columns ${wanted.map(([, v]) => `"${v}"`).join(', ')} found.`,
          },
        },
      ]),
    );
  }
  const header = rows[headerIdx]!.cells.map((c) => normaliseHeader(text(c)));
  const at = (k: keyof typeof cols) => (cols[k] ? header.indexOf(normaliseHeader(cols[k]!)) : -1);
  const idx = {
    ags: at('ags'),
    name: at('municipalityName'),
    key: at('offenceKey'),
    year: at('year'),
    cases: at('cases'),
    suspects: at('suspects'),
    cleared: at('cleared'),
    population: at('population'),
  };
  if (idx.year < 0 && !opts.year)
    throw new AppError(
      'validation',
      { de: 'Die Zuordnung hat keine Jahresspalte: geben Sie das Jahr an.', en: 'The mapping has no year column: give the year.' },
      [{ field: 'year', code: 'required', message: { de: 'Jahr fehlt.', en: 'Year missing.' } }],
    );

  const municipalities = await repo.listActiveMunicipalities(db);
  const byAgs = new Map(municipalities.map((m) => [m.ags, m]));
  const byName = new Map<string, typeof municipalities>();
  for (const m of municipalities) byName.set(nameKey(m.name), [...(byName.get(nameKey(m.name)) ?? []), m]);
  const assignments = new Map(Object.entries(mapping.assignments).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const unmatched = new Map<string, { line: number; name: string; suggestions: { ags: string; name: string }[] }>();
  const out: {
    year: number;
    offence_key: string;
    ags: string;
    cases: number;
    cleared: number | null;
    suspects: number | null;
    population: number | null;
    line: number;
  }[] = [];
  const seen = new Map<string, number>();
  const label = (i: number) => text(rows[headerIdx]!.cells[i]) || String(i + 1);

  for (const r of rows.slice(headerIdx + 1)) {
    if (issues.full) break;
    if (r.cells.every((c) => text(c) === '')) continue;
    const bad = (i: number, code: string, de: string, en: string) =>
      issues.add({ line: r.line, field: label(i), code, message: { de, en } });
    let ags: string | null = null;
    if (idx.ags >= 0 && text(r.cells[idx.ags])) {
      const a = text(r.cells[idx.ags]).replace(/\s/g, '').padStart(8, '0');
      if (!/^\d{8}$/.test(a)) bad(idx.ags, 'invalid_ags', `„${a.slice(0, 20)}“ ist kein AGS.`, `"${a.slice(0, 20)}" is not an AGS.`);
      else if (!byAgs.has(a))
        bad(
          idx.ags,
          'unknown_ags',
          `AGS ${a} ist keine aktive Gemeinde des Verzeichnisses.`,
          `AGS ${a} is no active municipality of the directory.`,
        );
      else ags = a;
    } else if (idx.name >= 0) {
      const name = text(r.cells[idx.name]);
      const assigned = assignments.get(name.toLowerCase());
      const hits = byName.get(nameKey(name)) ?? [];
      if (assigned && byAgs.has(assigned)) ags = assigned;
      else if (hits.length === 1) ags = hits[0]!.ags;
      else if (name) {
        const stem = nameKey(name).slice(0, 4);
        if (!unmatched.has(name))
          unmatched.set(name, {
            line: r.line,
            name,
            suggestions: municipalities
              .filter((m) => nameKey(m.name).startsWith(stem))
              .slice(0, 5)
              .map((m) => ({ ags: m.ags, name: m.name })),
          });
        continue;
      } else bad(idx.name, 'required', 'Gemeindename fehlt.', 'Municipality name missing.');
    } else bad(Math.max(idx.ags, 0), 'required', 'AGS fehlt.', 'AGS missing.');
    const key = idx.key >= 0 ? text(r.cells[idx.key]) : (mapping.fixedOffenceKey ?? ALL_OFFENCES);
    if (!/^(------|[0-9*]{6})$/.test(key))
      bad(idx.key, 'invalid_key', `„${key.slice(0, 20)}“ ist kein Straftatenschlüssel.`, `"${key.slice(0, 20)}" is not an offence key.`);
    let year = opts.year ?? 0;
    if (idx.year >= 0) {
      const y = Number(text(r.cells[idx.year]));
      if (!Number.isInteger(y) || y < 1990 || y > 2100)
        bad(
          idx.year,
          'invalid_year',
          `„${text(r.cells[idx.year]).slice(0, 20)}“ ist kein Jahr.`,
          `"${text(r.cells[idx.year]).slice(0, 20)}" is not a year.`,
        );
      else if (opts.year && y !== opts.year)
        bad(
          idx.year,
          'year_mismatch',
          `Jahr ${y} widerspricht dem angegebenen Jahr ${opts.year}.`,
          `Year ${y} contradicts the given year ${opts.year}.`,
        );
      else year = y;
    }
    const num = (i: number, required: boolean) => {
      if (i < 0) return null;
      const v = count(r.cells[i] as Cell);
      if (v === undefined) {
        bad(
          i,
          'not_a_number',
          `„${text(r.cells[i] as Cell).slice(0, 40)}“ ist keine Anzahl.`,
          `"${text(r.cells[i] as Cell).slice(0, 40)}" is not a count.`,
        );
        return null;
      }
      if (v === null && required) {
        bad(i, 'required', 'Wert fehlt.', 'Value missing.');
        return null;
      }
      return v;
    };
    const cases = num(idx.cases, true);
    const row = {
      year,
      offence_key: key,
      ags: ags ?? '',
      cases: cases ?? 0,
      cleared: num(idx.cleared, false),
      suspects: num(idx.suspects, false),
      population: num(idx.population, false),
      line: r.line,
    };
    if (!ags) continue;
    const id = `${year}|${key}|${ags}`;
    if (seen.has(id))
      bad(
        idx.key >= 0 ? idx.key : idx.cases,
        'duplicate',
        `Gemeinde ${ags}, Schlüssel ${key}, ${year} steht schon in Zeile ${seen.get(id)}.`,
        `Municipality ${ags}, key ${key}, ${year} already on line ${seen.get(id)}.`,
      );
    else seen.set(id, r.line);
    out.push(row);
  }
  if (!opts.dryRun && unmatched.size) {
    for (const u of unmatched.values())
      issues.add({
        line: u.line,
        field: label(idx.name),
        code: 'unmatched_name',
        message: {
          de: `„${u.name}“ passt zu keiner Gemeinde: in der Zuordnung festlegen.`,
          en: `"${u.name}" matches no municipality: assign it in the mapping.`,
        },
      });
  }
  if (issues.items.length) throw importProblem(new ImportFileError(FORMAT, issues.items));

  const years = [...new Set(out.map((o) => o.year))].sort();
  const sha256 = crypto.createHash('sha256').update(source.data).digest('hex');
  const report: MunicipalImportReport = {
    kind: 'municipal',
    dryRun: opts.dryRun,
    source: source.name,
    sha256,
    format,
    mappingId: mapping.id,
    sourceLabel: mapping.sourceLabel,
    years,
    rows: out.length,
    municipalities: new Set(out.map((o) => o.ags)).size,
    unmatched: [...unmatched.values()],
    replaced: 0,
    warnings: [],
    attribution: attributionFor(years, [`Gemeindezahlen: ${mapping.sourceLabel}`]),
  };
  for (const o of out) {
    if (o.cleared !== null && o.cleared > o.cases)
      report.warnings.push({
        line: o.line,
        field: issueField({ line: o.line, field: cols.cleared ?? 'cleared', code: '', message: { de: '', en: '' } }),
        code: 'cleared_exceeds_cases',
        message: 'Mehr aufgeklärte als erfasste Fälle.',
      });
  }
  if (opts.dryRun) return report;
  report.replaced = await repo.deleteMunicipalityYears(db, years, mapping.sourceLabel);
  const taken = new Set((await repo.listMunicipalityKeys(db, years)).map((k) => `${k.year}|${k.offence_key}|${k.ags}`));
  const clash = out.filter((o) => taken.has(`${o.year}|${o.offence_key}|${o.ags}`));
  if (clash.length) {
    throw new AppError(
      'conflict',
      {
        de: 'Für diese Jahre gibt es schon Gemeindezahlen aus einer anderen Quelle.',
        en: 'Municipality figures from another source exist for these years.',
      },
      clash.slice(0, 100).map((o) => ({
        field: `line ${o.line}`,
        code: 'other_source',
        message: { de: `${o.ags} ${o.offence_key} ${o.year}: andere Quelle`, en: `${o.ags} ${o.offence_key} ${o.year}: other source` },
      })),
    );
  }
  const now = nowIso();
  for (const y of years) {
    const list = out.filter((o) => o.year === y);
    const importId = await repo.insertImport(db, {
      level: 'municipality',
      year: y,
      source: source.name,
      source_label: mapping.sourceLabel,
      sha256,
      rows: list.length,
      demo: 0,
      imported_at: now,
      imported_by: actor.label,
    });
    await repo.insertMunicipalityFigures(
      db,
      list.map(({ line: _l, ...o }) => ({ ...o, import_id: importId })),
    );
  }
  await recordAudit(db, actor, {
    action: 'crime-stats.import.municipal',
    entityType: 'crime-stats',
    entityId: `municipality:${years.join(',')}`,
    after: { source: source.name, sha256, mapping: mapping.name, rows: out.length, replaced: report.replaced },
  });
  return report;
}

/** Creates or updates a saved mapping (optimistic version check on update), audited. */
export async function saveMapping(
  db: DbOrTrx,
  actor: Actor,
  input: Omit<Mapping, 'id' | 'version' | 'updatedAt'>,
  existing?: { id: number; version: number },
): Promise<Mapping> {
  const { name, ...rest } = input;
  const json = JSON.stringify(rest);
  const now = nowIso();
  const clash = await repo.findMappingByName(db, name);
  if (clash && clash.id !== existing?.id)
    throw new AppError('duplicate', { de: 'Eine Zuordnung dieses Namens gibt es schon.', en: 'A mapping of this name exists.' }, [
      { field: 'name', code: 'duplicate', message: { de: 'Schon vergeben.', en: 'Already taken.' } },
    ]);
  let id: number;
  if (existing) {
    const before = await getMapping(db, existing.id);
    if (!(await repo.updateMapping(db, existing.id, existing.version, name, json, now))) throw conflict(before);
    id = existing.id;
    await recordAudit(db, actor, { action: 'crime-stats.mapping.update', entityType: 'crime-mapping', entityId: id, before, after: input });
  } else {
    id = await repo.insertMapping(db, name, json, now);
    await recordAudit(db, actor, { action: 'crime-stats.mapping.create', entityType: 'crime-mapping', entityId: id, after: input });
  }
  return getMapping(db, id);
}
