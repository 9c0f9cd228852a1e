/*
 * Imports of territorial reference data: the municipality directory (GV100AD) and the police
 * directorates. Each import compares the file with the database, writes only what changed, in the
 * caller's transaction (all or nothing), and records one audit entry per run that changed something.
 * With dryRun the same report comes back and nothing is written.
 */
import type { Insertable, Selectable } from 'kysely';
import { DIRECTORY_ATTRIBUTION } from '../../../shared/attribution.ts';
import { IMPORT_REPORT_LIST_MAX, type DirectoratesReport, type Gv100adReport } from '../../../shared/territory-import.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AssociationsTable, DistrictsTable, MunicipalitiesTable, StatesTable } from '../../db/schema.ts';
import { type ImportSource, unwrapZip } from '../../lib/import-source.ts';
import { type Progress, silentProgress } from '../../lib/progress.ts';
import { recordAudit } from '../audit/index.ts';
import { DIRECTORATES_FORMAT, parseDirectoratesCsv } from './directorates.parser.ts';
import { type Gv100adDirectory, type MunicipalityRecord, parseGv100ad } from './gv100ad.parser.ts';
import { ImportFileError, type ImportIssue, importProblem } from './import-issues.ts';
import * as repo from './territory.repository.ts';
import { nowIso } from '../../../shared/time.ts';

export interface ImportOptions {
  /** Report without writing. */
  dryRun: boolean;
  /** Largest file accepted (also inside a ZIP). */
  maxBytes: number;
  progress?: Progress;
}

/** Runs a pure parser; its file errors become a problem naming every line and field. */
function parseOrProblem<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ImportFileError) throw importProblem(err);
    throw err;
  }
}

function capped<T>(list: T[], flag: { truncated: boolean }): T[] {
  if (list.length <= IMPORT_REPORT_LIST_MAX) return list;
  flag.truncated = true;
  return list.slice(0, IMPORT_REPORT_LIST_MAX);
}

/** Names of the columns that differ between a stored row and the row the file asks for. */
function differingFields<K extends string>(
  stored: Partial<Record<K, unknown>>,
  wanted: Partial<Record<K, unknown>>,
  fields: readonly K[],
): string[] {
  return fields.filter((f) => {
    const a = stored[f];
    const b = wanted[f];
    // PostgreSQL returns bigint columns as numbers (see database.ts); null and numbers compare by value.
    if (typeof a === 'number' || typeof b === 'number')
      return (a === null || a === undefined ? null : Number(a)) !== (b === null || b === undefined ? null : Number(b));
    return (a ?? null) !== (b ?? null);
  });
}

const CAMEL: Record<string, string> = {
  ars: 'ars',
  type_code: 'typeCode',
  district_ags: 'districtAgs',
  association_ars: 'associationArs',
  area_ha: 'areaHa',
  population: 'population',
  population_male: 'populationMale',
  postcode: 'postcode',
  seat: 'seat',
  state_ags: 'stateAgs',
  name: 'name',
  active: 'active',
};

const MUNICIPALITY_FIELDS = [
  'ars',
  'name',
  'type_code',
  'district_ags',
  'association_ars',
  'area_ha',
  'population',
  'population_male',
  'postcode',
  'active',
] as const;
const DISTRICT_FIELDS = ['name', 'type_code', 'seat', 'state_ags', 'area_ha', 'population', 'population_male', 'active'] as const;
const ASSOCIATION_FIELDS = ['name', 'type_code', 'seat', 'district_ags', 'active'] as const;
const STATE_FIELDS = ['name', 'seat'] as const;

/** A merged municipality's likely successors: municipalities of its district that are new or gained at least half its area. */
function successorsOf(
  gone: Selectable<MunicipalitiesTable>,
  file: MunicipalityRecord[],
  stored: Map<string, Selectable<MunicipalitiesTable>>,
): string[] {
  const lost = Number(gone.area_ha ?? 0);
  return file
    .filter((m) => {
      if (m.districtAgs !== gone.district_ags) return false;
      const before = stored.get(m.ags);
      const gained = before && before.active === 1 ? m.areaHa - Number(before.area_ha ?? 0) : m.areaHa;
      return gained > 0 && gained >= lost * 0.5;
    })
    .map((m) => m.ags);
}

interface Gv100adPlan {
  report: Gv100adReport;
  states: Insertable<StatesTable>[];
  districts: Insertable<DistrictsTable>[];
  associations: Insertable<AssociationsTable>[];
  municipalities: Insertable<MunicipalitiesTable>[];
  deactivate: { districts: string[]; associations: string[]; municipalities: string[] };
}

/** Compares a parsed directory with the database: what to write, and the report of it. */
async function planGv100ad(db: DbOrTrx, dir: Gv100adDirectory, source: string, dryRun: boolean, now: string): Promise<Gv100adPlan> {
  const [storedStates, storedDistricts, storedAssociations, storedMunicipalities] = await Promise.all([
    repo.listStateRows(db, dir.state),
    repo.listDistrictRows(db, dir.state),
    repo.listAssociationRows(db, dir.state),
    repo.listMunicipalityRows(db, dir.state),
  ]);

  const states: Insertable<StatesTable>[] = [];
  const stateByAgs = new Map(storedStates.map((s) => [s.ags, s]));
  for (const s of dir.states) {
    const row = { ags: s.ags, name: s.name, seat: s.seat, status_date: s.statusDate };
    const old = stateByAgs.get(s.ags);
    if (!old || differingFields(old, row, STATE_FIELDS).length) states.push(row);
  }

  const districts: Insertable<DistrictsTable>[] = [];
  const districtCounts = { added: 0, updated: 0, deactivated: 0 };
  const districtByAgs = new Map(storedDistricts.map((d) => [d.ags, d]));
  for (const d of dir.districts) {
    const row = {
      ags: d.ags,
      name: d.name,
      type_code: d.typeCode,
      seat: d.seat,
      state_ags: d.stateAgs,
      area_ha: d.areaHa,
      population: d.population,
      population_male: d.populationMale,
      active: 1,
      status_date: d.statusDate,
    };
    const old = districtByAgs.get(d.ags);
    if (!old) {
      districts.push(row);
      districtCounts.added++;
    } else if (differingFields(old, row, DISTRICT_FIELDS).length) {
      districts.push(row);
      districtCounts.updated++;
    }
  }
  const inFileDistricts = new Set(dir.districts.map((d) => d.ags));
  const goneDistricts = storedDistricts.filter((d) => d.active === 1 && !inFileDistricts.has(d.ags)).map((d) => d.ags);
  districtCounts.deactivated = goneDistricts.length;

  const associations: Insertable<AssociationsTable>[] = [];
  const associationCounts = { added: 0, updated: 0, deactivated: 0 };
  const associationByArs = new Map(storedAssociations.map((a) => [a.ars, a]));
  for (const a of dir.associations) {
    const row = {
      ars: a.ars,
      name: a.name,
      type_code: a.typeCode,
      seat: a.seat,
      district_ags: a.districtAgs,
      active: 1,
      status_date: a.statusDate,
    };
    const old = associationByArs.get(a.ars);
    if (!old) {
      associations.push(row);
      associationCounts.added++;
    } else if (differingFields(old, row, ASSOCIATION_FIELDS).length) {
      associations.push(row);
      associationCounts.updated++;
    }
  }
  const inFileAssociations = new Set(dir.associations.map((a) => a.ars));
  const goneAssociations = storedAssociations.filter((a) => a.active === 1 && !inFileAssociations.has(a.ars)).map((a) => a.ars);
  associationCounts.deactivated = goneAssociations.length;

  const municipalities: Insertable<MunicipalitiesTable>[] = [];
  const lists: Gv100adReport['municipalities'] = { added: [], renamed: [], updated: [], merged: [], removed: [] };
  const stored = new Map(storedMunicipalities.map((m) => [m.ags, m]));
  let unchanged = 0;
  for (const m of dir.municipalities) {
    const row = {
      ags: m.ags,
      ars: m.ars,
      name: m.name,
      type_code: m.typeCode,
      district_ags: m.districtAgs,
      association_ars: m.associationArs,
      area_ha: m.areaHa,
      population: m.population,
      population_male: m.populationMale,
      postcode: m.postcode,
      active: 1,
      status_date: m.statusDate,
      updated_at: now,
    };
    const old = stored.get(m.ags);
    if (!old || old.active !== 1) {
      lists.added.push({ ags: m.ags, name: m.name, reactivated: Boolean(old) });
      municipalities.push(row);
      continue;
    }
    const diff = differingFields(old, row, MUNICIPALITY_FIELDS);
    if (!diff.length) {
      unchanged++;
      continue;
    }
    municipalities.push(row);
    if (diff.includes('name')) lists.renamed.push({ ags: m.ags, from: old.name, to: m.name });
    const other = diff.filter((f) => f !== 'name');
    if (other.length) lists.updated.push({ ags: m.ags, name: m.name, fields: other.map((f) => CAMEL[f] ?? f) });
  }
  const inFile = new Set(dir.municipalities.map((m) => m.ags));
  const gone = storedMunicipalities.filter((m) => m.active === 1 && !inFile.has(m.ags));
  for (const g of gone) {
    const into = successorsOf(g, dir.municipalities, stored);
    if (into.length) lists.merged.push({ ags: g.ags, name: g.name, into });
    else lists.removed.push({ ags: g.ags, name: g.name });
  }

  const changed =
    states.length +
      districts.length +
      associations.length +
      municipalities.length +
      goneDistricts.length +
      goneAssociations.length +
      gone.length >
    0;
  const flag = { truncated: false };
  const report: Gv100adReport = {
    kind: 'gv100ad',
    dryRun,
    changed,
    source,
    encoding: dir.encoding,
    statusDate: dir.statusDate,
    state: dir.state,
    records: {
      states: dir.states.length,
      districts: dir.districts.length,
      associations: dir.associations.length,
      municipalities: dir.municipalities.length,
      skippedRegions: dir.skippedRegions,
      skippedWithoutDistrict: dir.skippedWithoutDistrict,
    },
    counts: {
      added: lists.added.length,
      renamed: lists.renamed.length,
      updated: lists.updated.length,
      merged: lists.merged.length,
      removed: lists.removed.length,
      unchanged,
    },
    municipalities: {
      added: capped(lists.added, flag),
      renamed: capped(lists.renamed, flag),
      updated: capped(lists.updated, flag),
      merged: capped(lists.merged, flag),
      removed: capped(lists.removed, flag),
    },
    districts: districtCounts,
    associations: associationCounts,
    truncated: flag.truncated,
    attribution: [...DIRECTORY_ATTRIBUTION],
  };
  return {
    report,
    states,
    districts,
    associations,
    municipalities,
    deactivate: { districts: goneDistricts, associations: goneAssociations, municipalities: gone.map((g) => g.ags) },
  };
}

/** The audit entry of an import run: counts and the first entries of each list. */
function auditSummary(report: Gv100adReport) {
  const first = <T>(l: T[]) => l.slice(0, 50);
  const m = report.municipalities;
  return {
    source: report.source,
    statusDate: report.statusDate,
    state: report.state,
    encoding: report.encoding,
    counts: report.counts,
    districts: report.districts,
    associations: report.associations,
    municipalities: {
      added: first(m.added),
      renamed: first(m.renamed),
      updated: first(m.updated),
      merged: first(m.merged),
      removed: first(m.removed),
    },
  };
}

/**
 * Imports the municipality directory from a GV100AD file (or a ZIP holding one), limited to one
 * state or all. Adds and updates states, districts, associations and municipalities; marks those
 * missing from the file inactive. Throws a validation problem naming line and field for a bad file.
 */
export async function importGv100ad(
  db: DbOrTrx,
  actor: Actor,
  source: ImportSource,
  opts: ImportOptions & { state: string | null },
): Promise<Gv100adReport> {
  const progress = opts.progress ?? silentProgress;
  const file = unwrapZip(source, /\.(asc|txt)$/i, { maxBytes: opts.maxBytes });
  const dir = parseOrProblem(() => parseGv100ad(file.data, { state: opts.state }));
  const now = nowIso();
  const plan = await planGv100ad(db, dir, file.name, opts.dryRun, now);
  if (opts.dryRun || !plan.report.changed) return plan.report;

  const total = plan.states.length + plan.districts.length + plan.associations.length + plan.municipalities.length;
  progress.start(total, 'GV100AD');
  await repo.upsertStates(db, plan.states);
  await repo.upsertDistricts(db, plan.districts);
  await repo.upsertAssociations(db, plan.associations);
  const base = plan.states.length + plan.districts.length + plan.associations.length;
  progress.update(base);
  await repo.upsertMunicipalities(db, plan.municipalities, (done) => progress.update(base + done));
  await repo.deactivateMunicipalities(db, plan.deactivate.municipalities, now);
  await repo.deactivateAssociations(db, plan.deactivate.associations);
  await repo.deactivateDistricts(db, plan.deactivate.districts);
  progress.stop();

  await recordAudit(db, actor, {
    action: 'territory.import.gv100ad',
    entityType: 'territory',
    entityId: `gv100ad:${dir.state ?? 'all'}`,
    after: auditSummary(plan.report),
  });
  return plan.report;
}

/** `Polizeidirektion Chemnitz` and `Chemnitz` name the same directorate. */
function directorateKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(polizeidirektion|pd)\s+/, '')
    .trim();
}

/**
 * Imports the police directorates from a CSV of district → directorate. The file is the whole
 * assignment: each listed directorate covers exactly its lines' districts; directorates it does
 * not list keep their record (accounts and agreements refer to them) but lose their districts.
 * Unknown district keys are refused with their line numbers.
 */
export async function importDirectorates(
  db: DbOrTrx,
  actor: Actor,
  source: ImportSource,
  opts: ImportOptions,
): Promise<DirectoratesReport> {
  const file = unwrapZip(source, /\.csv$/i, { maxBytes: opts.maxBytes });
  const csv = parseOrProblem(() => parseDirectoratesCsv(file.data));

  const districts = new Map((await repo.listDistrictKeys(db)).map((d) => [d.ags, d]));
  const issues: ImportIssue[] = [];
  for (const r of csv.rows) {
    const d = districts.get(r.districtAgs);
    if (!d) {
      issues.push({
        line: r.line,
        field: 'kreis_ags',
        code: 'unknown_district',
        message: {
          de: `Kreis ${r.districtAgs} ist im Gemeindeverzeichnis unbekannt (zuerst das GV100AD importieren).`,
          en: `District ${r.districtAgs} is not in the municipality directory (import the GV100AD first).`,
        },
      });
    } else if (d.active !== 1) {
      issues.push({
        line: r.line,
        field: 'kreis_ags',
        code: 'inactive_district',
        message: {
          de: `Kreis ${r.districtAgs} (${d.name}) besteht nicht mehr.`,
          en: `District ${r.districtAgs} (${d.name}) no longer exists.`,
        },
      });
    }
  }
  if (issues.length) throw importProblem(new ImportFileError(DIRECTORATES_FORMAT, issues));

  // The wanted assignment, in file order of first appearance.
  const wanted = new Map<string, string[]>();
  for (const r of csv.rows) wanted.set(r.directorate, [...(wanted.get(r.directorate) ?? []), r.districtAgs]);

  const existing = await repo.listDirectoratesWithDistricts(db);
  const unmatched = new Set(existing);
  const matchOf = new Map<string, (typeof existing)[number]>();
  // Exact names first, then the short form, so that a renamed file still keeps the directorate's id.
  for (const pass of [
    (e: (typeof existing)[number], n: string) => e.name.toLowerCase() === n.toLowerCase(),
    (e: (typeof existing)[number], n: string) => directorateKey(e.name) === directorateKey(n),
  ]) {
    for (const name of wanted.keys()) {
      if (matchOf.has(name)) continue;
      const hit = [...unmatched].find((e) => pass(e, name));
      if (hit) {
        matchOf.set(name, hit);
        unmatched.delete(hit);
      }
    }
  }

  const report: DirectoratesReport = {
    kind: 'directorates',
    dryRun: opts.dryRun,
    changed: false,
    source: file.name,
    encoding: csv.encoding,
    directorates: [...wanted].map(([name, ags]) => ({ name, districts: ags.map((a) => ({ ags: a, name: districts.get(a)!.name })) })),
    added: [],
    renamed: [],
    updated: [],
    unlisted: [],
    uncoveredDistricts: [],
  };
  const relink: { id: number | null; name: string; districts: string[] }[] = [];
  for (const [name, ags] of wanted) {
    const hit = matchOf.get(name);
    if (!hit) {
      report.added.push(name);
      relink.push({ id: null, name, districts: ags });
      continue;
    }
    if (hit.name !== name) report.renamed.push({ from: hit.name, to: name });
    const had = new Set(hit.districts.map((d) => d.ags));
    const want = new Set(ags);
    const districtsAdded = ags.filter((a) => !had.has(a));
    const districtsRemoved = [...had].filter((a) => !want.has(a));
    if (districtsAdded.length || districtsRemoved.length) {
      report.updated.push({ name, districtsAdded, districtsRemoved });
      relink.push({ id: hit.id, name, districts: ags });
    }
  }
  // Directorates are never deleted: accounts and signed agreements refer to them.
  const stripped = [...unmatched].filter((u) => u.districts.length > 0);
  report.unlisted = [...unmatched].map((u) => ({ name: u.name, districtsRemoved: u.districts.map((d) => d.ags) }));
  const states = new Set(csv.rows.map((r) => r.districtAgs.slice(0, 2)));
  const covered = new Set(csv.rows.map((r) => r.districtAgs));
  report.uncoveredDistricts = [...districts.values()]
    .filter((d) => d.active === 1 && states.has(d.state_ags) && !covered.has(d.ags))
    .map((d) => ({ ags: d.ags, name: d.name }))
    .sort((a, b) => a.ags.localeCompare(b.ags));
  report.changed = report.added.length + report.renamed.length + report.updated.length + stripped.length > 0;
  if (opts.dryRun || !report.changed) return report;

  // Links go first: a district belongs to one directorate (unique index), so old links must be gone before new ones.
  await repo.deleteDirectorateLinks(db, [...relink.flatMap((r) => (r.id === null ? [] : [r.id])), ...stripped.map((u) => u.id)]);
  for (const u of stripped) await repo.updateDirectorate(db, u.id, u.name);
  const links: { directorate_id: number; district_ags: string }[] = [];
  for (const r of relink) {
    const id = r.id ?? (await repo.insertDirectorate(db, r.name));
    if (r.id !== null) await repo.updateDirectorate(db, r.id, r.name);
    for (const ags of r.districts) links.push({ directorate_id: id, district_ags: ags });
  }
  for (const { to } of report.renamed) {
    const hit = matchOf.get(to)!;
    if (!relink.some((r) => r.id === hit.id)) await repo.updateDirectorate(db, hit.id, to);
  }
  await repo.insertDirectorateLinks(db, links);
  await recordAudit(db, actor, {
    action: 'territory.import.directorates',
    entityType: 'territory',
    entityId: 'directorates',
    after: {
      source: report.source,
      added: report.added,
      renamed: report.renamed,
      updated: report.updated,
      unlisted: report.unlisted.filter((u) => u.districtsRemoved.length),
    },
  });
  return report;
}
