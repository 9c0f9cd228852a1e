/*
 * Runs the benchmarks: every bench/*.ts file except this one exports `default async function()`
 * that measures its figures (with a baseline from the same run) and prints them.
 * `npm run bench` runs all; `npm run bench -- api` runs the files whose name contains "api".
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
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const mod = (await import(path.join(dir, f))) as { default: () => Promise<void> };
  await mod.default();
}
process.exit(0);
