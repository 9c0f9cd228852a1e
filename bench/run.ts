/*
 * Runs the benchmarks: every bench/*.ts file except this one exports `default async function()`
 * that measures its figures (with a baseline from the same run) and prints them.
 * `npm run bench` runs all; `npm run bench -- api` runs the files whose name contains "api". A bench
 * that throws (a run refused for answers that are not 2xx, a failed command) is reported and the
 * others still run; the exit code is then 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_') && (!filter || f.includes(filter)))
  .sort();
const failed: string[] = [];
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const mod = (await import(path.join(dir, f))) as { default: () => Promise<void> };
  try {
    await mod.default();
  } catch (error) {
    // A refused or broken bench prints why and the others still run; the run as a whole fails.
    failed.push(f);
    process.stdout.write(`FAILED ${f}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
if (failed.length) process.stdout.write(`\n${failed.length} of ${files.length} benches failed: ${failed.join(', ')}\n`);
process.exit(failed.length ? 1 : 0);
