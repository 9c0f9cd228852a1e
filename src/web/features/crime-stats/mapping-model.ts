import type { Mapping, MappingInput, MunicipalColumnsReport } from '../../../shared/crime-stats.schema.ts';
import type { CrimeStatsT } from './i18n.ts';

/*
 * The column mapping form of the municipality import as plain values: built from a saved mapping
 * or from the columns the server suggests for a file, checked before it is sent, and turned into
 * the request body. An empty string stands for "no column".
 */

/** The fields of the mapping, in the order of the form. */
export const COLUMN_FIELDS = ['ags', 'municipalityName', 'offenceKey', 'year', 'cases', 'cleared', 'suspects', 'population'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

export interface MappingValues {
  name: string;
  sourceLabel: string;
  /** XLSX: the sheet; empty for the first. */
  sheet: string;
  fixedOffenceKey: string;
  columns: Record<ColumnField, string>;
  /** Names of the file that match no municipality → AGS, kept with the mapping. */
  assignments: Record<string, string>;
}

const noColumns = (): Record<ColumnField, string> => ({
  ags: '',
  municipalityName: '',
  offenceKey: '',
  year: '',
  cases: '',
  cleared: '',
  suspects: '',
  population: '',
});

/** The form of a saved mapping. */
export function valuesOfMapping(m: Mapping): MappingValues {
  const columns = noColumns();
  for (const f of COLUMN_FIELDS) columns[f] = m.columns[f] ?? '';
  return {
    name: m.name,
    sourceLabel: m.sourceLabel,
    sheet: m.sheet ?? '',
    fixedOffenceKey: m.fixedOffenceKey ?? '',
    columns,
    assignments: { ...m.assignments },
  };
}

/** A new mapping with the columns the server suggests for the file. */
export function valuesOfSuggestion(report: MunicipalColumnsReport | null): MappingValues {
  const columns = noColumns();
  if (report) for (const f of COLUMN_FIELDS) columns[f] = report.suggested[f] ?? '';
  return {
    name: '',
    sourceLabel: '',
    sheet: report?.format === 'xlsx' && report.sheet && report.sheets.length > 1 ? report.sheet : '',
    fixedOffenceKey: '',
    columns,
    assignments: {},
  };
}

/** The request body of the mapping. */
export function inputOf(v: MappingValues): MappingInput {
  const col = (f: ColumnField) => v.columns[f].trim() || null;
  return {
    name: v.name.trim(),
    sourceLabel: v.sourceLabel.trim(),
    sheet: v.sheet.trim() || null,
    delimiter: null,
    fixedOffenceKey: v.fixedOffenceKey.trim() || null,
    columns: {
      ags: col('ags'),
      municipalityName: col('municipalityName'),
      offenceKey: col('offenceKey'),
      year: col('year'),
      cases: v.columns.cases.trim(),
      suspects: col('suspects'),
      cleared: col('cleared'),
      population: col('population'),
    },
    assignments: v.assignments,
  };
}

/** Whether the form differs from the saved mapping it is based on. */
export function differs(v: MappingValues, base: Mapping | null): boolean {
  if (!base) return true;
  return JSON.stringify(inputOf(v)) !== JSON.stringify(inputOf(valuesOfMapping(base)));
}

const KEY = /^(------|[0-9*]{6})$/;

/** The errors of the form by field (`name`, `columns.cases`, …); empty when it can be saved. */
export function checkMapping(v: MappingValues, t: CrimeStatsT): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = t('municipalImport.required');
  if (!v.sourceLabel.trim()) e.sourceLabel = t('municipalImport.required');
  if (!v.columns.cases.trim()) e['columns.cases'] = t('municipalImport.required');
  if (!v.columns.ags.trim() && !v.columns.municipalityName.trim()) e['columns.ags'] = t('municipalImport.agsOrName');
  const key = v.fixedOffenceKey.trim();
  if (key && !KEY.test(key)) e.fixedOffenceKey = t('municipalImport.keyInvalid');
  else if (!v.columns.offenceKey.trim() && !key) e['columns.offenceKey'] = t('municipalImport.keyOrFixed');
  const chosen = COLUMN_FIELDS.map((f) => v.columns[f].trim()).filter(Boolean);
  const twice = chosen.find((c, i) => chosen.indexOf(c) !== i);
  if (twice) {
    const field = COLUMN_FIELDS.filter((f) => v.columns[f].trim() === twice)[1]!;
    e[`columns.${field}`] ??= t('municipalImport.columnTwice', { column: twice });
  }
  return e;
}

/** The year of the import: needed when the mapping has no year column; must fit 1990–2100 when given. */
export function checkYear(year: string, v: MappingValues, t: CrimeStatsT): string | null {
  const y = year.trim();
  if (!y) return v.columns.year.trim() ? null : t('municipalImport.yearRequired');
  const n = Number(y);
  return /^\d{4}$/.test(y) && n >= 1990 && n <= 2100 ? null : t('municipalImport.yearInvalid');
}
