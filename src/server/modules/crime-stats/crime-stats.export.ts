import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import type { CrimeExportQuery } from '../../../shared/crime-stats.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { csvDownload } from '../../lib/csv.ts';
import { getDistrictIndicators, getMunicipalityIndicators } from './crime-stats.service.ts';

/*
 * District or municipality indicators as CSV (UTF-8 with BOM) or XLSX (write-excel-file, pure
 * JavaScript). German headers as in the UI; the attribution and year follow the table (CSV) or
 * stand below it (XLSX), so a file passed on still names its source.
 */
type Cell = string | number | null;

export async function buildCrimeExport(db: DbOrTrx, principal: Principal, q: CrimeExportQuery, defaultState: string | null) {
  let header: string[];
  let rows: Cell[][];
  let attribution: string[];
  let year: number | null;
  if (q.level === 'districts') {
    const d = await getDistrictIndicators(db, {
      year: q.year,
      offence: q.offence,
      state: q.state === 'all' ? null : (q.state ?? defaultState),
    });
    header = [
      'Jahr',
      'Schlüssel',
      'Straftat',
      'Kreisschlüssel',
      'Kreis',
      'Erfasste Fälle',
      'Häufigkeitszahl',
      'HZ-Quelle',
      'Aufgeklärte Fälle',
      'Aufklärungsquote %',
      'Veränderung Fälle zum Vorjahr %',
      'Trend 5 Jahre % p. a.',
      'HZ Land',
      'Abweichung vom Land %',
      'Rang im Land',
      'Rang bundesweit',
    ];
    rows = d.items.map((i) => [
      d.year,
      d.offence.key,
      d.offence.name,
      i.ags,
      i.name,
      i.cases,
      i.hz,
      i.hzSource,
      i.cleared,
      i.clearanceRate,
      i.changeCasesPct,
      i.trend5yPctPerYear,
      i.stateHz,
      i.vsStatePct,
      i.rankInState,
      i.rankNational,
    ]);
    attribution = d.attribution;
    year = d.year;
  } else {
    const m = await getMunicipalityIndicators(db, principal, {
      year: q.year,
      offence: q.offence,
      districtAgs: q.districtAgs,
      page: 1,
      pageSize: 100_000,
    });
    header = [
      'Jahr',
      'Schlüssel',
      'Straftat',
      'AGS',
      'Gemeinde',
      'Kreis',
      'Erfasste Fälle',
      'Einwohner',
      'Häufigkeitszahl',
      'HZ-Quelle',
      'Aufgeklärte Fälle',
      'Aufklärungsquote %',
      'Veränderung Fälle zum Vorjahr %',
      'HZ Kreis',
      'HZ Land',
      'Rang im Kreis',
      'Quelle',
      'Fiktiv (Demo)',
    ];
    rows = m.items.map((i) => [
      m.year,
      m.offence.key,
      m.offence.name,
      i.ags,
      i.name,
      i.districtName,
      i.cases,
      i.population,
      i.hz,
      i.hzSource,
      i.cleared,
      i.clearanceRate,
      i.changeCasesPct,
      i.districtHz,
      i.stateHz,
      i.rankInDistrict,
      i.sourceLabel,
      i.fictional ? 'ja' : 'nein',
    ]);
    attribution = m.attribution;
    year = m.year;
  }
  const base = `pks-${q.level === 'districts' ? 'kreise' : 'gemeinden'}-${q.offence.replace(/[^0-9]/g, '') || 'insgesamt'}-${year ?? 'leer'}`;
  if (q.format === 'csv') {
    return csvDownload([header, ...rows, [], ...attribution.map((a) => [a])], q.dialect, `${base}.csv`);
  }
  const sheet: Sheet<unknown> = {
    sheet: q.level === 'districts' ? 'Kreise' : 'Gemeinden',
    stickyRowsCount: 1,
    data: [
      header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
      [],
      ...attribution.map((a) => [{ value: a }]),
    ],
  };
  return xlsxDownload([sheet], `${base}.xlsx`);
}
