/*
 * Police crime statistics: the import of BKA table T01 (all or nothing, in the caller's
 * transaction; a re-import of a year replaces that year and is audited), the offence catalogue
 * with its fields of action, and the indicators per district and municipality.
 */
import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import { ATTRIBUTION } from '../../../shared/attribution.ts';
import {
  ALL_OFFENCES,
  SUMMARY_KEYS,
  type DistrictDetail,
  type DistrictIndicator,
  type DistrictIndicators,
  type PksImportReport,
  type ImportListItem,
  type ImportListQuery,
} from '../../../shared/crime-stats.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { CrimeDistrictFiguresTable } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../http/problem.ts';
import { type ImportSource, unwrapZip } from '../../lib/import-source.ts';
import { recordAudit } from '../audit/index.ts';
import { ImportFileError, importProblem, issueField } from '../territory/index.ts';
import * as repo from './crime-stats.repository.ts';
import { isSummaryKey, parsePksT01 } from './pks-t01.parser.ts';
import { berlinDateOf, nowIso } from '../../../shared/time.ts';

type Lang = 'de' | 'en';
/** Appends to the list under a key (grouping without quadratic copies). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** The attribution of a data response: the source and the year(s) shown. */
export function attributionFor(years: number[], extra: string[] = []): string[] {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const span = ys.length === 0 ? '' : ys.length === 1 ? `, ${ys[0]}` : `, ${ys[0]}–${ys[ys.length - 1]}`;
  return [`${ATTRIBUTION.pks}${span}`, ...extra];
}

// ---------------------------------------------------------------- import

export interface PksImportOptions {
  year: number;
  dryRun: boolean;
  maxBytes: number;
}

/**
 * Imports a T01 file for a year. The file is checked completely first; any error refuses the
 * whole file (nothing stored) with every line and column named. Without errors, the year's rows
 * are replaced by the file's, the catalogue gains new keys, and one audit entry records the run.
 */
export async function importPks(db: DbOrTrx, actor: Actor, source: ImportSource, opts: PksImportOptions): Promise<PksImportReport> {
  const file = unwrapZip(source, /\.(csv|txt)$/i, { maxBytes: opts.maxBytes });
  let table;
  try {
    table = parsePksT01(file.data, { year: opts.year, fileName: file.name });
  } catch (err) {
    if (err instanceof ImportFileError) throw importProblem(err);
    throw err;
  }
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  const [offences, directory, before] = await Promise.all([
    repo.listOffences(db),
    repo.listDirectoryDistricts(db),
    repo.findDistrictYear(db, opts.year),
  ]);
  const known = new Set(offences.map((o) => o.key));
  const dirPop = new Map(directory.map((d) => [d.ags, d.population]));

  // Population of each district: the file's column, else derived from the all-offences row
  // (cases × 100,000 / HZ, the BKA's own population of 31 Dec of the previous year), else the directory's.
  const population = new Map<string, number | null>();
  for (const r of table.rows) {
    if (r.population !== null) population.set(r.districtAgs, r.population);
  }
  for (const r of table.rows) {
    if (r.key !== ALL_OFFENCES || population.has(r.districtAgs)) continue;
    if (r.hz && r.cases) population.set(r.districtAgs, Math.round((r.cases * 100_000) / r.hz));
  }
  const districts = new Set(table.rows.map((r) => r.districtAgs));
  for (const d of districts) if (!population.has(d)) population.set(d, dirPop.get(d) ?? null);

  const newKeys = [...new Map(table.rows.filter((r) => !known.has(r.key)).map((r) => [r.key, r.offence])).keys()].sort();
  const report: PksImportReport = {
    kind: 'pks-t01',
    dryRun: opts.dryRun,
    source: file.name,
    sha256,
    encoding: table.encoding,
    year: opts.year,
    yearFrom: table.yearFrom,
    rows: table.rows.length,
    districts: districts.size,
    offenceKeys: new Set(table.rows.map((r) => r.key)).size,
    districtsInDirectory: [...districts].filter((d) => dirPop.has(d)).length,
    newOffenceKeys: newKeys,
    columns: table.columns,
    replaced: before.rows ? before : null,
    warnings: table.warnings.map((w) => ({ line: w.line, field: issueField(w), code: w.code, message: w.message.de })),
    warningCount: table.warningCount,
    attribution: attributionFor([opts.year]),
  };
  if (opts.dryRun) return report;

  const importId = await repo.insertImport(db, {
    level: 'district',
    year: opts.year,
    source: file.name,
    source_label: 'Bundeskriminalamt, PKS Tabelle T01',
    sha256,
    rows: table.rows.length,
    demo: 0,
    imported_at: nowIso(),
    imported_by: actor.label,
  });
  await repo.deleteDistrictYear(db, opts.year);
  const rows: Insertable<CrimeDistrictFiguresTable>[] = table.rows.map((r) => {
    const pop = population.get(r.districtAgs) ?? null;
    return {
      year: opts.year,
      offence_key: r.key,
      district_ags: r.districtAgs,
      district_name: r.districtName,
      district_type: r.districtType,
      cases: r.cases,
      hz: r.hz ?? (pop ? round((r.cases * 100_000) / pop, 0) : null),
      attempts: r.attempts,
      cleared: r.cleared,
      clearance_rate: r.clearanceRate,
      suspects: r.suspects,
      suspects_male: r.suspectsMale,
      suspects_female: r.suspectsFemale,
      suspects_non_german: r.suspectsNonGerman,
      population: pop,
      import_id: importId,
    };
  });
  await repo.insertDistrictFigures(db, rows);
  const names = new Map<string, string>();
  for (const r of table.rows) if (!names.has(r.key)) names.set(r.key, r.offence);
  await repo.upsertOffences(
    db,
    [...names].map(([key, name]) => ({ key, name, summary: isSummaryKey(key) ? 1 : 0 })),
  );
  await recordAudit(db, actor, {
    action: before.rows ? 'crime-stats.import.pks.replace' : 'crime-stats.import.pks',
    entityType: 'crime-stats',
    entityId: `district:${opts.year}`,
    before: before.rows ? before : undefined,
    after: {
      source: file.name,
      sha256,
      rows: report.rows,
      districts: report.districts,
      offenceKeys: report.offenceKeys,
      newOffenceKeys: newKeys,
      warnings: report.warningCount,
    },
  });
  return report;
}

// ---------------------------------------------------------------- catalogue

export async function getCatalogue(db: DbOrTrx) {
  const [offences, fields, links] = await Promise.all([repo.listOffences(db), repo.listFieldsOfAction(db), repo.listOffenceFields(db)]);
  const byKey = new Map<string, { id: number; code: string; name: string }[]>();
  for (const l of links) push(byKey, l.offence_key, { id: l.id, code: l.code, name: l.name });
  const summaryFirst = (k: string) => (SUMMARY_KEYS as readonly string[]).indexOf(k);
  return {
    offences: offences
      .map((o) => ({ key: o.key, name: o.name, summary: o.summary === 1, fieldsOfAction: byKey.get(o.key) ?? [], version: o.version }))
      .sort(
        (a, b) =>
          (summaryFirst(a.key) < 0 ? 99 : summaryFirst(a.key)) - (summaryFirst(b.key) < 0 ? 99 : summaryFirst(b.key)) ||
          a.key.localeCompare(b.key),
      ),
    fieldsOfAction: fields.map((f) => ({ id: f.id, code: f.code, name: f.name, nameEn: f.name_en, position: f.position })),
    summaryKeys: [...SUMMARY_KEYS],
  };
}

/** The catalogue entry of one key as the catalogue lists it (the current state a 409 carries). */
async function offenceEntry(db: DbOrTrx, key: string) {
  return (await getCatalogue(db)).offences.find((o) => o.key === key) ?? null;
}

/**
 * Sets the fields of action an offence key feeds (the mapping key → Handlungsfeld), audited. The
 * change names the version it is based on; a stale one fails with 409 and the current entry.
 */
export async function setOffenceFields(db: DbOrTrx, actor: Actor, key: string, fieldIds: number[], version: number) {
  const ids = [...new Set(fieldIds)];
  const offence = await repo.findOffence(db, key);
  if (!offence)
    throw notFound({ de: `Der Straftatenschlüssel ${key} steht nicht im Katalog.`, en: `Offence key ${key} is not in the catalogue.` });
  const fields = await repo.listFieldsOfAction(db);
  const unknown = ids.filter((id) => !fields.some((f) => f.id === id));
  if (unknown.length)
    throw new AppError('validation', { de: 'Unbekanntes Handlungsfeld.', en: 'Unknown field of action.' }, [
      { field: 'fieldIds', code: 'unknown', message: { de: `Unbekannt: ${unknown.join(', ')}`, en: `Unknown: ${unknown.join(', ')}` } },
    ]);
  if (!(await repo.bumpOffenceVersion(db, key, version))) throw conflict(await offenceEntry(db, key));
  const before = (await repo.listOffenceFields(db)).filter((l) => l.offence_key === key).map((l) => l.code);
  await repo.replaceOffenceFields(db, key, ids);
  const after = fields.filter((f) => ids.includes(f.id)).map((f) => f.code);
  await recordAudit(db, actor, { action: 'crime-stats.offence-fields.set', entityType: 'crime-offence', entityId: key, before, after });
  return getCatalogue(db);
}

export async function addFieldOfAction(db: DbOrTrx, actor: Actor, input: { code: string; name: string; nameEn: string }) {
  if (await repo.findFieldOfActionByCode(db, input.code))
    throw new AppError('duplicate', { de: 'Dieses Kürzel gibt es schon.', en: 'This code exists already.' }, [
      { field: 'code', code: 'duplicate', message: { de: 'Schon vergeben.', en: 'Already taken.' } },
    ]);
  const id = await repo.insertFieldOfAction(db, { code: input.code, name: input.name, name_en: input.nameEn });
  await recordAudit(db, actor, { action: 'crime-stats.field-of-action.create', entityType: 'field-of-action', entityId: id, after: input });
  return getCatalogue(db);
}

async function offenceOf(db: DbOrTrx, key: string) {
  const o = await repo.findOffence(db, key);
  return { key, name: o?.name ?? (key === ALL_OFFENCES ? 'Straftaten insgesamt' : key) };
}

// ---------------------------------------------------------------- indicators

/** Least-squares slope of the values over the years, in % of their mean per year; null with fewer than 3 points. */
export function trendPctPerYear(points: { year: number; value: number | null }[]): number | null {
  const p = points.filter((x): x is { year: number; value: number } => x.value !== null);
  if (p.length < 3) return null;
  const n = p.length;
  const mx = p.reduce((s, x) => s + x.year, 0) / n;
  const my = p.reduce((s, x) => s + x.value, 0) / n;
  const den = p.reduce((s, x) => s + (x.year - mx) ** 2, 0);
  if (!den || !my) return null;
  const slope = p.reduce((s, x) => s + (x.year - mx) * (x.value - my), 0) / den;
  return round((slope / my) * 100, 1);
}

const pct = (now: number | null | undefined, before: number | null | undefined) =>
  now === null || now === undefined || !before ? null : round(((now - before) / before) * 100, 1);

/** Quintile breaks of a list of values (for a choropleth). */
export function classBreaks(values: number[], classes = 5): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return [];
  const out: number[] = [];
  for (let i = 1; i < classes; i++) out.push(v[Math.min(v.length - 1, Math.floor((i * v.length) / classes))]!);
  return [...new Set(out)];
}

/** HZ of a group: its cases per 100,000 of its population (only members with a population). */
function groupHz(rows: { cases: number; population: number | null }[]): number | null {
  let cases = 0;
  let pop = 0;
  for (const r of rows)
    if (r.population) {
      cases += r.cases;
      pop += r.population;
    }
  return pop ? round((cases * 100_000) / pop, 0) : null;
}

/** Ranks by HZ, highest first (1 = highest burden); ties share a rank. */
function ranks<T extends { hz: number | null }>(rows: T[], key: (r: T) => string): Map<string, number> {
  const sorted = rows.filter((r) => r.hz !== null).sort((a, b) => b.hz! - a.hz!);
  const out = new Map<string, number>();
  sorted.forEach((r, i) => out.set(key(r), i > 0 && sorted[i - 1]!.hz === r.hz ? out.get(key(sorted[i - 1]!))! : i + 1));
  return out;
}

interface YearStats {
  stateHz: Map<string, number | null>;
  nationalHz: number | null;
  rankInState: Map<string, number>;
  rankNational: Map<string, number>;
  districtsInState: Map<string, number>;
}

function statsOf(rows: repo.DistrictFigureRow[] | Awaited<ReturnType<typeof repo.listDistrictFigures>>): YearStats {
  const byState = new Map<string, typeof rows>();
  for (const r of rows) push(byState, r.district_ags.slice(0, 2), r);
  const rankInState = new Map<string, number>();
  const stateHz = new Map<string, number | null>();
  const districtsInState = new Map<string, number>();
  for (const [s, list] of byState) {
    stateHz.set(s, groupHz(list));
    districtsInState.set(s, list.length);
    for (const [k, v] of ranks(list, (r) => r.district_ags)) rankInState.set(k, v);
  }
  return { stateHz, nationalHz: groupHz(rows), rankInState, rankNational: ranks(rows, (r) => r.district_ags), districtsInState };
}

type FigureRows = Awaited<ReturnType<typeof repo.listDistrictFigures>>;
interface OffenceSeries {
  years: number[];
  byYear: Map<number, FigureRows>;
  stats: Map<number, YearStats>;
}

/*
 * All district rows of one key (≤ 400 districts × the imported years) with each year's state and
 * national HZ and ranks, cached per database (a process may hold several, as the tests do, whose
 * import ids coincide). The key includes the newest import's id, so any import makes a fresh
 * entry; reads inside a transaction (which may roll back) bypass the cache.
 */
const SERIES_CACHES = new WeakMap<object, Map<string, OffenceSeries>>();
const SERIES_CACHE_MAX = 64;

async function loadOffenceSeries(db: DbOrTrx, offenceKey: string): Promise<OffenceSeries> {
  const cacheable = !db.isTransaction;
  let cache = cacheable ? SERIES_CACHES.get(db) : undefined;
  if (cacheable && !cache) SERIES_CACHES.set(db, (cache = new Map()));
  const key = cache ? `${await repo.findImportGeneration(db)}|${offenceKey}` : '';
  const hit = cache?.get(key);
  if (hit) return hit;
  const years = await repo.listImportedDistrictYears(db);
  const rows = years.length ? await repo.listDistrictFigures(db, offenceKey, years[0]!, years[years.length - 1]!) : [];
  const byYear = new Map<number, FigureRows>();
  for (const r of rows) push(byYear, r.year, r);
  const stats = new Map([...byYear].map(([y, list]) => [y, statsOf(list)]));
  const value = { years, byYear, stats };
  if (cache) {
    if (cache.size >= SERIES_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

export async function listYears(db: DbOrTrx) {
  const [district, municipality] = await Promise.all([repo.listDistrictYears(db), repo.listMunicipalityYears(db)]);
  const withSource = await Promise.all(
    district.map(async (d) => {
      const y = await repo.findDistrictYear(db, d.year);
      return { year: d.year, rows: Number(d.rows), districts: Number(d.districts), source: y.source, importedAt: y.importedAt };
    }),
  );
  return {
    district: withSource,
    municipality: municipality.map((m) => ({
      year: m.year,
      rows: Number(m.rows),
      municipalities: Number(m.municipalities),
      fictional: Number(m.demo) === 1,
    })),
    attribution: attributionFor([...district.map((d) => d.year), ...municipality.map((m) => m.year)]),
  };
}

/** Indicators of every district for a year and offence key: HZ, clearance, change, trend, comparison and rank. */
export async function getDistrictIndicators(
  db: DbOrTrx,
  q: { year?: number; offence: string; state: string | null },
): Promise<DistrictIndicators> {
  const [series, offence] = await Promise.all([loadOffenceSeries(db, q.offence), offenceOf(db, q.offence)]);
  const { years, byYear } = series;
  const year = q.year ?? (years.length ? years[years.length - 1]! : null);
  const empty = {
    year,
    offence,
    state: q.state,
    years,
    districtsInState: 0,
    districtsNational: 0,
    stateHz: null,
    nationalHz: null,
    classBreaks: [],
    items: [],
    attribution: attributionFor(year ? [year] : []),
  };
  if (year === null) return empty;
  const current = byYear.get(year) ?? [];
  if (!current.length) return empty;
  const rows = [year - 4, year - 3, year - 2, year - 1, year].flatMap((y) => byYear.get(y) ?? []);
  const stats = series.stats.get(year)!;
  const prev = new Map((byYear.get(year - 1) ?? []).map((r) => [r.district_ags, r]));
  const history = new Map<string, { year: number; value: number | null }[]>();
  for (const r of rows) push(history, r.district_ags, { year: r.year, value: r.hz });
  const items: DistrictIndicator[] = current
    .filter((r) => q.state === null || r.district_ags.startsWith(q.state))
    .map((r) => {
      const p = prev.get(r.district_ags);
      const stateHz = stats.stateHz.get(r.district_ags.slice(0, 2)) ?? null;
      const h = history.get(r.district_ags) ?? [];
      return {
        ags: r.district_ags,
        name: r.district_name,
        stateAgs: r.district_ags.slice(0, 2),
        districtType: r.district_type,
        cases: r.cases,
        hz: r.hz,
        hzSource: r.hz === null ? ('none' as const) : ('file' as const),
        cleared: r.cleared,
        clearanceRate: r.clearance_rate,
        suspects: r.suspects,
        previousCases: p?.cases ?? null,
        changeCasesPct: pct(r.cases, p?.cases),
        changeHzPct: pct(r.hz, p?.hz),
        trend5yPctPerYear: trendPctPerYear(h),
        trend5yYears: h.filter((x) => x.value !== null).length,
        stateHz,
        nationalHz: stats.nationalHz,
        vsStatePct: pct(r.hz, stateHz),
        rankInState: stats.rankInState.get(r.district_ags) ?? null,
        rankNational: stats.rankNational.get(r.district_ags) ?? null,
      };
    })
    .sort((a, b) => a.ags.localeCompare(b.ags));
  return {
    year,
    offence,
    state: q.state,
    years,
    districtsInState: q.state ? (stats.districtsInState.get(q.state) ?? 0) : current.length,
    districtsNational: current.length,
    stateHz: q.state ? (stats.stateHz.get(q.state) ?? null) : stats.nationalHz,
    nationalHz: stats.nationalHz,
    classBreaks: classBreaks(items.map((i) => i.hz).filter((h): h is number => h !== null)),
    items,
    attribution: attributionFor([year]),
  };
}

/** A district's time series for one key (with state and national comparison and ranks), and every key of the latest year. */
export async function getDistrictDetail(db: DbOrTrx, ags: string, offenceKey: string): Promise<DistrictDetail> {
  const district = await repo.findDistrictName(db, ags);
  if (!district) throw notFound({ de: `Keine Zahlen für den Kreis ${ags}.`, en: `No figures for district ${ags}.` });
  const [loaded, offence] = await Promise.all([loadOffenceSeries(db, offenceKey), offenceOf(db, offenceKey)]);
  const { years, byYear } = loaded;
  const series: DistrictDetail['series'] = [];
  let prev: FigureRows[number] | undefined;
  for (const y of years) {
    const list = byYear.get(y) ?? [];
    const own = list.find((r) => r.district_ags === ags);
    if (!own) {
      prev = undefined;
      continue;
    }
    const s = loaded.stats.get(y)!;
    const stateHz = s.stateHz.get(ags.slice(0, 2)) ?? null;
    series.push({
      year: y,
      cases: own.cases,
      hz: own.hz,
      hzSource: own.hz === null ? ('none' as const) : ('file' as const),
      cleared: own.cleared,
      clearanceRate: own.clearance_rate,
      suspects: own.suspects,
      changeCasesPct: prev && prev.year === y - 1 ? pct(own.cases, prev.cases) : null,
      comparisonHz: stateHz,
      stateHz,
      nationalHz: s.nationalHz,
      rankInState: s.rankInState.get(ags) ?? null,
      rankNational: s.rankNational.get(ags) ?? null,
    });
    prev = own;
  }
  const latestYear = series.length ? series[series.length - 1]!.year : null;
  const [catalogue, keyed] = await Promise.all([
    repo.listOffences(db),
    latestYear ? repo.listDistrictOffences(db, ags, [latestYear, latestYear - 1]) : [],
  ]);
  const names = new Map(catalogue.map((o) => [o.key, o]));
  const prevByKey = new Map(keyed.filter((k) => k.year === latestYear! - 1).map((k) => [k.offence_key, k]));
  const offences = keyed
    .filter((k) => k.year === latestYear)
    .map((k) => ({
      key: k.offence_key,
      name: names.get(k.offence_key)?.name ?? k.offence_key,
      summary: isSummaryKey(k.offence_key),
      cases: k.cases,
      hz: k.hz,
      clearanceRate: k.clearance_rate,
      changeCasesPct: pct(k.cases, prevByKey.get(k.offence_key)?.cases),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const last5 = series.filter((p) => latestYear !== null && p.year > latestYear - 5).map((p) => ({ year: p.year, value: p.hz }));
  return {
    district: { ags, name: district.name, stateAgs: ags.slice(0, 2), inDirectory: district.inDirectory },
    offence,
    series,
    trend5yPctPerYear: trendPctPerYear(last5),
    latestYear,
    offences,
    attribution: attributionFor(series.map((s) => s.year)),
  };
}

type MunicipalityRow = Awaited<ReturnType<typeof repo.listMunicipalityFigures>>[number];
const municipalityHz = (r: MunicipalityRow) => {
  const population = r.file_population ?? r.directory_population;
  return {
    population,
    hz: population ? round((r.cases * 100_000) / population, 0) : null,
    hzSource: (r.file_population ? 'file' : r.directory_population ? 'directory' : 'none') as 'file' | 'directory' | 'none',
  };
};

function extraAttribution(rows: { demo: number; source_label: string }[]): string[] {
  const labels = [...new Set(rows.filter((r) => !r.demo).map((r) => r.source_label))];
  const notes = labels.map((l) => `Gemeindezahlen: ${l}`);
  if (rows.some((r) => r.demo)) notes.push('[Demo] Gemeindezahlen frei erfunden (praevis demo) / fictional municipality figures');
  return notes;
}

/** Municipality figures for a year and key, scoped to the municipalities the principal may see. */
export async function getMunicipalityIndicators(
  db: DbOrTrx,
  principal: Principal,
  q: { year?: number; offence: string; districtAgs?: string; page: number; pageSize: number },
) {
  const years = (await repo.listMunicipalityYears(db)).map((y) => y.year);
  const year = q.year ?? (years.length ? years[years.length - 1]! : null);
  const offence = await offenceOf(db, q.offence);
  const base = { year, offence, years, page: q.page, pageSize: q.pageSize };
  if (year === null) return { ...base, items: [], total: 0, classBreaks: [], attribution: attributionFor([]) };
  const [rows, visible, districts] = await Promise.all([
    repo.listMunicipalityFigures(db, q.offence, year - 4, year, { districtAgs: q.districtAgs }),
    repo.listVisibleMunicipalityAgs(db, principal),
    repo.listDistrictFigures(db, q.offence, year, year),
  ]);
  const current = rows.filter((r) => r.year === year).map((r) => ({ ...r, ...municipalityHz(r) }));
  const prev = new Map(rows.filter((r) => r.year === year - 1).map((r) => [r.ags, r]));
  const history = new Map<string, { year: number; value: number | null }[]>();
  for (const r of rows) push(history, r.ags, { year: r.year, value: municipalityHz(r).hz });
  const districtHz = new Map(districts.map((d) => [d.district_ags, d.hz]));
  const stats = statsOf(districts);
  const byDistrict = new Map<string, typeof current>();
  for (const r of current) push(byDistrict, r.district_ags, r);
  const rankIn = new Map<string, number>();
  for (const list of byDistrict.values()) for (const [k, v] of ranks(list, (r) => r.ags)) rankIn.set(k, v);
  const items = current
    .filter((r) => visible.has(r.ags))
    .sort((a, b) => a.ags.localeCompare(b.ags))
    .map((r) => ({
      ags: r.ags,
      name: r.name,
      districtAgs: r.district_ags,
      districtName: r.district_name,
      cases: r.cases,
      population: r.population,
      hz: r.hz,
      hzSource: r.hzSource,
      cleared: r.cleared,
      clearanceRate: r.cleared !== null && r.cases ? round((r.cleared / r.cases) * 100, 1) : null,
      suspects: r.suspects,
      changeCasesPct: pct(r.cases, prev.get(r.ags)?.cases),
      trend5yPctPerYear: trendPctPerYear(history.get(r.ags) ?? []),
      districtHz: districtHz.get(r.district_ags) ?? null,
      stateHz: stats.stateHz.get(r.ags.slice(0, 2)) ?? null,
      rankInDistrict: rankIn.get(r.ags) ?? null,
      fictional: r.demo === 1,
      sourceLabel: r.source_label,
    }));
  const pageItems = items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return {
    ...base,
    items: pageItems,
    total: items.length,
    classBreaks: classBreaks(items.map((i) => i.hz).filter((h): h is number => h !== null)),
    attribution: attributionFor([year], extraAttribution(current.filter((r) => visible.has(r.ags)))),
  };
}

/** One municipality's time series for a key, with its district's and state's HZ; 403 outside the principal's scope. */
export async function getMunicipalityDetail(db: DbOrTrx, principal: Principal, ags: string, offenceKey: string) {
  const m = await repo.findMunicipality(db, ags);
  if (!m) throw notFound({ de: `Keine Gemeinde ${ags}.`, en: `No municipality ${ags}.` });
  const visible = await repo.listVisibleMunicipalityAgs(db, principal);
  if (!visible.has(ags)) throw new AppError('forbidden-scope');
  const offence = await offenceOf(db, offenceKey);
  const rows = (await repo.listMunicipalityFigures(db, offenceKey, 1990, 2100, { ags })).sort((a, b) => a.year - b.year);
  const districtRows = rows.length ? await repo.listDistrictFigures(db, offenceKey, rows[0]!.year, rows[rows.length - 1]!.year) : [];
  const series = rows.map((r, i) => {
    const h = municipalityHz(r);
    const list = districtRows.filter((d) => d.year === r.year);
    const s = statsOf(list);
    const before = rows[i - 1];
    return {
      year: r.year,
      cases: r.cases,
      hz: h.hz,
      hzSource: h.hzSource,
      cleared: r.cleared,
      clearanceRate: r.cleared !== null && r.cases ? round((r.cleared / r.cases) * 100, 1) : null,
      suspects: r.suspects,
      changeCasesPct: before && before.year === r.year - 1 ? pct(r.cases, before.cases) : null,
      comparisonHz: list.find((d) => d.district_ags === m.district_ags)?.hz ?? null,
      stateHz: s.stateHz.get(ags.slice(0, 2)) ?? null,
      nationalHz: s.nationalHz,
      rankInState: null,
      rankNational: null,
      fictional: r.demo === 1,
      sourceLabel: r.source_label,
      population: h.population,
    };
  });
  const last = series.length ? series[series.length - 1]!.year : 0;
  const latestYear = await repo.findLatestMunicipalityYear(db, ags);
  const [catalogue, keyed] = await Promise.all([
    repo.listOffences(db),
    latestYear ? repo.listMunicipalityOffences(db, ags, [latestYear, latestYear - 1]) : [],
  ]);
  const names = new Map(catalogue.map((o) => [o.key, o.name]));
  const prevByKey = new Map(keyed.filter((k) => k.year === latestYear! - 1).map((k) => [k.offence_key, k]));
  const offences = keyed
    .filter((k) => k.year === latestYear)
    .map((k) => {
      const population = k.file_population ?? k.directory_population;
      return {
        key: k.offence_key,
        name: names.get(k.offence_key) ?? (k.offence_key === ALL_OFFENCES ? 'Straftaten insgesamt' : k.offence_key),
        summary: isSummaryKey(k.offence_key),
        cases: k.cases,
        hz: population ? round((k.cases * 100_000) / population, 0) : null,
        clearanceRate: k.cleared !== null && k.cases ? round((k.cleared / k.cases) * 100, 1) : null,
        changeCasesPct: pct(k.cases, prevByKey.get(k.offence_key)?.cases),
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    municipality: { ags: m.ags, name: m.name, districtAgs: m.district_ags, districtName: m.district_name, population: m.population },
    offence,
    series,
    trend5yPctPerYear: trendPctPerYear(series.filter((p) => p.year > last - 5).map((p) => ({ year: p.year, value: p.hz }))),
    latestYear,
    offences,
    attribution: rows.length
      ? attributionFor(
          series.map((s) => s.year),
          extraAttribution(rows),
        )
      : attributionFor(latestYear ? [latestYear] : [], extraAttribution(keyed.filter((k) => k.year === latestYear))),
  };
}

/**
 * The import runs, newest first: with `latest`, only the newest of each level; with
 * `importedBefore`, only those imported before that calendar day in Berlin.
 */
export async function listImportRuns(db: DbOrTrx, q: ImportListQuery = {}): Promise<ImportListItem[]> {
  let rows = await repo.listImports(db);
  if (q.latest === 'true') rows = rows.filter((r, i) => rows.findIndex((o) => o.level === r.level) === i);
  if (q.importedBefore !== undefined) rows = rows.filter((r) => berlinDateOf(r.imported_at) < q.importedBefore!);
  return rows.map((r) => ({
    id: r.id,
    level: r.level as 'district' | 'municipality',
    year: r.year,
    source: r.source,
    sourceLabel: r.source_label,
    sha256: r.sha256,
    rows: r.rows,
    demo: r.demo === 1,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  }));
}

export type { Lang };
