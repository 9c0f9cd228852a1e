/*
 * Import of the whole BKA T01 file (400 districts × 41 keys = 16,400 rows) into a fresh database,
 * beside its baseline from the same run: parsing the same file only (decode, CSV, columns by name,
 * numbers, duplicate check). Target: the whole import under 1 s. Then the import as a user runs
 * it, `praevis import pks <file> --year 2022` in a process of its own on a fresh SQLite file (start-up
 * and migrations included), beside `node -e 0`. Reads ../shared/data (never copied).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR } from '../src/server/auth/principal.ts';
import { createTestDatabase, DIALECTS } from '../src/server/test/databases.ts';
import { REAL_FILES, REPO_ROOT, sharedDataFile } from '../src/server/test/shared-data.ts';
import { importPks } from '../src/server/modules/crime-stats/crime-stats.service.ts';
import { parsePksT01 } from '../src/server/modules/crime-stats/pks-t01.parser.ts';
import { timeProcess } from './_support.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function run(): Promise<void> {
  const file = sharedDataFile(REAL_FILES.pksT01);
  if (!file) return;
  const data = fs.readFileSync(file);
  const name = 'BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv';
  const parse: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    parsePksT01(data, { year: 2022, fileName: name });
    parse.push(performance.now() - t);
  }
  process.stdout.write(`baseline: parse only (16,400 rows), median of 5: ${median(parse).toFixed(0)} ms\n`);
  for (const dialect of DIALECTS) {
    const database = await createTestDatabase(dialect);
    try {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await database.db
          .transaction()
          .execute((trx) => importPks(trx, SYSTEM_ACTOR, { name, data }, { year: 2022, dryRun: false, maxBytes: 100_000_000 }));
        times.push(performance.now() - t);
      }
      const m = median(times);
      process.stdout.write(
        `${dialect}: whole import (parse, replace year, 16,400 rows, audit), median of 3: ${m.toFixed(0)} ms (${(m / median(parse)).toFixed(1)}× parse; target < 1000 ms: ${m < 1000 ? 'met' : 'NOT met'})\n`,
      );
    } finally {
      await database.destroy();
    }
  }
  // As run: the command in its own process, on a fresh SQLite file each time.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-bench-pks-'));
  try {
    const node: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < 3; i++) {
      node.push(await timeProcess(['-e', '0']));
      cli.push(
        await timeProcess([path.join(REPO_ROOT, 'bin/praevis.mjs'), 'import', 'pks', file, '--year', '2022'], {
          DATABASE_URL: path.join(dir, `pks-${i}.db`),
        }),
      );
    }
    process.stdout.write(
      `as run, median of 3: node -e 0 (baseline) ${median(node).toFixed(0)} ms; praevis import pks --year 2022 on a fresh SQLite file ${median(cli).toFixed(0)} ms\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
