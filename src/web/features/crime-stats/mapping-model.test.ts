import { describe, expect, it } from 'vitest';
import { type Mapping, mappingInputSchema, type MunicipalColumnsReport } from '../../../shared/crime-stats.schema.ts';
import type { CrimeStatsT } from './i18n.ts';
import { checkMapping, checkYear, differs, inputOf, valuesOfMapping, valuesOfSuggestion } from './mapping-model.ts';

// The messages' keys stand for the texts (the catalogues are checked by the type of `t`).
const t = ((key: string) => key) as CrimeStatsT;

const report: MunicipalColumnsReport = {
  source: 'lka.xlsx',
  format: 'xlsx',
  encoding: null,
  sheets: ['Hinweise', 'Gemeinden'],
  sheet: 'Gemeinden',
  delimiter: null,
  headerLine: 3,
  columns: ['Jahr', 'Gemeinde', 'Schlüssel', 'Fälle'],
  sample: [],
  dataRows: 10,
  suggested: {
    ags: null,
    municipalityName: 'Gemeinde',
    offenceKey: 'Schlüssel',
    year: 'Jahr',
    cases: 'Fälle',
    suspects: null,
    cleared: null,
    population: null,
  },
};

const saved: Mapping = {
  id: 7,
  name: 'LKA Sachsen',
  sourceLabel: 'Landeskriminalamt Sachsen',
  sheet: null,
  delimiter: null,
  fixedOffenceKey: null,
  columns: { municipalityName: 'Gemeinde', year: 'Jahr', cases: 'Fälle', offenceKey: 'Schlüssel' },
  assignments: { Annaberg: '14521020' },
  version: 3,
  updatedAt: '2026-11-26T10:00:00.000Z',
};

describe('the column mapping form', () => {
  it('starts a new mapping from the suggested columns and keeps the chosen sheet of a workbook', () => {
    const v = valuesOfSuggestion(report);
    expect(v.columns).toEqual({
      ags: '',
      municipalityName: 'Gemeinde',
      offenceKey: 'Schlüssel',
      year: 'Jahr',
      cases: 'Fälle',
      cleared: '',
      suspects: '',
      population: '',
    });
    expect(v.sheet).toBe('Gemeinden');
    expect(valuesOfSuggestion({ ...report, format: 'csv', sheets: [], sheet: null }).sheet).toBe('');
  });

  it('sends empty choices as null and passes the shared schema once named', () => {
    const input = inputOf({ ...valuesOfSuggestion(report), name: ' LKA ', sourceLabel: 'LKA Sachsen' });
    expect(input).toMatchObject({
      name: 'LKA',
      sheet: 'Gemeinden',
      fixedOffenceKey: null,
      columns: { ags: null, municipalityName: 'Gemeinde', cases: 'Fälle', suspects: null },
    });
    expect(mappingInputSchema.safeParse(input).success).toBe(true);
  });

  it('names every missing or contradictory field', () => {
    const empty = valuesOfSuggestion(null);
    expect(checkMapping(empty, t)).toEqual({
      name: 'municipalImport.required',
      sourceLabel: 'municipalImport.required',
      'columns.cases': 'municipalImport.required',
      'columns.ags': 'municipalImport.agsOrName',
      'columns.offenceKey': 'municipalImport.keyOrFixed',
    });
    const v = { ...valuesOfMapping(saved), fixedOffenceKey: '12345' };
    expect(checkMapping(v, t)).toEqual({ fixedOffenceKey: 'municipalImport.keyInvalid' });
    const twice = valuesOfMapping(saved);
    twice.columns.cleared = 'Fälle';
    expect(checkMapping(twice, t)).toEqual({ 'columns.cleared': 'municipalImport.columnTwice' });
    expect(
      checkMapping(
        { ...valuesOfMapping(saved), columns: { ...valuesOfMapping(saved).columns, offenceKey: '' }, fixedOffenceKey: '------' },
        t,
      ),
    ).toEqual({});
  });

  it('needs the year of the import only without a year column', () => {
    const withYear = valuesOfMapping(saved);
    const withoutYear = { ...withYear, columns: { ...withYear.columns, year: '' } };
    expect(checkYear('', withYear, t)).toBeNull();
    expect(checkYear('', withoutYear, t)).toBe('municipalImport.yearRequired');
    expect(checkYear('22', withoutYear, t)).toBe('municipalImport.yearInvalid');
    expect(checkYear('2022', withoutYear, t)).toBeNull();
  });

  it('knows whether the form differs from the saved mapping, assignments included', () => {
    const v = valuesOfMapping(saved);
    expect(differs(v, saved)).toBe(false);
    expect(differs(v, null)).toBe(true);
    expect(differs({ ...v, assignments: { ...v.assignments, Aue: '14521035' } }, saved)).toBe(true);
    expect(differs({ ...v, sourceLabel: 'LKA' }, saved)).toBe(true);
  });
});
