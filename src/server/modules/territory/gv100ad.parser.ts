/*
 * Parser of Destatis' municipality directory GV100AD (fixed width, one record per line).
 * Pure: bytes in, records or an ImportFileError naming line and field out. Positions are 1-based
 * character positions as in the publisher's record description (see docs/glossary-territory.md).
 */
import { decodeText, type TextEncodingName } from '../../lib/text-decode.ts';
import { ImportFileError, IssueList } from './import-issues.ts';

export const GV100AD_FORMAT = 'GV100AD';

/** Record types of the file. 20 (Regierungsbezirk) and 30 (Region) are checked but not stored. */
export const RECORD_TYPES = {
  '10': 'state',
  '20': 'government-region',
  '30': 'region',
  '40': 'district',
  '50': 'association',
  '60': 'municipality',
} as const;
type RecordType = keyof typeof RECORD_TYPES;

interface FieldSpec {
  /** 1-based start position. */
  from: number;
  len: number;
  de: string;
  en: string;
}

/** The fields this import reads, with their positions. */
export const GV100AD_FIELDS = {
  recordType: { from: 1, len: 2, de: 'Satzart', en: 'record type' },
  statusDate: { from: 3, len: 8, de: 'Gebietsstand', en: 'territorial status date' },
  ags: { from: 11, len: 8, de: 'Amtlicher Gemeindeschlüssel', en: 'AGS' },
  associationCode: { from: 19, len: 4, de: 'Gemeindeverband', en: 'association code' },
  name: { from: 23, len: 50, de: 'Name', en: 'name' },
  seat: { from: 73, len: 50, de: 'Sitz der Verwaltung', en: 'seat of administration' },
  typeCode: { from: 123, len: 2, de: 'Textkennzeichen', en: 'type code' },
  areaHa: { from: 129, len: 11, de: 'Fläche in ha', en: 'area in hectares' },
  population: { from: 140, len: 11, de: 'Bevölkerung insgesamt', en: 'population total' },
  populationMale: { from: 151, len: 11, de: 'Bevölkerung männlich', en: 'population male' },
  postcode: { from: 166, len: 5, de: 'Postleitzahl', en: 'postcode' },
} as const satisfies Record<string, FieldSpec>;
export type Gv100adField = keyof typeof GV100AD_FIELDS;

/** Digits of the AGS per record type (state 2, Regierungsbezirk 3, region 4, district and association 5, municipality 8). */
const AGS_DIGITS: Record<RecordType, number> = { '10': 2, '20': 3, '30': 4, '40': 5, '50': 5, '60': 8 };

/**
 * Shortest line accepted per record type: up to the last field the import needs. Lines are 220
 * characters in the original; tools that strip trailing blanks leave shorter ones, which are fine
 * as long as no needed field is cut.
 */
const MIN_LENGTH: Record<RecordType, number> = { '10': 23, '20': 23, '30': 23, '40': 124, '50': 124, '60': 161 };

const TYPE_CODES: Partial<Record<RecordType, [number, number]>> = { '40': [41, 45], '50': [50, 58], '60': [60, 69] };

export interface StateRecord {
  line: number;
  ags: string;
  name: string;
  seat: string | null;
  statusDate: string;
}

export interface DistrictRecord {
  line: number;
  ags: string;
  stateAgs: string;
  name: string;
  seat: string | null;
  typeCode: string;
  areaHa: number | null;
  population: number | null;
  populationMale: number | null;
  /** True when area and population were blank in the file and are the sums of the district's municipalities. */
  totalsDerived: boolean;
  statusDate: string;
}

export interface AssociationRecord {
  line: number;
  /** Regional key of the association: district AGS (5) + association code (4). */
  ars: string;
  districtAgs: string;
  name: string;
  seat: string | null;
  typeCode: string;
  statusDate: string;
}

export interface MunicipalityRecord {
  line: number;
  ags: string;
  /** Regionalschlüssel: AGS[1–5] + association code + AGS[6–8]. */
  ars: string;
  districtAgs: string;
  associationArs: string;
  name: string;
  typeCode: string;
  areaHa: number;
  population: number;
  populationMale: number;
  postcode: string | null;
  statusDate: string;
}

export interface Gv100adDirectory {
  encoding: TextEncodingName;
  /** The territorial status date of the records (the latest, should they differ), `YYYY-MM-DD`. */
  statusDate: string;
  /** The state the records were limited to, or null for all. */
  state: string | null;
  states: StateRecord[];
  districts: DistrictRecord[];
  associations: AssociationRecord[];
  municipalities: MunicipalityRecord[];
  /** Records of type 20 and 30 (Regierungsbezirk, region): validated, not stored. */
  skippedRegions: number;
  /**
   * Records of type 50 and 60 directly under a state, in no district (district digits 000: coastal
   * waters, the German-Luxembourg condominium): no commune of any district, so not stored.
   */
  skippedWithoutDistrict: number;
  /** Lines with a record, in the whole file. */
  recordCount: number;
}

export interface ParseGv100adOptions {
  /** Two-digit state key to keep (e.g. `14`); null keeps all states. */
  state: string | null;
}

const DIGITS = /^\d+$/;

/** Parses a GV100AD file; throws ImportFileError listing every problem with its line and field. */
export function parseGv100ad(bytes: Uint8Array, options: ParseGv100adOptions): Gv100adDirectory {
  const { text, encoding } = decodeText(bytes);
  const issues = new IssueList();
  const state = options.state;
  const out: Gv100adDirectory = {
    encoding,
    statusDate: '',
    state,
    states: [],
    districts: [],
    associations: [],
    municipalities: [],
    skippedRegions: 0,
    skippedWithoutDistrict: 0,
    recordCount: 0,
  };
  const seen = new Map<string, number>();
  const lines = text.split('\n');

  for (let i = 0; i < lines.length && !issues.full; i++) {
    let raw = lines[i]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    // Blank lines and a DOS end-of-file mark carry no record.
    if (BLANK.test(raw)) continue;
    out.recordCount++;
    const record = parseLine(raw, i + 1, issues);
    if (!record) continue;
    const { rt, ags, code, statusDate } = record;
    const key = rt === '50' ? `${rt}:${ags}${code}` : `${rt}:${ags}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      addIssue(
        issues,
        i + 1,
        'ags',
        'duplicate',
        `Schlüssel ${ags}${rt === '50' ? code : ''} steht schon in Zeile ${dup}.`,
        `key ${ags}${rt === '50' ? code : ''} already appears on line ${dup}.`,
      );
      continue;
    }
    seen.set(key, i + 1);

    if (statusDate > out.statusDate) out.statusDate = statusDate;
    if (state !== null && !ags.startsWith(state)) continue;
    if ((rt === '50' || rt === '60') && ags.slice(2, 5) === '000') {
      out.skippedWithoutDistrict++;
      continue;
    }
    const { line, name, seat, typeCode } = record;
    switch (rt) {
      case '10':
        out.states.push({ line, ags, name, seat, statusDate });
        break;
      case '20':
      case '30':
        out.skippedRegions++;
        break;
      case '40':
        out.districts.push({
          line,
          ags,
          stateAgs: ags.slice(0, 2),
          name,
          seat,
          typeCode,
          areaHa: record.areaHa,
          population: record.population,
          populationMale: record.populationMale,
          totalsDerived: false,
          statusDate,
        });
        break;
      case '50':
        out.associations.push({ line, ars: ags + code, districtAgs: ags, name, seat, typeCode, statusDate });
        break;
      case '60':
        out.municipalities.push({
          line,
          ags,
          ars: ags.slice(0, 5) + code + ags.slice(5),
          districtAgs: ags.slice(0, 5),
          associationArs: ags.slice(0, 5) + code,
          name,
          typeCode,
          areaHa: record.areaHa!,
          population: record.population!,
          populationMale: record.populationMale!,
          postcode: record.postcode,
          statusDate,
        });
        break;
    }
  }
  issues.throwIfAny(GV100AD_FORMAT);

  checkHierarchy(out, issues);
  issues.throwIfAny(GV100AD_FORMAT);
  if (out.municipalities.length === 0) {
    const de = state
      ? `Die Datei enthält keine Gemeinden (Satzart 60) des Landes ${state}.`
      : 'Die Datei enthält keine Gemeinden (Satzart 60).';
    const en = state
      ? `The file holds no municipalities (record type 60) of state ${state}.`
      : 'The file holds no municipalities (record type 60).';
    throw new ImportFileError(GV100AD_FORMAT, [{ line: null, field: 'file', code: 'empty', message: { de, en } }]);
  }
  deriveDistrictTotals(out);
  return out;
}

const BLANK = /^[\s\x1a]*$/;

function addIssue(issues: IssueList, line: number, field: Gv100adField | 'line', code: string, de: string, en: string): void {
  const spec = field === 'line' ? null : GV100AD_FIELDS[field];
  const where = spec
    ? {
        de: `${spec.de} (Pos. ${spec.from}–${spec.from + spec.len - 1}): `,
        en: `${spec.en} (pos. ${spec.from}–${spec.from + spec.len - 1}): `,
      }
    : { de: '', en: '' };
  issues.add({ line, field, code, message: { de: where.de + de, en: where.en + en } });
}

function fieldOf(raw: string, field: Gv100adField): string {
  const { from, len } = GV100AD_FIELDS[field];
  return raw.slice(from - 1, from - 1 + len);
}

/** A number field: digits, or blank (null) where the record type allows it. */
function numberOf(
  raw: string,
  field: 'areaHa' | 'population' | 'populationMale',
  required: boolean,
  line: number,
  issues: IssueList,
): number | null {
  const v = fieldOf(raw, field);
  const t = v.trim();
  if (t === '') {
    if (required) addIssue(issues, line, field, 'required', 'Wert fehlt.', 'value is missing.');
    return null;
  }
  if (!DIGITS.test(t)) {
    addIssue(issues, line, field, 'not_a_number', `„${v}“ ist keine Zahl.`, `"${v}" is not a number.`);
    return null;
  }
  return Number(t);
}

interface ParsedLine {
  line: number;
  rt: RecordType;
  statusDate: string;
  ags: string;
  code: string;
  name: string;
  seat: string | null;
  typeCode: string;
  areaHa: number | null;
  population: number | null;
  populationMale: number | null;
  postcode: string | null;
}

/** Checks and reads one record line; null (with issues added) when anything is wrong. */
function parseLine(raw: string, line: number, issues: IssueList): ParsedLine | null {
  const type = fieldOf(raw, 'recordType');
  if (!(type in RECORD_TYPES)) {
    addIssue(
      issues,
      line,
      'recordType',
      'unknown_record_type',
      `unbekannte Satzart „${type}“ (erlaubt: 10, 20, 30, 40, 50, 60).`,
      `unknown record type "${type}" (allowed: 10, 20, 30, 40, 50, 60).`,
    );
    return null;
  }
  const rt = type as RecordType;
  if (raw.length < MIN_LENGTH[rt]) {
    addIssue(
      issues,
      line,
      'line',
      'truncated',
      `Zeile ist abgeschnitten: ${raw.length} Zeichen, Satzart ${rt} braucht mindestens ${MIN_LENGTH[rt]}.`,
      `line is truncated: ${raw.length} characters, record type ${rt} needs at least ${MIN_LENGTH[rt]}.`,
    );
    return null;
  }
  const before = issues.items.length;

  const dateRaw = fieldOf(raw, 'statusDate');
  const statusDate = isoDate(dateRaw);
  if (!statusDate)
    addIssue(issues, line, 'statusDate', 'invalid_date', `„${dateRaw}“ ist kein Datum JJJJMMTT.`, `"${dateRaw}" is not a date YYYYMMDD.`);

  const agsField = fieldOf(raw, 'ags');
  const digits = AGS_DIGITS[rt];
  const ags = agsField.slice(0, digits);
  if (!DIGITS.test(ags) || agsField.slice(digits).trim() !== '') {
    addIssue(
      issues,
      line,
      'ags',
      'invalid_ags',
      `„${agsField.trimEnd()}“ ist kein ${digits}-stelliger Schlüssel.`,
      `"${agsField.trimEnd()}" is not a ${digits}-digit key.`,
    );
  }
  const name = fieldOf(raw, 'name').trim();
  if (!name) addIssue(issues, line, 'name', 'required', 'Name fehlt.', 'name is missing.');
  const seat = fieldOf(raw, 'seat').trim() || null;

  let typeCode = '';
  const range = TYPE_CODES[rt];
  if (range) {
    typeCode = fieldOf(raw, 'typeCode');
    const n = DIGITS.test(typeCode) ? Number(typeCode) : NaN;
    if (!(n >= range[0] && n <= range[1])) {
      addIssue(
        issues,
        line,
        'typeCode',
        'invalid_type_code',
        `„${typeCode}“ ist kein Textkennzeichen der Satzart ${rt} (${range[0]}–${range[1]}).`,
        `"${typeCode}" is not a type code of record type ${rt} (${range[0]}–${range[1]}).`,
      );
    }
  }

  let code = '';
  if (rt === '50' || rt === '60') {
    code = fieldOf(raw, 'associationCode');
    if (!CODE.test(code))
      addIssue(
        issues,
        line,
        'associationCode',
        'invalid_code',
        `„${code}“ ist kein 4-stelliger Schlüssel.`,
        `"${code}" is not a 4-digit key.`,
      );
  }

  let areaHa: number | null = null;
  let population: number | null = null;
  let populationMale: number | null = null;
  let postcode: string | null = null;
  if (rt === '40' || rt === '60') {
    // Required for municipalities; districts leave them blank in current files.
    areaHa = numberOf(raw, 'areaHa', rt === '60', line, issues);
    population = numberOf(raw, 'population', rt === '60', line, issues);
    populationMale = numberOf(raw, 'populationMale', rt === '60', line, issues);
    if (population !== null && populationMale !== null && populationMale > population) {
      addIssue(
        issues,
        line,
        'populationMale',
        'inconsistent',
        `männliche Bevölkerung ${populationMale} übersteigt die Bevölkerung insgesamt ${population}.`,
        `male population ${populationMale} exceeds the total ${population}.`,
      );
    }
  }
  if (rt === '60') {
    const p = fieldOf(raw, 'postcode');
    if (p.trim() !== '' && !POSTCODE.test(p))
      addIssue(issues, line, 'postcode', 'invalid_postcode', `„${p}“ ist keine Postleitzahl.`, `"${p}" is not a postcode.`);
    postcode = p.trim() || null;
  }
  if (issues.items.length > before || !statusDate) return null;
  return { line, rt, statusDate, ags, code, name, seat, typeCode, areaHa, population, populationMale, postcode };
}

const CODE = /^\d{4}$/;
const POSTCODE = /^\d{5}$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYYMMDD` to `YYYY-MM-DD`, or null for anything that is no calendar date. */
function isoDate(v: string): string | null {
  if (!/^\d{8}$/.test(v)) return null;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && !leap ? 28 : DAYS[m - 1]!)) return null;
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
}

/** Every municipality needs its district and association, every district its state, in the same file. */
function checkHierarchy(d: Gv100adDirectory, issues: IssueList): void {
  const states = new Set(d.states.map((s) => s.ags));
  const districts = new Set(d.districts.map((x) => x.ags));
  const associations = new Set(d.associations.map((a) => a.ars));
  for (const x of d.districts) {
    if (!states.has(x.stateAgs)) {
      issues.add({
        line: x.line,
        field: 'ags',
        code: 'unknown_parent',
        message: {
          de: `Land ${x.stateAgs} (Satzart 10) fehlt in der Datei.`,
          en: `state ${x.stateAgs} (record type 10) is missing from the file.`,
        },
      });
    }
  }
  for (const a of d.associations) {
    if (!districts.has(a.districtAgs)) {
      issues.add({
        line: a.line,
        field: 'ags',
        code: 'unknown_parent',
        message: {
          de: `Kreis ${a.districtAgs} (Satzart 40) fehlt in der Datei.`,
          en: `district ${a.districtAgs} (record type 40) is missing from the file.`,
        },
      });
    }
  }
  for (const m of d.municipalities) {
    if (!districts.has(m.districtAgs)) {
      issues.add({
        line: m.line,
        field: 'ags',
        code: 'unknown_parent',
        message: {
          de: `Kreis ${m.districtAgs} (Satzart 40) fehlt in der Datei.`,
          en: `district ${m.districtAgs} (record type 40) is missing from the file.`,
        },
      });
    } else if (!associations.has(m.associationArs)) {
      issues.add({
        line: m.line,
        field: 'associationCode',
        code: 'unknown_parent',
        message: {
          de: `Gemeindeverband ${m.associationArs} (Satzart 50) fehlt in der Datei.`,
          en: `association ${m.associationArs} (record type 50) is missing from the file.`,
        },
      });
    }
  }
}

/** Destatis leaves area and population of districts blank: they become the sums of their municipalities. */
function deriveDistrictTotals(d: Gv100adDirectory): void {
  const sums = new Map<string, { area: number; pop: number; male: number }>();
  for (const m of d.municipalities) {
    const s = sums.get(m.districtAgs) ?? { area: 0, pop: 0, male: 0 };
    s.area += m.areaHa;
    s.pop += m.population;
    s.male += m.populationMale;
    sums.set(m.districtAgs, s);
  }
  for (const x of d.districts) {
    if (x.areaHa !== null || x.population !== null) continue;
    const s = sums.get(x.ags);
    if (!s) continue;
    x.areaHa = s.area;
    x.population = s.pop;
    x.populationMale = s.male;
    x.totalsDerived = true;
  }
}
