/*
 * Hand-made GV100AD records for tests: a few lines laid out like the publisher's file
 * (220 characters, 1-based positions per docs/glossary-territory.md).
 */

export interface RecordSpec {
  type: '10' | '20' | '30' | '40' | '50' | '60' | string;
  date?: string;
  ags: string;
  code?: string;
  name: string;
  seat?: string;
  typeCode?: string;
  area?: number | string;
  population?: number | string;
  male?: number | string;
  postcode?: string;
}

const num = (v: number | string | undefined) =>
  v === undefined ? ''.padEnd(11) : typeof v === 'number' ? String(v).padStart(11, '0') : v.padEnd(11).slice(0, 11);

/** One record line (without line end). */
export function gvLine(r: RecordSpec): string {
  const line = [
    r.type.padEnd(2).slice(0, 2),
    (r.date ?? '20211130').padEnd(8).slice(0, 8),
    r.ags.padEnd(8).slice(0, 8),
    (r.code ?? '').padEnd(4).slice(0, 4),
    r.name.padEnd(50).slice(0, 50),
    (r.seat ?? '').padEnd(50).slice(0, 50),
    (r.typeCode ?? '').padEnd(2).slice(0, 2),
    '    ',
    r.type === '60' || r.area !== undefined ? num(r.area) : ''.padEnd(11),
    r.type === '60' || r.population !== undefined ? num(r.population) : ''.padEnd(11),
    r.type === '60' || r.male !== undefined ? num(r.male) : ''.padEnd(11),
    '    ',
    (r.postcode ?? '').padEnd(5).slice(0, 5),
    r.postcode ? '*****' : '     ',
  ].join('');
  return line.padEnd(220);
}

/** A small Saxon directory: the state, one former Direktionsbezirk, two districts, three municipalities. */
export const SAXONY_SAMPLE: RecordSpec[] = [
  { type: '10', ags: '14', name: 'Sachsen', seat: 'Dresden' },
  { type: '20', ags: '146', name: 'früher: Direktionsbezirk Dresden', seat: 'Dresden' },
  { type: '40', ags: '14625', name: 'Bautzen', seat: 'Bautzen', typeCode: '44' },
  { type: '50', ags: '14625', code: '0020', name: 'Bautzen / Budyšin, Stadt', typeCode: '50' },
  {
    type: '60',
    ags: '14625020',
    code: '0020',
    name: 'Bautzen / Budyšin, Stadt',
    typeCode: '63',
    area: 6667,
    population: 38006,
    male: 18383,
    postcode: '02625',
  },
  { type: '50', ags: '14625', code: '5201', name: 'Verwaltungsverband Am Klosterwasser', seat: 'Panschwitz-Kuckau', typeCode: '56' },
  {
    type: '60',
    ags: '14625240',
    code: '5201',
    name: 'Crostwitz / Chrósćicy',
    typeCode: '64',
    area: 1226,
    population: 1012,
    male: 521,
    postcode: '01920',
  },
  { type: '40', ags: '14626', name: 'Görlitz', seat: 'Görlitz', typeCode: '44' },
  { type: '50', ags: '14626', code: '0110', name: 'Görlitz, Stadt', typeCode: '50' },
  {
    type: '60',
    ags: '14626110',
    code: '0110',
    name: 'Görlitz, Stadt',
    typeCode: '67',
    area: 6752,
    population: 55784,
    male: 27184,
    postcode: '02826',
  },
];

/** The records as file text with CRLF line ends, like the original. */
export function gvText(records: RecordSpec[]): string {
  return records.map(gvLine).join('\r\n') + '\r\n';
}
