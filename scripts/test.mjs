#!/usr/bin/env node
// The whole test suite: API and unit tests (Vitest, on SQLite and PostgreSQL), then the end-to-end
// tests in Chromium (Playwright). Prints one closing line "N passed, N failed" for both together.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-test-'));
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};

let passed = 0;
let failed = 0;
let skipped = 0;

// The guardrails first, on the whole tree: types, lint (architecture boundaries, import cycles,
// typed rules) and format. Each counts as one test; a failure fails the run. They run side by side
// (each is mostly one process on one core; the CI machine has two) and their output is printed
// after each other. Skipped when the command names test files (a focused run).
if (process.argv.length <= 2) {
  const checks = [
    ['typecheck', 'npx', ['tsc', '--noEmit']],
    ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
    ['format', 'npx', ['prettier', '--check', '--log-level=warn', '.']],
  ].map(
    ([name, cmd, args]) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.once('error', (err) =>
          resolve({ name, cmd, args, status: 1, output: `${output}${err.message}\n`, ms: Date.now() - started }),
        );
        child.once('close', (status) => resolve({ name, cmd, args, status: status ?? 1, output, ms: Date.now() - started }));
      }),
  );
  for (const c of await Promise.all(checks)) {
    process.stdout.write(`\n> ${c.name}: ${c.cmd} ${c.args.join(' ')} (${(c.ms / 1000).toFixed(1)} s)\n${c.output}`);
    if (c.status === 0) passed += 1;
    else {
      failed += 1;
      process.stdout.write(`${c.name} failed\n`);
    }
  }
}

const vitestJson = path.join(out, 'vitest.json');
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
  ...process.argv.slice(2),
]);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else if (vitestStatus !== 0) failed += 1;

let e2eStatus = 0;
if (fs.existsSync('playwright.config.ts') && process.argv.length <= 2) {
  const build = run('node', ['scripts/build-web-if-stale.mjs']);
  const pwJson = path.join(out, 'playwright.json');
  e2eStatus = build || run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const p = readJson(pwJson);
  if (p?.stats) {
    passed += p.stats.expected + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
  } else if (e2eStatus !== 0) failed += 1;
}

const status = failed > 0 ? 1 : vitestStatus || e2eStatus;
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(status);
