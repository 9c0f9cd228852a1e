/*
 * GV100AD import of the whole German file (about 11,000 municipalities, --state all) as a user
 * runs it: `praevis import gv100ad <file> --state all` (bin/praevis.mjs in a process of its own, on
 * a fresh SQLite file, so start-up and migrations included), timed from spawn to exit, beside the
 * baseline `node -e 0` in the same run and the command's start-up alone (`--help` of the same
 * subcommand). Target: the import as run under 2 s. Below them, in-process figures that separate
 * the work: reading and parsing alone, a plain bulk insert of the same rows (the floor of any
 * import that writes them), the import function itself and a re-import of the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '../src/server/auth/principal.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { parseGv100ad } from '../src/server/modules/territory/gv100ad.parser.ts';
import { importGv100ad } from '../src/server/modules/territory/territory-import.service.ts';
import {
  upsertAssociations,
  upsertDistricts,
  upsertMunicipalities,
  upsertStates,
} from '../src/server/modules/territory/territory.repository.ts';
import { REAL_FILES, REPO_ROOT, SHARED_DATA_DIR } from '../src/server/test/shared-data.ts';
import { nowIso } from '../src/shared/time.ts';
import { timeProcess } from './_support.ts';

const TARGET_SECONDS = 2;
const MAX_BYTES = 100 * 1_048_576;

async function freshDatabase(dir: string, name: string) {
  const handle = openDatabase(path.join(dir, `${name}.db`));
  await migrateToLatest(handle.db);
  return handle;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The rows a database file holds, read back independently of the application. */
function countRows(file: string): { municipalities: number; districts: number } {
  const db = new Database(file, { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { municipalities: n('municipalities'), districts: n('districts') };
  } finally {
    db.close();
  }
}

export default async function gv100adImportBench(): Promise<void> {
  const file = path.resolve(SHARED_DATA_DIR, REAL_FILES.gv100ad);
  if (!fs.existsSync(file)) {
    process.stdout.write(`skipped: ${file} is missing (see ../shared/data/README.md)\n`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-bench-gv100ad-'));
  const runs = 3;
  const cli = path.join(REPO_ROOT, 'bin/praevis.mjs');
  const nodeTimes: number[] = [];
  const helpTimes: number[] = [];
  const cliTimes: number[] = [];
  const cliAgainTimes: number[] = [];
  const parseTimes: number[] = [];
  const insertTimes: number[] = [];
  const importTimes: number[] = [];
  const reimportTimes: number[] = [];
  let municipalities = 0;
  let records = 0;
  try {
    // As the user runs it: the command in a process of its own, on a fresh database file.
    for (let run = 0; run < runs; run++) {
      nodeTimes.push(await timeProcess(['-e', '0']));
      helpTimes.push(await timeProcess([cli, 'import', 'gv100ad', '--help']));
      const database = path.join(dir, `cli-${run}.db`);
      cliTimes.push(await timeProcess([cli, 'import', 'gv100ad', file, '--state', 'all'], { DATABASE_URL: database }));
      const stored = countRows(database);
      if (stored.municipalities < 10_000 || stored.districts !== 400)
        throw new Error(`the command stored ${stored.municipalities} municipalities and ${stored.districts} districts`);
      cliAgainTimes.push(await timeProcess([cli, 'import', 'gv100ad', file, '--state', 'all'], { DATABASE_URL: database }));
    }
    for (let run = 0; run < runs; run++) {
      // Baseline 1: read and parse, no database.
      let t = performance.now();
      const parsed = parseGv100ad(fs.readFileSync(file), { state: null });
      parseTimes.push(performance.now() - t);
      municipalities = parsed.municipalities.length;
      records = parsed.states.length + parsed.districts.length + parsed.associations.length + parsed.municipalities.length;

      // Baseline 2: the same rows bulk-inserted into empty tables, without comparing or reporting.
      const plain = await freshDatabase(dir, `plain-${run}`);
      const now = nowIso();
      t = performance.now();
      await plain.db.transaction().execute(async (trx) => {
        await upsertStates(
          trx,
          parsed.states.map((s) => ({ ags: s.ags, name: s.name, seat: s.seat, status_date: s.statusDate })),
        );
        await upsertDistricts(
          trx,
          parsed.districts.map((d) => ({
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
          })),
        );
        await upsertAssociations(
          trx,
          parsed.associations.map((a) => ({
            ars: a.ars,
            name: a.name,
            type_code: a.typeCode,
            seat: a.seat,
            district_ags: a.districtAgs,
            active: 1,
            status_date: a.statusDate,
          })),
        );
        await upsertMunicipalities(
          trx,
          parsed.municipalities.map((m) => ({
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
          })),
        );
      });
      insertTimes.push(performance.now() - t);
      await plain.destroy();

      // The import itself: read, parse, compare with the (empty) database, write, audit.
      const db = await freshDatabase(dir, `import-${run}`);
      t = performance.now();
      const data = fs.readFileSync(file);
      await db.db
        .transaction()
        .execute((trx) =>
          importGv100ad(trx, SYSTEM_ACTOR, { name: path.basename(file), data }, { state: null, dryRun: false, maxBytes: MAX_BYTES }),
        );
      importTimes.push(performance.now() - t);
      // And the same file again: compare only, nothing to write.
      t = performance.now();
      const again = await db.db
        .transaction()
        .execute((trx) =>
          importGv100ad(
            trx,
            SYSTEM_ACTOR,
            { name: path.basename(file), data: fs.readFileSync(file) },
            { state: null, dryRun: false, maxBytes: MAX_BYTES },
          ),
        );
      reimportTimes.push(performance.now() - t);
      if (again.changed) throw new Error('re-import changed data');
      await db.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const s = (ms: number) => (ms / 1000).toFixed(3);
  const rate = (ms: number) => Math.round(records / (ms / 1000)).toLocaleString('en');
  const asRun = median(cliTimes);
  const imp = median(importTimes);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`GV100AD_301121.ASC, all states: ${municipalities} municipalities, ${records} records stored; SQLite file, median of ${runs} runs`);
  out(`as run (spawn to exit):`);
  out(`  baseline node -e 0                             ${s(median(nodeTimes))} s`);
  out(`  praevis import gv100ad --help (start-up only)  ${s(median(helpTimes))} s`);
  out(
    `  praevis import gv100ad --state all (fresh db)  ${s(asRun)} s  target < ${TARGET_SECONDS} s: ${asRun / 1000 < TARGET_SECONDS ? 'met' : 'MISSED'}` +
      ` (${Math.round(((asRun - imp) / asRun) * 100)} % of it outside the import function: start-up, migrations, report)`,
  );
  out(`  the same command again (no changes)            ${s(median(cliAgainTimes))} s`);
  out(`in process (the work without start-up):`);
  out(`  baseline read+parse only                       ${s(median(parseTimes))} s  ${rate(median(parseTimes))} records/s`);
  out(`  baseline plain bulk insert                     ${s(median(insertTimes))} s  ${rate(median(insertTimes))} records/s`);
  out(`  import function (fresh database)               ${s(imp)} s  ${rate(imp)} records/s`);
  out(`  re-import of the same file                     ${s(median(reimportTimes))} s  (no changes)`);
  out(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min) – timings scale with it`,
  );
}
